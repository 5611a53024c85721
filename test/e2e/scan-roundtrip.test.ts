/** Issue 15 end to end on real print output: forms of every printed kind printed to PDF, rasterised, marked, scanned with distortions, shuffled into one PDF with pages not ours, imported by the real CLI, and the database checked against the truth. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { printableForms } from '../../db/forms.repo';
import { closeDb, openDb, openDbReadonly } from '../../db/open';
import { nextToVerify } from '../../db/scans.repo';
import { rowCropPng } from '../../server/scan/crop-png';
import { measureLayoutMap } from '../../server/render/layout-map';
import { htmlToPdf } from '../../server/render/pdf';
import { pdfPagesToGrey } from '../../server/render/pdf-raster';
import { renderPrintRun } from '../../server/render/render';
import type { PageMap } from '../../surveys/omr/layout-map';
import type { GreyImage } from '../../surveys/omr/reading';
import { type CliResult, runCli, tempDir } from '../helpers/cli';
import { SAMPLE_CAMPAIGN, seedCampaign } from '../helpers/seed';
import { CLEAN, type CellTruth, type Distortion, drawAnswers, drawPage, HARD, prng, scanPage } from '../helpers/synthetic-scan';

/** The printed pages are rasterised at this resolution, as a 300 dpi print would lie on paper. */
const PRINT_DPI = 300;
const dir = tempDir();
const dbPath = join(dir, 'cchc.db');
const env = { SCANS_PATH: join(dir, 'scans') };

/** The scanner settings the stack went through, one a page in turn (README: grey 200/300 dpi is the advice; the rest happen). */
const SCANNERS: Distortion[] = [
  // The first page is CT-01's landscape sheet: fed upright into a portrait scanner, it comes out a quarter turn round.
  { ...CLEAN, dpi: 200, quarter: 270 },
  { ...CLEAN, dpi: 200, quarter: 180 },
  { ...CLEAN, dpi: 300, angle: 2, noise: 4 },
  { ...CLEAN, dpi: 200, angle: -2, jpeg: 75, blur: 0.5 },
  { ...CLEAN, dpi: 300, mode: 'bw' },
  { ...CLEAN, dpi: 200, quarter: 90, angle: 1 },
];

type ScanSheet = { image: GreyImage; encoded: Buffer | null; dpi: number; what: string };
type Truth = CellTruth & { serial: string };

let code = '';
let twiceSerial = '';
let readSerials: string[] = [];
const truth: Truth[] = [];
/** Each printed page's map by serial and page. */
const pageMaps = new Map<string, PageMap>();
let cli: CliResult;

/** One multi-page PDF of the scanned sheets, each embedded at its scan dpi (JPEG as encoded, the others as grey PNG), as a scanner's «scan to PDF» makes. */
async function stackPdf(sheets: ScanSheet[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const s of sheets) {
    const bytes =
      s.encoded ??
      (await sharp(Buffer.from(s.image.data.buffer, s.image.data.byteOffset, s.image.data.length), {
        raw: { width: s.image.width, height: s.image.height, channels: 1 },
      })
        .png()
        .toBuffer());
    const img = s.encoded ? await doc.embedJpg(bytes) : await doc.embedPng(bytes);
    const w = (s.image.width * 72) / s.dpi;
    const h = (s.image.height * 72) / s.dpi;
    doc.addPage([w, h]).drawImage(img, { x: 0, y: 0, width: w, height: h });
  }
  return doc.save();
}

