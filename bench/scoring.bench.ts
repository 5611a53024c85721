/** Scoring at scale: a national-size synthetic campaign (≈100,000 counted forms, 10 million cells) and the provincial sample, against a bare SQL GROUP BY floor. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCampaign, loadCampaign } from '../db/campaigns.repo';
import { issueForms } from '../db/forms.repo';
import { openDb, type Db } from '../db/open';
import { CampaignSchema, checkCampaignText, type Campaign } from '../surveys/campaign';
import { formOf } from '../surveys/scope';
import { answerEveryForm } from '../test/helpers/answer-all';
import { MD4 } from '../test/helpers/campaigns';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCALE = Number(process.env.BENCH_SCALE ?? 1);

/** 20 departments, 10 criteria, 10 groups; each form asks 5 questions about every department: 100 cells a form. */
function nationalCampaign(formsPerGroup: number): Campaign {
  const units = Array.from({ length: 20 }, (_, i) => ({ code: `S${i + 1}`, name: `Sở số ${i + 1}`, level: 'so' }));
  const criteria = Array.from({ length: 10 }, (_, i) => ({ code: `C${i + 1}`, level: 'so', name: `Tiêu chí ${i + 1}`, maxPoints: 2.25 }));
  // Form F1 feeds criteria C1–C5 and F2 feeds C6–C10, so both forms together score every criterion.
  const forms = [0, 1].map((f) => ({
    code: `F${f + 1}`,
    title: `Phiếu ${f + 1}`,
    targetLevel: 'so',
    optionSet: 'MD4',
    questions: Array.from({ length: 5 }, (_, q) => ({ code: String(q + 1), text: 'Câu hỏi', criterion: `C${f * 5 + q + 1}` })),
  }));
  return CampaignSchema.parse({
    code: 'NATIONAL',
    name: 'Bench',
    year: 2026,
    province: 'Cả nước',
    spareShare: 0,
    optionSets: [MD4],
    units,
    criteria,
    forms,
    groups: Array.from({ length: 10 }, (_, g) => ({
      code: `G${g + 1}`,
      name: `Nhóm ${g + 1}`,
      form: `F${(g % 2) + 1}`,
      home: 'province',
      scope: 'all',
      quota: formsPerGroup,
      weight: 1 + (g % 3),
    })),
  });
}

/** Every issued form answered and counted (test/helpers/answer-all.ts), plus the floor's mapping tables. */
function answerAll(db: Db, code: string): number {
  const c = getCampaign(db, code)!;
  const sql = db.$client;
  const cells = answerEveryForm(db, code);
  // The floor's mapping tables: question → criterion per group, answer → fraction.
  sql.exec('create table bench_question (group_code text, question text, criterion text); create table bench_option (answer text, fraction real)');
  sql.exec('create index bench_question_key on bench_question (group_code, question); create index bench_option_key on bench_option (answer)');
  const mq = sql.prepare('insert into bench_question values (?, ?, ?)');
  for (const g of c.def.groups) for (const q of formOf(c.def, g).questions) mq.run(g.code, q.code, q.criterion);
  const mo = sql.prepare('insert into bench_option values (?, ?)');
  for (const o of c.def.optionSets[0].options) mo.run(o.code, o.fraction);
  sql.exec('analyze');
  return cells;
}

function timed(dbPath: string, code: string, mode: 'engine' | 'floor') {
  const runs = [0, 1, 2].map(() => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/scoring-worker.ts', dbPath, code, mode], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; rows: number; maxRssMb: number };
  });
  runs.sort((a, b) => a.ms - b.ms);
  return runs[1];
}

function report(label: string, dbPath: string, code: string, forms: number, cells: number) {
  const engine = timed(dbPath, code, 'engine');
  const floor = timed(dbPath, code, 'floor');
  console.log(`${label}: ${forms.toLocaleString('en')} counted forms, ${cells.toLocaleString('en')} cells`);
  console.log(`  scoring (SQL tallies + engine): ${(engine.ms / 1000).toFixed(3)} s, peak RSS ${engine.maxRssMb.toFixed(0)} MB, ${engine.rows} score cells`);
  console.log(`  floor (one SQL GROUP BY):       ${(floor.ms / 1000).toFixed(3)} s, peak RSS ${floor.maxRssMb.toFixed(0)} MB, ${floor.rows} sums`);
  console.log(`  ratio scoring / floor: ${(engine.ms / floor.ms).toFixed(2)}× (target ≤ 2×)`);
}

export async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
  try {
    const provincial = join(dir, 'provincial.db');
    const pdb = openDb(provincial);
    const sample = checkCampaignText(readFileSync(join(ROOT, 'surveys/samples/lai-chau-2020.json'), 'utf8'));
    if (!sample.ok) throw new Error('sample campaign invalid');
    loadCampaign(pdb, { ...sample.campaign, spareShare: 0 }, 'bench');
    const pForms = issueForms(pdb, getCampaign(pdb, 'LCU-2020')!, 'paper', 'bench').issued;
    const pCells = answerAll(pdb, 'LCU-2020');
    pdb.$client.close();
    report('provincial (Lai Châu sample)', provincial, 'LCU-2020', pForms, pCells);

    const national = join(dir, 'national.db');
    const ndb = openDb(national);
    loadCampaign(ndb, nationalCampaign(Math.round(10_000 * SCALE)), 'bench');
    const t0 = Date.now();
    const nForms = issueForms(ndb, getCampaign(ndb, 'NATIONAL')!, 'paper', 'bench').issued;
    const nCells = answerAll(ndb, 'NATIONAL');
    ndb.$client.close();
    console.log(`  (generating the national database took ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    report('national (synthetic)', national, 'NATIONAL', nForms, nCells);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
