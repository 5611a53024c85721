/** Web answers enter scores and quotas exactly as keyed paper does: the same answers give the same scores either way. */
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredCampaign } from '../../db/campaigns.repo';
import { importKeyedRows } from '../../db/entry.repo';
import type { FormRow } from '../../db/forms.repo';
import { loadQuotaCounts, loadTallies } from '../../db/scores.repo';
import { scoreCampaign } from '../../surveys/scoring';
import { buildTestApp, postForm } from '../helpers/app';
import { seedCampaign } from '../helpers/seed';

const apps: Awaited<ReturnType<typeof buildTestApp>>[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function setup() {
  const app = await buildTestApp();
  apps.push(app);
  return { app, ...seedCampaign(app.db, { channel: 'mixed' }) };
}

// Three forms: two province delegates rating both departments, one civil servant of SA rating SA.
const ANSWERS: Record<string, Record<string, string>>[] = [
  { G1: { 'SA.1': '1', 'SA.2': '2', 'SA.3': '9', 'SB.1': '2', 'SB.2': '4', 'SB.3': '2' } },
  { G1: { 'SA.1': '2', 'SA.2': '2', 'SA.3': '1', 'SB.1': '9', 'SB.2': '9', 'SB.3': '3' } },
  { G2: { 'SA.1': '4', 'SA.2': '1', 'SA.3': '3' } },
];

/** The i-th form of each group used by ANSWERS, in issue order. */
function pick(forms: FormRow[]): { form: FormRow; cells: Record<string, string> }[] {
  const used = new Map<string, number>();
  return ANSWERS.map((a) => {
    const [group, cells] = Object.entries(a)[0];
    const n = used.get(group) ?? 0;
    used.set(group, n + 1);
    const form = forms.filter((f) => f.groupCode === group && (group !== 'G2' || f.homeUnit === 'SA'))[n];
    return { form, cells };
  });
}

function keyPaper(db: Parameters<typeof importKeyedRows>[0], c: StoredCampaign, picked: ReturnType<typeof pick>) {
  const rows = picked.flatMap(({ form, cells }) =>
    Object.entries(cells).map(([k, answer]) => {
      const [unit, question] = k.split('.');
      return { serial: form.serial, unit, question, answer };
    }),
  );
  const numbered = rows.map((cells, i) => ({ row: i + 2, cells }));
  expect(importKeyedRows(db, c, numbered, { pass: 1, operator: 'lan', fileName: 'p1.csv' }).ok).toBe(true);
  expect(importKeyedRows(db, c, numbered, { pass: 2, operator: 'minh', fileName: 'p2.csv' }).ok).toBe(true);
}

describe('web answers in scores and quotas', () => {
  it('gives the same scores and counted quotas as the same answers keyed on paper', async () => {
    const web = await setup();
    for (const { form, cells } of pick(web.forms)) {
      const fields = Object.fromEntries(Object.entries(cells).map(([k, v]) => [`a.${k}`, v]));
      const res = await postForm(web.app, { from: `/r/${form.accessCode}`, fields: { ...fields, action: 'submit' } });
      expect(res.statusCode).toBe(200);
    }

    const paper = await setup();
    keyPaper(paper.app.db, paper.c, pick(paper.forms));

    const fromWeb = scoreCampaign(web.c.def, loadTallies(web.app.db, web.c.id));
    const fromPaper = scoreCampaign(paper.c.def, loadTallies(paper.app.db, paper.c.id));
    expect(fromWeb.cells.some((x) => x.status !== 'NO_DATA')).toBe(true);
    expect(fromWeb).toEqual(fromPaper);
    // SA, C1 (max 2.25), group-equal: G1 answers 1, 0.6, 0.6, 0.6 → 0.7; G2 answers 0, 1 → 0.5; mean 0.6 → 1.35.
    expect(fromWeb.cells.find((x) => x.unit === 'SA' && x.criterion === 'C1')).toMatchObject({ points: 1.35, n: 6 });

    const counted = (db: Parameters<typeof loadQuotaCounts>[0], id: number) =>
      loadQuotaCounts(db, id)
        .map((q) => ({ group: q.group, home: q.home, counted: q.counted }))
        .sort((a, b) => `${a.group}${a.home}`.localeCompare(`${b.group}${b.home}`));
    expect(counted(web.app.db, web.c.id)).toEqual(counted(paper.app.db, paper.c.id));
  });
});
