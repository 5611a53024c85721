/** Seeds a campaign the way an admin does (load its file, issue its forms), for the tests that need a campaign with issued forms. */
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { getCampaign, loadCampaign, type StoredCampaign } from '../../db/campaigns.repo';
import { importKeyedRows } from '../../db/entry.repo';
import { issueForms, listForms, type FormRow } from '../../db/forms.repo';
import type { Db } from '../../db/open';
import { checkCampaign } from '../../surveys/campaign';
import type { Channel } from '../../surveys/ledger';
import { repoPath } from './cli';

export type SeedOptions = {
  /** The campaign file, as a path in the repository or an absolute one: the mini campaign of test/fixtures unless given. */
  file?: string;
  /** The campaign as parsed JSON (e.g. one a benchmark generates), instead of a file. */
  json?: unknown;
  /** Edits the file's parsed JSON before it is checked (names, quotas, a question's text). */
  patch?: (raw: Record<string, any>) => void;
  /** The channel the forms are issued for (`paper` unless given); `none` loads the campaign without issuing. */
  channel?: Channel | 'none';
};

export type SeededCampaign = {
  /** The stored campaign, as the routes load it. */
  c: StoredCampaign;
  /** Every issued form, in the order listForms gives. */
  forms: FormRow[];
};

const MINI_CAMPAIGN = 'test/fixtures/mini-campaign.json';
export const SAMPLE_CAMPAIGN = 'surveys/samples/lai-chau-2020.json';

/**
 * Loads a campaign file into `db` and issues its forms. Throws when the file does not check or does not load, so a
 * broken fixture fails the test's setup instead of its assertions.
 */
export function seedCampaign(db: Db, opts: SeedOptions = {}): SeededCampaign {
  const file = opts.json === undefined ? (opts.file ?? MINI_CAMPAIGN) : 'the campaign given';
  const raw = opts.json ?? JSON.parse(readFileSync(isAbsolute(file) ? file : repoPath(file), 'utf8').replace(/^\uFEFF/, ''));
  opts.patch?.(raw);
  const check = checkCampaign(raw);
  if (!check.ok) throw new Error(`${file} does not check: ${JSON.stringify(check.problems)}`);
  const loaded = loadCampaign(db, check.campaign, 'test');
  if (!loaded.ok) throw new Error(`${file} does not load: ${JSON.stringify(loaded.problems)}`);
  const c = getCampaign(db, check.campaign.code)!;
  const channel = opts.channel ?? 'paper';
  if (channel !== 'none') issueForms(db, c, channel, 'test');
  return { c, forms: listForms(db, c.id) };
}

/** The serials of the forms of one group (and home unit, when given), in issue order. */
export function serialsOf(forms: FormRow[], group: string, home?: string | null): string[] {
  return forms.filter((f) => f.groupCode === group && (home === undefined || f.homeUnit === home)).map((f) => f.serial);
}

/**
 * Keys one form of the mini campaign twice, pass 1 by lan and pass 2 by minh, every cell of SA and SB × questions 1–3
 * '1' except SB/2 ('1', then '3'): the two passes differ in one cell and the form waits for reconciliation. Returns
 * both imports' outcomes.
 */
export function keyInConflict(db: Db, c: StoredCampaign, serial: string) {
  const rows = (sb2: string) =>
    ['SA', 'SB']
      .flatMap((unit) => ['1', '2', '3'].map((question) => ({ serial, unit, question, answer: unit === 'SB' && question === '2' ? sb2 : '1' })))
      .map((cells, i) => ({ row: i + 2, cells }));
  return [
    importKeyedRows(db, c, rows('1'), { pass: 1, operator: 'lan', fileName: 'a.csv' }),
    importKeyedRows(db, c, rows('3'), { pass: 2, operator: 'minh', fileName: 'b.csv' }),
  ] as const;
}
