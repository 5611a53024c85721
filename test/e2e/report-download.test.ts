/** The results report from the analysis page in Chromium on a 360 px phone: «Tải báo cáo» downloads the HTML report, which names every scored unit with its points and fits the phone's width. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCampaign } from '../../db/campaigns.repo';
import { closeDb, openDb } from '../../db/open';
import { scoreStored } from '../../db/scores.repo';
import { addUser } from '../../db/users.repo';
import { ensureSampleCampaign } from '../../server/bootstrap';
import { csvNum, summaryRows } from '../../surveys/exports';
import { launchBrowser, loginOnPhone } from '../helpers/browser';
import { tempDir } from '../helpers/cli';
import { startServer, type RunningServer } from '../helpers/server';
import { seedAnswers } from '../server/admin-seed';

const PASSWORD = 'mật-khẩu-dài';
let server: RunningServer;
let browser: Browser;
let units: { name: string; points: string }[] = [];
const dir = tempDir();

beforeAll(async () => {
  const dbPath = join(dir, 'cchc.db');
  const db = openDb(dbPath);
  ensureSampleCampaign(db);
  seedAnswers(db, 'LCU-2020', { share: 0.6 });
  const c = getCampaign(db, 'LCU-2020')!;
  units = summaryRows(c.def, scoreStored(db, c), csvNum).rows.map((r) => ({ name: String(r.unit_name), points: String(r.survey_points).replace('.', ',') }));
  await addUser(db, 'bao-cao', 'supervisor', PASSWORD, 'test');
  closeDb(db);
  server = await startServer({ DATABASE_PATH: dbPath });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('report download on a phone', () => {
  it('downloads the HTML report from «Tải báo cáo», with every unit and its points, and the report fits 360 px', async () => {
    const page = await loginOnPhone(browser, server.url, 'bao-cao', PASSWORD, { acceptDownloads: true });
    page.setDefaultTimeout(180_000);
    await page.goto(`${server.url}/admin/campaigns/LCU-2020/analysis`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.check('section.download input[name=format][value=html]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('section.download button[type=submit]')]);
    expect(download.suggestedFilename()).toBe('Báo cáo kết quả điều tra xã hội học LCU-2020.html');
    const html = readFileSync((await download.path())!, 'utf8');
    expect(units.length).toBe(28);
    for (const u of units) expect(html, u.name).toContain(`<td class="left">${u.name}</td><td class="right">${u.points}</td>`);
    // The downloaded file read on the phone: its tables scroll in their frames, the page itself does not.
    const report = await page.context().newPage();
    await report.setContent(html);
    expect(await report.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await report.evaluate(() => document.querySelectorAll('svg.chart').length)).toBeGreaterThanOrEqual(3);
    await page.context().close();
  }, 300_000);
});
