/** The `cchc` command line: parses arguments, opens the database at DATABASE_PATH, runs one command, sets the exit status. */
import { parseArgs } from 'node:util';
import { closeDb, openDb } from '../db/open';
import { loadConfig } from '../server/config';
import type { Command, Values } from './command';
import { backupCommand, userCommand } from './commands/admin';
import { analysisCommand } from './commands/analysis';
import { campaignCommand } from './commands/campaign';
import { entryCommand, invalidateCommand } from './commands/entry';
import { exportCommand } from './commands/export';
import { accessCodesCommand, invitationsCommand } from './commands/invitations';
import { issueCommand, manifestCommand } from './commands/ledger';
import { printCommand } from './commands/print';
import { reportCommand } from './commands/report';
import { scanCommand } from './commands/scan';
import { quotasCommand, scoresCommand, selfCommand } from './commands/scores';
import { endQuietlyWhenStdoutCloses, InputError } from './io';

const COMMANDS: Record<string, Command> = {
  campaign: campaignCommand,
  issue: issueCommand,
  manifest: manifestCommand,
  print: printCommand,
  invitations: invitationsCommand,
  'access-codes': accessCodesCommand,
  entry: entryCommand,
  scan: scanCommand,
  invalidate: invalidateCommand,
  self: selfCommand,
  scores: scoresCommand,
  quotas: quotasCommand,
  analysis: analysisCommand,
  report: reportCommand,
  user: userCommand,
  backup: backupCommand,
  export: exportCommand,
};

function usage(): string {
  return ['usage: cchc <command> ...', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}

/** Exit status: 0 done, 1 bad input (every problem on stderr, nothing written), 2 anything else. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(name && name !== '--help' ? `unknown command "${name}"\n${usage()}` : usage());
    return name && name !== '--help' ? 1 : 0;
  }
  let db;
  try {
    const { positionals, values } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    const config = loadConfig(process.env);
    db = openDb(config.databasePath);
    await command.run(db, positionals, values as Values, config);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      for (const p of e.problems) console.error(p);
      return 1;
    }
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(e as Error).message}\nusage: cchc ${command.usage}`);
      return 1;
    }
    console.error(`error: ${(e as Error).stack ?? e}`);
    return 2;
  } finally {
    if (db) closeDb(db);
  }
}

endQuietlyWhenStdoutCloses();
process.exitCode = await main(process.argv.slice(2));