beforeAll(async () => {
  // The sample campaign, issued, with CH-03 four times as long (a one-unit form over three portrait pages) and the
  // machine's unsure cells queued for a person (verify), so the queue can be checked against the truth.
  const db = openDb(dbPath);
  const { c } = seedCampaign(db, {
    file: SAMPLE_CAMPAIGN,
    patch: (raw) => {
      raw.scanCompletion = 'verify';
      const f = raw.forms.find((x: { code: string }) => x.code === 'CH-03');
      f.questions = Array.from({ length: 4 }, (_, k) => f.questions.map((q: { code: string }) => ({ ...q, code: `${k + 1}.${q.code}` }))).flat();
    },
  });
  code = c.code;
  const all = printableForms(db, c.id, {});
  closeDb(db);
  const ofForm = (form: string) => all.filter((f) => c.def.groups.find((g) => g.code === f.groupCode)!.form === form);
  // CT-01: 20 departments banded on one landscape page; CT-02: one unit, a column per option; CH-02: 8 districts
  // stacked two boxes a line; CH-03: three pages; and a second CT-02 form whose page is scanned twice.
  const forms = [ofForm('CT-01')[0], ofForm('CT-02')[0], ofForm('CH-02')[0], ofForm('CH-03')[0], ofForm('CT-02')[1]];
  twiceSerial = forms[4].serial;
  readSerials = forms.slice(0, 4).map((f) => f.serial);

  const map = await measureLayoutMap(c.def, forms);
  const pdf = await htmlToPdf(await renderPrintRun(c.def, forms));
  const printed: GreyImage[] = [];
  for await (const img of pdfPagesToGrey(pdf, PRINT_DPI)) printed.push(img);
  const pages = map.forms.flatMap((f) => f.pages.map((page) => ({ serial: f.serial, page })));
  expect(printed).toHaveLength(pages.length);
  for (const { serial, page } of pages) pageMaps.set(`${serial}/${page.page}`, page);

  const sheets: ScanSheet[] = [];
  for (const [k, { serial, page }] of pages.entries()) {
    const marked = { ...printed[k], data: new Uint8Array(printed[k].data) };
    for (const t of drawAnswers(marked, PRINT_DPI, page, 100 + k, HARD)) truth.push({ ...t, serial });
    const d = SCANNERS[k % SCANNERS.length];
    const s = await scanPage(marked, PRINT_DPI, page, d, 200 + k);
    sheets.push({ ...s, dpi: d.dpi, what: `${serial}/${page.page}` });
    if (serial === twiceSerial)
      sheets.push({ ...(await scanPage(marked, PRINT_DPI, page, SCANNERS[0], 300 + k)), dpi: 200, what: `${serial}/${page.page} again` });
  }
  // Pages that are not ours: a blank sheet, a page whose QR code is someone else's, a page of a serial not in the campaign.
  const first: PageMap & { serial: string } = { ...pages[0].page, serial: pages[0].serial };
  const blank = { width: 1654, height: 2339, data: new Uint8Array(1654 * 2339).fill(250) };
  sheets.push({ image: blank, encoded: null, dpi: 200, what: 'blank' });
  for (const [qr, what] of [
    ['https://dichvucong.gov.vn', 'not ours'],
    ['999999/1/1', 'other campaign'],
  ] as const) {
    const drawn = drawPage(first, 200, 7, qr);
    sheets.push({ ...(await scanPage(drawn, 200, first, CLEAN, 8)), dpi: 200, what });
  }
  // Shuffled as a stack of returns comes in.
  const r = prng(15);
  for (let i = sheets.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [sheets[i], sheets[j]] = [sheets[j], sheets[i]];
  }
  const file = join(dir, 'chong-phieu.pdf');
  writeFileSync(file, await stackPdf(sheets));
  cli = runCli(dbPath, ['scan', 'import', code, file, '--operator', 'Thu'], undefined, env);
  console.log(cli.stdout, sheets.map((s) => s.what).join(' '));
}, 300_000);

