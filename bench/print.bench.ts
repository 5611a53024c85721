/** Print figures: A4 sheets per sample run (the packing), and the whole Lai Châu run to PDF in parallel pieces (seconds, forms a second, which browser). */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { getCampaign, loadCampaign } from '../db/campaigns.repo';
import { issueForms, printableForms } from '../db/forms.repo';
import { closeDb, openDb } from '../db/open';
import { resolveChromium } from '../server/render/chromium';
import { htmlPiecesToPdf } from '../server/render/pdf';
import { renderPrintPieces, renderPrintRun } from '../server/render/render';
import { checkCampaignText } from '../surveys/campaign';

const SAMPLES = ['lai-chau-2020.json', 'two-tier-2026.json'];

/** A sample campaign loaded and issued in a fresh in-memory database, as `campaign load` + `issue` leave it. */
function issuedSample(file: string) {
  const check = checkCampaignText(readFileSync(new URL(`../surveys/samples/${file}`, import.meta.url), 'utf8'));
  if (!check.ok) throw new Error(`sample ${file}`);
  const db = openDb(':memory:');
  loadCampaign(db, check.campaign, 'bench');
  const c = getCampaign(db, check.campaign.code)!;
  issueForms(db, c, 'paper', 'bench');
  return { db, c, forms: printableForms(db, c.id, {}) };
}

export async function bench(): Promise<void> {
  for (const file of SAMPLES) {
    const { db, c, forms } = issuedSample(file);
    const html = await renderPrintRun(c.def, forms);
    console.log(`sheets: ${c.code}: ${forms.length} forms on ${html.match(/<section class="sheet /g)?.length ?? 0} A4 sheets`);
    closeDb(db);
  }
  const { db, c, forms } = issuedSample(SAMPLES[0]);
  const browser = await resolveChromium(process.env.CHROMIUM_PATH);
  const load = loadavg()[0].toFixed(1);
  const t0 = process.hrtime.bigint();
  const pieces = await renderPrintPieces(c.def, forms);
  const pdf = await htmlPiecesToPdf(
    pieces.map((p) => p.html),
    { chromium: process.env.CHROMIUM_PATH },
  );
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `pdf: ${c.code}: ${forms.length} forms in ${pieces.length} pieces, ${(pdf.length / 2 ** 20).toFixed(0)} MB, ${s.toFixed(1)} s (${(forms.length / s).toFixed(1)} forms/s) with the ${browser.source} Chromium; load average ${load} at the start`,
  );
  closeDb(db);
}
