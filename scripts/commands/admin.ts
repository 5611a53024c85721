/** `user add`, `user password` (passwords from stdin), `user logout` (ends sessions), and `backup` (a consistent copy of the live database). */
import { readFileSync } from 'node:fs';
import type { Db } from '../../db/open';
import { addUser, listUsers, logoutEverywhere, ROLES, setPassword } from '../../db/users.repo';
import { cleanText } from '../../surveys/text';
import { accountText } from '../../surveys/accounts';
import type { Command } from '../command';
import { fail, oneOf } from '../io';

const USAGE = [
  'user add <name> --role admin|supervisor|keyer --password-stdin',
  "user password <name> --password-stdin   (a new password; ends the account's sessions)",
  'user logout <name>                      (ends every session of the account)',
];

/** The password piped in; never taken from the command line, where `ps` and the shell history would show it. */
function passwordFromStdin(values: Record<string, unknown>): string {
  if (!values['password-stdin']) fail('--password-stdin is required: pipe the password in (it never appears on the command line)');
  return readFileSync(0, 'utf8').replace(/\r?\n$/, '');
}

function userId(db: Db, name: string): number {
  // Names as they are stored: cleaned (NFC, invisible characters), as `user add` and logins read them.
  return listUsers(db).find((u) => u.name === cleanText(name))?.id ?? fail(`no user named ${name}`);
}

export const userCommand: Command = {
  usage: USAGE.join('\n  '),
  options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  async run(db: Db, [sub, name], values) {
    if (!['add', 'password', 'logout'].includes(sub) || !name) fail(`usage: ${userCommand.usage}`);
    if (sub === 'add') {
      if (values.role === undefined) fail('--role admin|supervisor|keyer is required');
      const role = oneOf(values.role as string, ROLES, '--role', 'keyer');
      const out = await addUser(db, name, role, passwordFromStdin(values), 'cli');
      if (!out.ok) fail(accountText(out.problem, 'en'));
      console.log(`user ${out.user.name} (${out.user.role}) added`);
    } else if (sub === 'password') {
      const out = await setPassword(db, userId(db, name), passwordFromStdin(values), 'cli');
      if (!out.ok) fail(accountText(out.problem, 'en'));
      console.log(`password of ${out.name} set; its sessions have ended`);
    } else {
      const out = logoutEverywhere(db, userId(db, name), 'cli');
      if (!out.ok) fail(accountText(out.problem, 'en'));
      console.log(`every session of ${out.name} has ended`);
    }
  },
};

export const backupCommand: Command = {
  usage: 'backup <file>',
  options: {},
  async run(db: Db, [file]) {
    if (!file) fail(`usage: ${backupCommand.usage}`);
    // SQLite's online backup copies a consistent snapshot page by page while the server keeps writing.
    await db.$client.backup(file);
    console.log(`backup written to ${file}`);
  },
};