describe('a stack of printed, marked and scanned forms imported as one PDF', () => {
  it('reads every form whose pages are all there once as a machine pass, and lists every page it could not use', () => {
    expect(cli.status, cli.stderr).toBe(0);
    const lines = cli.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^11 pages: 4 forms read \(pass 1: 4, pass 2: 0\), \d+ cells sent to verification, 5 problems$/);
    const problems = lines.slice(1).join('\n');
    expect(problems).toMatch(/no QR code found/);
    expect(problems).toMatch(/dichvucong/);
    expect(problems).toMatch(/999999/);
    expect(problems).toContain(`page 1 of form ${twiceSerial} is scanned twice`);
    expect(problems).toContain(`form ${twiceSerial} has page 1 twice; the form is not read yet`);
    // Grouped: the pages a rescan helps (no QR code, the page twice and its form asking for it again), then those it
    // does not (a QR code not ours, a serial not in the campaign).
    expect(lines[1]).toBe('Scan these pages again, or key their forms at the desk (pages a form already has are kept) (3):');
    expect(lines.slice(-3)).toEqual([
      'No rescan needed (2):',
      expect.stringMatching(/^ {2}chong-phieu\.pdf page \d+: (form 999999 |cannot read the page: the QR code "https)/),
      expect.stringMatching(/^ {2}chong-phieu\.pdf page \d+: (form 999999 |cannot read the page: the QR code "https)/),
    ]);
  });

  // A cell marked to be hard (light pencil, a mark overflowing its box) may be read right and sure; one the machine
  // was unsure of, or a box filled in alone (which the rules always ask about), must wait in the verification queue.
  it('has no silent error: every cell the machine was sure of is the truth, every unsure one and every box filled in alone waits for a person', () => {
    const sql = new Database(dbPath, { readonly: true });
    try {
      const cells = sql
        .prepare('SELECT p.serial, c.unit, c.question, c.answer, c.sure, c.queued FROM scan_cells c JOIN scan_pages p ON p.id = c.page_id')
        .all() as { serial: string; unit: string; question: string; answer: string; sure: number; queued: number }[];
      const read = new Map(cells.map((c) => [`${c.serial}|${c.unit}|${c.question}`, c]));
      const wrong: string[] = [];
      const notQueued: string[] = [];
      let checked = 0;
      for (const t of truth.filter((x) => readSerials.includes(x.serial))) {
        const c = read.get(`${t.serial}|${t.unit}|${t.question}`);
        expect(c, `${t.serial} ${t.unit}.${t.question}`).toBeDefined();
        checked++;
        if (c!.sure && c!.answer !== t.answer) wrong.push(`${t.serial} ${t.unit}.${t.question}: read ${c!.answer}, truth ${t.answer} (${t.kind})`);
        if ((!c!.sure || t.kind === 'filled') && !c!.queued) notQueued.push(`${t.serial} ${t.unit}.${t.question} (${t.kind}) read ${c!.answer}`);
      }
      expect(wrong).toEqual([]);
      expect(notQueued).toEqual([]);
      // CT-01: 20 departments × 10 questions; CT-02: 10 questions; CH-02: 8 districts × 9; CH-03: 10 questions × 4.
      expect(checked).toBe(200 + 10 + 72 + 40);
      // The queue the verification screen walks is these cells, as many as the CLI said.
      const queued = cells.filter((c) => c.queued).length;
      expect(queued).toBeGreaterThan(0);
      expect(cli.stdout).toContain(`, ${queued} cells sent to verification,`);
      const campaignId = (sql.prepare('SELECT id FROM campaigns WHERE code = ?').get(code) as { id: number }).id;
      const db = openDbReadonly(dbPath);
      expect(nextToVerify(db, campaignId).remaining).toBe(queued);
      db.$client.close();
      // The machine's passes: one a form read, by omr, with the cells it was sure of as read.
      const passes = sql
        .prepare("SELECT f.serial FROM submissions s JOIN form_instances f ON f.id = s.form_id WHERE s.actor = 'omr' ORDER BY f.serial")
        .all() as { serial: string }[];
      expect(passes.map((p) => p.serial)).toEqual([...readSerials].sort());
    } finally {
      sql.close();
    }
  });

  // The crop a person checks a cell against, on real stored pages turned every way the scanners here turned them: cut
  // upright and on the right row, every box's border lies where the map puts it (a crop turned over, or of another
  // row, misses them: rows are padded 3 mm left and 1 mm right).
  it('cuts the row of each cell upright from its stored page: every border of every box of the cell is where the map puts it', async () => {
    const sql = new Database(dbPath, { readonly: true });
    const cells = sql
      .prepare(
        `SELECT p.serial, p.page, p.image_hash AS hash, p.transform, p.rotation, c.unit, c.question, c.row FROM scan_cells c
         JOIN scan_pages p ON p.id = c.page_id WHERE p.batch_id IS NOT NULL GROUP BY p.id`,
      )
      .all() as { serial: string; page: number; hash: string; transform: string; rotation: number; unit: string; question: string; row: string }[];
    sql.close();
    expect(new Set(cells.map((c) => c.rotation)).size).toBeGreaterThan(1);
    const PX = 8; // rowCropPng: 8 px a mm, 4 mm round the row
    for (const c of cells) {
      const row = JSON.parse(c.row) as { x: number; y: number; w: number; h: number };
      const png = await rowCropPng(env.SCANS_PATH, c.hash, JSON.parse(c.transform), row);
      const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
      const dark = (x: number, y: number) => {
        const [u, v] = [Math.round((x - row.x + 4) * PX), Math.round((y - row.y + 4) * PX)];
        let least = 255;
        for (let j = -2; j <= 2; j++) for (let i = -2; i <= 2; i++) least = Math.min(least, data[(v + j) * info.width + u + i]);
        return least < 128;
      };
      const boxes = pageMaps.get(`${c.serial}/${c.page}`)!.boxes.filter((b) => b.unit === c.unit && b.question === c.question);
      expect(boxes.length).toBeGreaterThan(0);
      const missed = boxes.flatMap((b) =>
        [
          [b.x + 0.15, b.y + b.h / 2],
          [b.x + b.w - 0.15, b.y + b.h / 2],
          [b.x + b.w / 2, b.y + 0.15],
          [b.x + b.w / 2, b.y + b.h - 0.15],
        ]
          .filter(([x, y]) => !dark(x, y))
          .map(([x, y]) => `${c.serial}/${c.page} ${c.unit}.${c.question} box ${b.answer} at ${x.toFixed(1)}, ${y.toFixed(1)} mm`),
      );
      expect(missed).toEqual([]);
    }
  });
});
