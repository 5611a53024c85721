/** The results report (build, HTML, PDF through Chromium, Word with its charts drawn through Chromium) for the provincial sample and a national-size commune campaign, against the floor of printing a one-paragraph report page with the same fonts. */
import { loadavg } from 'node:os';
import { analyseStored } from '../db/analysis.repo';
import { openDb } from '../db/open';
import { pdfPageCount } from '../server/render/pdf-raster';
import { reportDocx } from '../server/render/report-docx';
import { reportHtml, reportPdf } from '../server/render/report-html';
import type { ReportDocument } from '../surveys/report/document';
import { buildReport } from '../surveys/report/report';
import { answerEveryForm } from '../test/helpers/answer-all';
import { SAMPLE_CAMPAIGN, seedCampaign } from '../test/helpers/seed';
import { scaleCampaign } from './scale.bench';

// The report's layout does not depend on the replicates: the national input is analysed with 100 to keep the bench
// short (bench/analysis.bench.ts times the bootstrap at 1,000).
const NATIONAL_UNITS = Number(process.env.BENCH_REPORT_UNITS ?? 3321);
const NATIONAL_REPLICATES = 100;

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** The fixed cost of every PDF: Chromium started, a one-paragraph report page with the embedded fonts laid out and printed. */
async function floor(): Promise<number> {
  const doc: ReportDocument = {
    heading: { parent: 'UBND TỈNH', body: 'SỞ NỘI VỤ', number: 'Số:      /BC-SNV', placeDate: '', title: 'BÁO CÁO', subject: '' },
    blocks: [{ kind: 'paragraph', text: 'Một đoạn văn bản tiếng Việt.' }],
    recipients: [],
    signer: 'GIÁM ĐỐC',
    name: 'floor',
  };
  // The best of three: the first launch also reads the browser from disk, which the report's own launch then need not.
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await reportPdf(doc, { chromium: process.env.CHROMIUM_PATH });
    best = Math.min(best, seconds(t0));
  }
  return best;
}

async function run(label: string, opts: Parameters<typeof seedCampaign>[1], replicates: number, floorS: number) {
  const db = openDb(':memory:');
  const { c } = seedCampaign(db, opts);
  answerEveryForm(db, c.code);
  let t0 = performance.now();
  const analysis = analyseStored(db, c, { replicates });
  const analysed = seconds(t0);
  t0 = performance.now();
  const doc = buildReport({ campaign: c.def, analysis, now: new Date() });
  const built = seconds(t0);
  t0 = performance.now();
  const html = reportHtml(doc);
  const rendered = seconds(t0);
  t0 = performance.now();
  const pdf = await reportPdf(doc, { chromium: process.env.CHROMIUM_PATH });
  const printed = seconds(t0);
  const pages = await pdfPageCount(pdf);
  t0 = performance.now();
  const docx = await reportDocx(doc, { chromium: process.env.CHROMIUM_PATH });
  const worded = seconds(t0);
  const total = built + rendered + printed;
  console.log(
    `${label}: ${c.def.units.length.toLocaleString('en')} units, ${analysis.scores.units.length.toLocaleString('en')} scored; load average ${loadavg()[0].toFixed(1)}`,
  );
  console.log(`  analysis (${replicates} replicates, input): ${analysed.toFixed(2)} s`);
  console.log(
    `  build ${built.toFixed(3)} s, HTML ${rendered.toFixed(3)} s (${(html.length / 2 ** 20).toFixed(1)} MB), PDF ${printed.toFixed(1)} s (${pages} pages, ${(pdf.length / 2 ** 20).toFixed(1)} MB)`,
  );
  console.log(`  report ${total.toFixed(1)} s = ${(total / floorS).toFixed(1)} × the floor`);
  console.log(
    `  Word ${worded.toFixed(1)} s (${(docx.length / 2 ** 20).toFixed(1)} MB) = ${((built + worded) / floorS).toFixed(1)} × the floor with the build`,
  );
}

export async function bench(): Promise<void> {
  const f = await floor();
  console.log(`floor (one-paragraph report page to PDF, Chromium launch included, best of 3): ${f.toFixed(2)} s`);
  await run('provincial sample (Lai Châu 2020)', { file: SAMPLE_CAMPAIGN }, 1000, f);
  await run(
    `national-size communes (${NATIONAL_UNITS.toLocaleString('en')})`,
    { json: JSON.parse(JSON.stringify(scaleCampaign(NATIONAL_UNITS))) },
    NATIONAL_REPLICATES,
    f,
  );
}
