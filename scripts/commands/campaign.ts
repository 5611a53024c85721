/** `campaign load <file>` (workbook or JSON), `campaign list`, `campaign template`, `campaign export` and `campaign copy`. */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { getCampaign, listCampaigns, loadCampaign } from '../../db/campaigns.repo';
import type { Db } from '../../db/open';
import { campaignWorkbook, readCampaignFile, WORKBOOK_LIMITS } from '../../server/render/campaign-workbook';
import { type Campaign, campaignProblemText, campaignWarningText, checkCampaign } from '../../surveys/campaign';
import { copyCampaign } from '../../surveys/campaign-copy';
import { campaignLoadText } from '../../surveys/campaign-load-problems';
import { campaignOrFail } from '../campaign-lookup';
import type { Command, Values } from '../command';
import { emit, fail } from '../io';

const USAGE = [
  'campaign load <file.xlsx|file.json> | campaign list | campaign template [--out F.xlsx]',
  'campaign export <campaign> [--out F.xlsx|F.json] | campaign copy <campaign> --to NEW [--year Y] [--name N]',
].join('\n  ');

/** The campaign as a workbook (an .xlsx name) or as JSON (any other name, or stdout). */
async function write(def: Campaign | null, out: string | undefined) {
  if (out?.toLowerCase().endsWith('.xlsx') || (def === null && out === undefined)) {
    if (!out && process.stdout.isTTY) fail('the workbook is binary: give --out F.xlsx');
    emit(await campaignWorkbook(def), out);
  } else emit(`${JSON.stringify(def, null, 2)}\n`, out);
}

/** Stores a checked campaign, or fails with every problem; prints its code. */
function store(db: Db, c: Campaign) {
  const outcome = loadCampaign(db, c, 'cli');
  if (!outcome.ok) fail(...outcome.problems.map((p) => campaignLoadText(p, 'en')));
  if (outcome.unchanged) console.error(`no changes: the file is the stored definition of ${outcome.code} (version ${outcome.version}); nothing stored`);
  console.log(outcome.code);
}

async function load(db: Db, file: string) {
  const read = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  // Weighed before it is read: a file far beyond any campaign is refused without filling memory.
  if (read(() => statSync(file).size) > WORKBOOK_LIMITS.unpacked) {
    fail(campaignProblemText({ kind: 'not-a-workbook', reason: 'file-too-large', limit: WORKBOOK_LIMITS.unpacked }, 'en'));
  }
  const check = await readCampaignFile(
    read(() => readFileSync(file)),
    basename(file),
  );
  if (!check.ok) fail(...check.problems.map((p) => campaignProblemText(p, 'en')));
  for (const w of check.warnings) console.error(`warning: ${campaignWarningText(w)}`);
  store(db, check.campaign);
}

function copy(db: Db, code: string | undefined, values: Values) {
  const from = campaignOrFail(db, code);
  const to = values.to as string | undefined;
  if (!to) fail('name the new campaign code with --to NEW');
  if (getCampaign(db, to)) fail(campaignLoadText({ kind: 'code-taken', code: to }, 'en'));
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !Number.isInteger(year)) fail(`--year must be a year such as ${from.def.year + 1} (got "${values.year}")`);
  // The copy is checked as a file would be: a bad --to or --year is refused with the file's own wording.
  const check = checkCampaign(copyCampaign(from.def, { code: to, year, name: values.name as string | undefined }));
  if (!check.ok) fail(...check.problems.map((p) => campaignProblemText(p, 'en')));
  store(db, check.campaign);
}

export const campaignCommand: Command = {
  usage: USAGE,
  options: { out: { type: 'string' }, to: { type: 'string' }, year: { type: 'string' }, name: { type: 'string' } },
  async run(db: Db, [sub, arg], values) {
    if (sub === 'list') {
      for (const c of listCampaigns(db)) {
        console.log([c.code, c.name, `${c.units} units`, `${c.forms} forms`, `${c.issued} issued`, `${c.counted} counted`].join('\t'));
      }
      return;
    }
    if (sub === 'template') return write(null, values.out as string | undefined);
    if (sub === 'export') return write(campaignOrFail(db, arg).def, values.out as string | undefined);
    if (sub === 'copy') return copy(db, arg, values);
    if (sub !== 'load' || !arg) fail(`usage: ${USAGE}`);
    return load(db, arg);
  },
};
