/** One scanned page read in a worker thread of the OMR bench (bench/omr.bench.ts): the image in (moved, not copied), the cells' readings and the thread's time out. */
import type { PageMap } from '../surveys/omr/layout-map';
import { readPage } from '../surveys/omr/read-page';
import type { GreyImage } from '../surveys/omr/reading';

export default async function read({ image, map }: { image: GreyImage; map: PageMap }) {
  const t0 = process.hrtime.bigint();
  const r = await readPage(image, () => map);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return r.ok ? { ms, cells: r.cells.map(({ answer, sure, why }) => ({ answer, sure, why })) } : { ms, problem: r.problem.kind };
}
