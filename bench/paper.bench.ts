/** Paper path figures: printing a ~1,200-form run to HTML, and importing a keyed CSV of one million cells beside a bare prepared-statement insert. */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { getCampaign, loadCampaign, type StoredCampaign } from '../db/campaigns.repo';
import { importKeyedRows, importKeyedStream } from '../db/entry.repo';
import { issueForms, listForms, printableForms } from '../db/forms.repo';
import { closeDb, openDb, type Db } from '../db/open';
import { readCsvRecords } from '../scripts/csv-stream';
import { renderPrintRun } from '../server/render/render';
import { checkCampaign, checkCampaignText, type Campaign } from '../surveys/campaign';
import { KEYED_HEADER, keyedText } from '../surveys/keyed';

const MB = 2 ** 20;
const mb = (n: number) => `${(n / MB).toFixed(0)} MB`;
const secs = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

async function benchPrint(dir: string): Promise<void> {
  const db = openDb(join(dir, 'print.db'));
  const check = checkCampaignText(readFileSync(new URL('../surveys/samples/lai-chau-2020.json', import.meta.url), 'utf8'));
  if (!check.ok) throw new Error('sample campaign');
  loadCampaign(db, check.campaign, 'bench');
  const c = getCampaign(db, check.campaign.code)!;
  issueForms(db, c, 'paper', 'bench');
  const forms = printableForms(db, c.id, {});
  const t0 = process.hrtime.bigint();
  const html = await renderPrintRun(c.def, forms);
  const s = secs(t0);
  const pages = html.match(/<section class="sheet /g)?.length ?? 0;
  console.log(`print: ${forms.length} forms (${pages} A4 pages) to one HTML file of ${mb(Buffer.byteLength(html))} in ${s.toFixed(2)} s`);
  closeDb(db);
}

/** A campaign whose province-wide group rates 50 departments on 20 questions: 1,000 cells per form. */
function bigCampaign(forms: number): Campaign {
  const units = Array.from({ length: 50 }, (_, i) => ({ code: `S${String(i + 1).padStart(2, '0')}`, name: `Sở số ${i + 1}`, level: 'so' }));
  const r = checkCampaign({
    code: 'BENCH',
    name: 'Đo hiệu năng',
    year: 2026,
    province: 'Tỉnh Thử',
    spareShare: 0,
    optionSets: [{ code: 'MD4', options: ['1', '2', '3', '4', '9'].map((code, i) => ({ code, label: `Mức ${code}`, fraction: i === 4 ? null : 1 - i / 4 })) }],
    units,
    criteria: [{ code: 'C1', level: 'so', name: 'Tiêu chí', maxPoints: 10 }],
    forms: [
      {
        code: 'F',
        title: 'Phiếu',
        targetLevel: 'so',
        optionSet: 'MD4',
        questions: Array.from({ length: 20 }, (_, i) => ({ code: String(i + 1), text: `Câu ${i + 1}`, criterion: 'C1' })),
      },
    ],
    groups: [{ code: 'G', name: 'Nhóm', form: 'F', home: 'province', scope: 'all', quota: forms }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.campaign;
}

const ANSWERS = ['1', '2', '3', '4', '9', '', '*'];

async function writeKeyedCsv(path: string, serials: string[], units: string[]): Promise<number> {
  const out = createWriteStream(path);
  out.write('\uFEFFserial,unit,question,answer\r\n');
  let n = 0;
  for (const s of serials) {
    let chunk = '';
    for (const u of units) for (let q = 1; q <= 20; q++) chunk += `${s},${u},${q},${ANSWERS[(n++ * 7 + q) % ANSWERS.length]}\r\n`;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return n;
}

function setup(dir: string, name: string, forms: number): { db: Db; c: StoredCampaign; serials: string[]; units: string[] } {
  const db = openDb(join(dir, `${name}.db`));
  const def = bigCampaign(forms);
  loadCampaign(db, def, 'bench');
  const c = getCampaign(db, 'BENCH')!;
  issueForms(db, c, 'paper', 'bench');
  return { db, c, serials: listForms(db, c.id).map((f) => f.serial), units: def.units.map((u) => u.code) };
}

/** The real path: streamed CSV → keyed checker → inserts, one BEGIN IMMEDIATE transaction (as `entry import`). */
async function realImport(dir: string, forms: number): Promise<{ cells: number; seconds: number; peakHeap: number; peakRss: number; fileBytes: number }> {
  const { db, c, serials, units } = setup(dir, `real-${forms}`, forms);
  const csv = join(dir, `keyed-${forms}.csv`);
  await writeKeyedCsv(csv, serials, units);
  global.gc?.();
  let peakHeap = process.memoryUsage().heapUsed;
  let peakRss = process.memoryUsage().rss;
  // The CLI's own path; memory is sampled between the reader's batches (about 1 MB of text each).
  async function* sampled() {
    for await (const records of readCsvRecords(csv, KEYED_HEADER)) {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
      yield records;
    }
  }
  const t0 = process.hrtime.bigint();
  const result = await importKeyedStream(db, c, sampled(), { pass: 1, operator: 'bench', fileName: 'bench.csv' });
  if (!result.ok)
    throw new Error(
      result.problems
        .slice(0, 5)
        .map((p) => keyedText(p, 'en'))
        .join('\n'),
    );
  const seconds = secs(t0);
  const fileBytes = statSync(csv).size;
  closeDb(db);
  return { cells: result.cells, seconds, peakHeap, peakRss, fileBytes };
}

/** The same checker and inserts fed from memory instead of the CSV reader: what the import costs without CSV parsing. */
function checkedFromMemory(dir: string, forms: number): { cells: number; seconds: number } {
  const { db, c, serials, units } = setup(dir, `mem-${forms}`, forms);
  function* rows() {
    let n = 0;
    for (const serial of serials)
      for (const unit of units)
        for (let q = 1; q <= 20; q++) {
          n++;
          yield { row: n + 1, cells: { serial, unit, question: String(q), answer: ANSWERS[(n * 7 + q) % ANSWERS.length] } };
        }
  }
  const t0 = process.hrtime.bigint();
  const result = importKeyedRows(db, c, rows(), { pass: 1, operator: 'bench', fileName: 'bench.csv' });
  if (!result.ok)
    throw new Error(
      result.problems
        .slice(0, 5)
        .map((p) => keyedText(p, 'en'))
        .join('\n'),
    );
  const seconds = secs(t0);
  closeDb(db);
  return { cells: result.cells, seconds };
}

/** The floor: the same cells inserted with one prepared statement, no CSV and no checks, in one transaction. */
function bareInsert(dir: string, forms: number): { cells: number; seconds: number } {
  const { db, serials, units } = setup(dir, `bare-${forms}`, forms);
  const client = db.$client;
  const ids = new Map(listForms(db, getCampaign(db, 'BENCH')!.id).map((f) => [f.serial, f.id]));
  const t0 = process.hrtime.bigint();
  const addSubmission = client.prepare(`INSERT INTO submissions (form_id, kind, actor, definition_version) VALUES (?, 'pass1', 'bench', 1) RETURNING id`);
  const addCell = client.prepare('INSERT INTO submission_cells (submission_id, unit, question, answer) VALUES (?, ?, ?, ?)');
  let n = 0;
  client
    .transaction(() => {
      for (const s of serials) {
        const { id } = addSubmission.get(ids.get(s)) as { id: number };
        for (const u of units) for (let q = 1; q <= 20; q++) addCell.run(id, u, String(q), ANSWERS[(n++ * 7 + q) % ANSWERS.length]);
      }
    })
    .immediate();
  const seconds = secs(t0);
  closeDb(db);
  return { cells: n, seconds };
}

export async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
  try {
    await benchPrint(dir);
    const rate = (cells: number, s: number) => Math.round(cells / s).toLocaleString('en-US');
    for (const forms of [250, 1000]) {
      const real = await realImport(dir, forms);
      const bare = bareInsert(dir, forms);
      const ratio = real.cells / real.seconds / (bare.cells / bare.seconds);
      console.log(
        `keyed import ${real.cells.toLocaleString('en-US')} cells (${mb(real.fileBytes)} CSV): ${real.seconds.toFixed(2)} s, ${rate(real.cells, real.seconds)} cells/s; ` +
          `bare insert ${rate(bare.cells, bare.seconds)} cells/s; ratio ${ratio.toFixed(2)} (target ≥ 0.33); ` +
          `peak heap ${mb(real.peakHeap)}, peak RSS ${mb(real.peakRss)}, maxRSS so far ${mb(process.resourceUsage().maxRSS * 1024)}`,
      );
    }
    const mem = checkedFromMemory(dir, 1000);
    const bare = bareInsert(dir, 1000);
    console.log(
      `same checker + inserts fed from memory (no CSV reader): ${rate(mem.cells, mem.seconds)} cells/s, ratio to bare ${(mem.cells / mem.seconds / (bare.cells / bare.seconds)).toFixed(2)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
