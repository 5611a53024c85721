/** Scan reader figures (issue 15): on synthetic scans (half clean, half distorted), silent errors per 1,000 cells, the share of cells sent to a person, and pages per second on two worker threads, beside a floor (one pass over every pixel of the same pages). */
import { cpus } from 'node:os';
import { Piscina } from 'piscina';
import type { GreyImage } from '../surveys/omr/reading';
import { type CellTruth, HARD, ORDINARY, randomDistortion, syntheticPageMap, syntheticScan } from '../test/helpers/synthetic-scan';

/** Pages to read: 1,000 by default, fewer for a quick run (BENCH_OMR_PAGES=40 npm run bench omr). */
const PAGES = Number(process.env.BENCH_OMR_PAGES ?? 1000);
/** The page layouts read in turn: 34 cells of 5 boxes in columns, 90 cells of 5 stacked boxes, the same banded (3.5 mm boxes with their code printed inside, as CT-01 prints them). */
const LAYOUTS = [
  { name: 'columns', layout: 'columns' },
  { name: 'stacked', layout: 'stacked' },
  { name: 'banded', layout: 'stacked', codeInside: true },
] as const;

/** Pages generated at once and then read together by the pool; only the reading is timed. */
const BATCH = 8;
const THREADS = 2;

export type Result = { ms: number; cells?: { answer: string; sure: boolean; why?: string }[]; problem?: string };
export type Tally = { pages: number; problems: number; cells: number; silent: number; unsure: number; ambiguous: number; why: Record<string, number> };
export const tally = (): Tally => ({ pages: 0, problems: 0, cells: 0, silent: 0, unsure: 0, ambiguous: 0, why: {} });

/** The floor: one pass summing every pixel of the page, the least any reader must do. */
export function floorPass(img: GreyImage): number {
  let s = 0;
  for (let i = 0; i < img.data.length; i++) s += img.data[i];
  return s;
}

export function count(t: Tally, r: Result, truth: CellTruth[]): void {
  t.pages++;
  if (!r.cells) {
    t.problems++;
    t.why[`page: ${r.problem}`] = (t.why[`page: ${r.problem}`] ?? 0) + 1;
    return;
  }
  r.cells.forEach((c, i) => {
    t.cells++;
    if (truth[i].ambiguous) t.ambiguous++;
    if (!c.sure) {
      t.unsure++;
      const k = `${c.why} (${truth[i].kind})`;
      t.why[k] = (t.why[k] ?? 0) + 1;
    } else if (c.answer !== truth[i].answer) t.silent++;
  });
}

export function line(name: string, t: Tally): string {
  const per1000 = (t.silent / t.cells) * 1000;
  return `${name}: ${t.pages} pages (${t.problems} not read), ${t.cells} cells, silent errors ${per1000.toFixed(3)} per 1,000 cells (${t.silent}), sent to a person ${((t.unsure / t.cells) * 100).toFixed(2)} % (${t.unsure}; cells marked to be hard: ${((t.ambiguous / t.cells) * 100).toFixed(2)} %)`;
}

export async function bench(): Promise<void> {
  const pool = new Piscina({ filename: new URL('./omr-worker.ts', import.meta.url).href, minThreads: THREADS, maxThreads: THREADS });
  const clean = tally();
  const distorted = tally();
  const perKind = new Map<string, Tally>();
  let readNs = 0n;
  let floorNs = 0n;
  let threadMs = 0;
  let genMs = 0;
  let megapixels = 0;
  // Warm the threads (module load, JIT) on one page before timing.
  {
    const map = syntheticPageMap({ serial: '012344', layout: 'columns' });
    const s = await syntheticScan({ map, distortion: randomDistortion(1, true), seed: 1 });
    await Promise.all([0, 1].map(() => pool.run({ image: s.image, map })));
  }
  for (let at = 0; at < PAGES; at += BATCH) {
    const g0 = process.hrtime.bigint();
    const batch: { isClean: boolean; map: ReturnType<typeof syntheticPageMap>; s: Awaited<ReturnType<typeof syntheticScan>>; kind: string }[] = [];
    for (let i = at; i < Math.min(PAGES, at + BATCH); i++) {
      const isClean = i % 2 === 0;
      // Each layout in turn, one page clean and the next distorted: one unit per row, stacked boxes, banded (the code inside).
      const layout = LAYOUTS[Math.floor(i / 2) % LAYOUTS.length];
      const map = syntheticPageMap({ serial: String(100000 + i), page: 1 + (i % 3), pages: 3, ...layout });
      const s = await syntheticScan({ map, distortion: randomDistortion(7919 * i + 13, isClean), seed: 104729 * i + 7, mix: isClean ? ORDINARY : HARD });
      batch.push({ isClean, map, s, kind: layout.name });
    }
    genMs += Number(process.hrtime.bigint() - g0) / 1e6;
    const f0 = process.hrtime.bigint();
    for (const { s } of batch) floorPass(s.image);
    floorNs += process.hrtime.bigint() - f0;
    for (const { s } of batch) megapixels += (s.image.width * s.image.height) / 1e6;
    const r0 = process.hrtime.bigint();
    const results: Result[] = await Promise.all(
      batch.map(({ map, s }) => {
        const data = s.image.data;
        return pool.run({ image: { width: s.image.width, height: s.image.height, data }, map }, { transferList: [data.buffer as ArrayBuffer] });
      }),
    );
    readNs += process.hrtime.bigint() - r0;
    results.forEach((r, k) => {
      threadMs += r.ms;
      count(batch[k].isClean ? clean : distorted, r, batch[k].s.truth);
      const kind = `${batch[k].kind}, ${batch[k].isClean ? 'clean' : 'distorted'}`;
      count(perKind.get(kind) ?? perKind.set(kind, tally()).get(kind)!, r, batch[k].s.truth);
    });
  }
  await pool.destroy();
  const all = tally();
  for (const t of [clean, distorted]) for (const k of ['pages', 'problems', 'cells', 'silent', 'unsure', 'ambiguous'] as const) all[k] += t[k];
  const readS = Number(readNs) / 1e9;
  console.log(line('clean scans (grey, 200/300 dpi, any quarter turn, ±1°, pen marks)', clean));
  console.log(
    line('distorted scans (150–600 dpi, ±3°, shear, scale ±2 %, noise, blur, JPEG, colour, black and white; pencil, overflow, boxes filled in)', distorted),
  );
  console.log(line('all', all));
  for (const [kind, t] of [...perKind].sort()) console.log(line(`  ${kind}`, t));
  console.log(`why sent to a person (clean): ${JSON.stringify(clean.why)}`);
  console.log(`why sent to a person (distorted): ${JSON.stringify(distorted.why)}`);
  console.log(
    `speed: ${(all.pages / readS).toFixed(1)} pages/s on ${THREADS} worker threads (${cpus().length} cores shared), ${(threadMs / all.pages).toFixed(0)} ms a page in one thread, ${(megapixels / all.pages).toFixed(1)} Mpx a page on average; ` +
      `reading is ${((threadMs * 1e6) / Number(floorNs)).toFixed(0)} × the floor (one pass over every pixel, ${(Number(floorNs) / 1e6 / all.pages).toFixed(1)} ms a page); generating the scans took ${(genMs / 1000).toFixed(0)} s (not timed)`,
  );
}
