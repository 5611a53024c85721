/** Test data for the console tests: keys a share of a campaign's issued forms twice (identically) so they count. */
import { getCampaign } from '../../db/campaigns.repo';
import { importKeyedRows } from '../../db/entry.repo';
import { issueForms, listForms } from '../../db/forms.repo';
import type { Db } from '../../db/open';
import { formOf, groupByCode } from '../../surveys/scope';
import { seedCampaign, serialsOf } from '../helpers/seed';

/** A small deterministic PRNG so that seeded answers are the same on every run. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Issues forms (paper) and keys `share` of them in both passes; answers lean towards `bias` (0..1, higher = better). */
export function seedAnswers(db: Db, code: string, opts: { share?: number; seed?: number } = {}): number {
  const c = getCampaign(db, code)!;
  issueForms(db, c, 'paper', 'seed');
  const rand = prng(opts.seed ?? 7);
  const share = opts.share ?? 0.6;
  const rows: { row: number; cells: { serial: string; unit: string; question: string; answer: string } }[] = [];
  let forms = 0;
  for (const f of listForms(db, c.id)) {
    if (f.status !== 'issued' || rand() > share) continue;
    forms += 1;
    const form = formOf(c.def, groupByCode(c.def, f.groupCode)!);
    const options = c.def.optionSets.find((s) => s.code === form.optionSet)!.options.map((o) => o.code);
    // Each home unit has its own leaning, so scores differ between units.
    const lean = (f.seq % 5) / 5;
    for (const unit of f.targets) {
      for (const q of form.questions) {
        const r = rand();
        const k = Math.min(options.length - 1, Math.floor(((r + lean) / 2) * options.length));
        rows.push({ row: rows.length + 2, cells: { serial: f.serial, unit, question: q.code, answer: options[k] } });
      }
    }
  }
  for (const [pass, operator] of [
    [1, 'lan'],
    [2, 'minh'],
  ] as const) {
    const out = importKeyedRows(db, c, rows, { pass, operator, fileName: `seed-${pass}.csv` });
    if (!out.ok) throw new Error(JSON.stringify(out.problems.slice(0, 5)));
  }
  return forms;
}

/** The hand-worked mini campaign of test/cli/paper-path.test.ts, keyed identically twice: SA C1 1.35, SA C2 0.90, SB C1 0.68, SB C2 0.90. */
export function seedMini(db: Db): { serials: string[] } {
  const { c, forms } = seedCampaign(db);
  const [g1a, g1b] = serialsOf(forms, 'G1', null);
  const [g2a] = serialsOf(forms, 'G2', 'SA');
  const FORM1 = { 'SA/1': '1', 'SA/2': '2', 'SA/3': '9', 'SB/1': '2', 'SB/2': '4', 'SB/3': '2' };
  const FORM2 = { 'SA/1': '2', 'SA/2': '2', 'SA/3': '1', 'SB/1': '9', 'SB/2': '9', 'SB/3': '' };
  const FORM3 = { '/1': '4', '/2': '1', '/3': '3' };
  const rows = Object.entries({ [g1a]: FORM1, [g1b]: FORM2, [g2a]: FORM3 }).flatMap(([serial, cells]) =>
    Object.entries(cells).map(([cell, answer]) => {
      const [unit, question] = cell.split('/');
      return { serial, unit, question, answer };
    }),
  );
  const numbered = rows.map((cells, i) => ({ row: i + 2, cells }));
  for (const [pass, operator] of [
    [1, 'lan'],
    [2, 'minh'],
  ] as const) {
    const out = importKeyedRows(db, c, numbered, { pass, operator, fileName: `mini-${pass}.csv` });
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
  }
  return { serials: forms.map((f) => f.serial) };
}
