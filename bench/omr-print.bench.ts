/** Scan reader figures on real print output (issue 15): sample forms of every printed kind printed to PDF once, rasterised at 300 dpi, then marked and scanned like the synthetic pages of omr.bench.ts (half clean, half distorted) and read on two worker threads. */
import { cpus } from 'node:os';
import { Piscina } from 'piscina';
import { printableForms } from '../db/forms.repo';
import { openDb } from '../db/open';
import { measureLayoutMap } from '../server/render/layout-map';
import { htmlToPdf } from '../server/render/pdf';
import { pdfPagesToGrey } from '../server/render/pdf-raster';
import { renderPrintRun } from '../server/render/render';
import type { PageMap } from '../surveys/omr/layout-map';
import type { GreyImage } from '../surveys/omr/reading';
import { SAMPLE_CAMPAIGN, seedCampaign } from '../test/helpers/seed';
import { HARD, ORDINARY, drawAnswers, randomDistortion, scanPage } from '../test/helpers/synthetic-scan';
import { count, line, type Result, tally } from './omr.bench';

/** Pages to read: 200 by default (each a copy of one of the printed pages, marked afresh), fewer for a quick run. */
const PAGES = Number(process.env.BENCH_OMR_PRINT_PAGES ?? 200);
const PRINT_DPI = 300;
const BATCH = 8;
const THREADS = 2;

/** The printed pages and their measured maps: CT-01 banded landscape, CT-02 one unit in columns, CH-02 stacked, CH-03 over three portrait pages. */
export async function printed(): Promise<{ page: PageMap; pixels: GreyImage }[]> {
  const db = openDb(':memory:');
  const { c } = seedCampaign(db, {
    file: SAMPLE_CAMPAIGN,
    patch: (raw) => {
      const f = raw.forms.find((x: { code: string }) => x.code === 'CH-03');
      f.questions = Array.from({ length: 4 }, (_, k) => f.questions.map((q: { code: string }) => ({ ...q, code: `${k + 1}.${q.code}` }))).flat();
    },
  });
  const all = printableForms(db, c.id, {});
  const first = (form: string) => all.find((f) => c.def.groups.find((g) => g.code === f.groupCode)!.form === form)!;
  const forms = ['CT-01', 'CT-02', 'CH-02', 'CH-03'].map(first);
  const map = await measureLayoutMap(c.def, forms);
  const pdf = await htmlToPdf(await renderPrintRun(c.def, forms));
  const pixels: GreyImage[] = [];
  for await (const img of pdfPagesToGrey(pdf, PRINT_DPI)) pixels.push(img);
  return map.forms.flatMap((f) => f.pages).map((page, k) => ({ page, pixels: pixels[k] }));
}

export async function bench(): Promise<void> {
  const p0 = Date.now();
  const pages = await printed();
  const printS = (Date.now() - p0) / 1000;
  const pool = new Piscina({ filename: new URL('./omr-worker.ts', import.meta.url).href, minThreads: THREADS, maxThreads: THREADS });
  const clean = tally();
  const distorted = tally();
  const perKind = new Map<string, ReturnType<typeof tally>>();
  let readNs = 0n;
  let threadMs = 0;
  let megapixels = 0;
  for (let at = 0; at < PAGES; at += BATCH) {
    const batch: { isClean: boolean; page: PageMap; s: Awaited<ReturnType<typeof scanPage>>; truth: ReturnType<typeof drawAnswers> }[] = [];
    for (let i = at; i < Math.min(PAGES, at + BATCH); i++) {
      // Every printed page in turn, a round of them clean, the next distorted, so each kind gets both.
      const isClean = Math.floor(i / pages.length) % 2 === 0;
      const { page, pixels } = pages[i % pages.length];
      const marked = { ...pixels, data: new Uint8Array(pixels.data) };
      const truth = drawAnswers(marked, PRINT_DPI, page, 104729 * i + 8, isClean ? ORDINARY : HARD);
      const s = await scanPage(marked, PRINT_DPI, page, randomDistortion(7919 * i + 13, isClean), 104729 * i + 9);
      batch.push({ isClean, page, s, truth });
    }
    for (const { s } of batch) megapixels += (s.image.width * s.image.height) / 1e6;
    const r0 = process.hrtime.bigint();
    const results: Result[] = await Promise.all(batch.map(({ page, s }) => pool.run({ image: s.image, map: page })));
    readNs += process.hrtime.bigint() - r0;
    results.forEach((r, k) => {
      const { isClean, page, truth } = batch[k];
      threadMs += r.ms;
      count(isClean ? clean : distorted, r, truth);
      const kind = `${page.orientation} ${page.boxes.length} boxes`;
      count(perKind.get(kind) ?? perKind.set(kind, tally()).get(kind)!, r, truth);
    });
  }
  await pool.destroy();
  const all = tally();
  for (const t of [clean, distorted]) for (const k of ['pages', 'problems', 'cells', 'silent', 'unsure', 'ambiguous'] as const) all[k] += t[k];
  console.log(
    `printed ${pages.length} pages (${pages.map((p) => `${p.page.orientation} ${p.page.boxes.length} boxes`).join(', ')}) and rasterised at ${PRINT_DPI} dpi in ${printS.toFixed(0)} s`,
  );
  console.log(line('real print, clean scans', clean));
  console.log(line('real print, distorted scans', distorted));
  console.log(line('real print, all', all));
  for (const [kind, t] of perKind) console.log(line(`  ${kind}`, t));
  console.log(`why sent to a person (clean): ${JSON.stringify(clean.why)}`);
  console.log(`why sent to a person (distorted): ${JSON.stringify(distorted.why)}`);
  console.log(
    `speed: ${(all.pages / (Number(readNs) / 1e9)).toFixed(1)} pages/s on ${THREADS} worker threads (${cpus().length} cores shared), ${(threadMs / all.pages).toFixed(0)} ms a page in one thread, ${(megapixels / all.pages).toFixed(1)} Mpx a page`,
  );
}
