/** The analysis page of the sample province with answers, in Chromium on a 360 px phone: it fits, its charts draw, its numbers carry the decimal comma. */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, openDb } from '../../db/open';
import { addUser } from '../../db/users.repo';
import { ensureSampleCampaign } from '../../server/bootstrap';
import { launchBrowser, loginOnPhone } from '../helpers/browser';
import { tempDir } from '../helpers/cli';
import { startServer, type RunningServer } from '../helpers/server';
import { seedAnswers } from '../server/admin-seed';

const PASSWORD = 'mật-khẩu-dài';
let server: RunningServer;
let browser: Browser;
const dir = tempDir();

beforeAll(async () => {
  // Lai Châu 2020: 134 units with long Vietnamese names, about 60 % of its forms keyed.
  const dbPath = join(dir, 'cchc.db');
  const db = openDb(dbPath);
  ensureSampleCampaign(db);
  seedAnswers(db, 'LCU-2020', { share: 0.6 });
  await addUser(db, 'hep-supervisor', 'supervisor', PASSWORD, 'test');
  closeDb(db);
  server = await startServer({ DATABASE_PATH: dbPath });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('analysis page on a phone', () => {
  it('fits 360 px with its details open, draws its charts and writes numbers with the decimal comma', async () => {
    const page = await loginOnPhone(browser, server.url, 'hep-supervisor', PASSWORD);
    await page.goto(`${server.url}/admin/campaigns/LCU-2020/scores`);
    await Promise.all([page.waitForNavigation(), page.click('main a:has-text("Phân tích số liệu")')]);
    expect(new URL(page.url()).pathname).toBe('/admin/campaigns/LCU-2020/analysis');
    await page.$$eval('details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    const seen = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      // A chart keeps a readable size and scrolls inside its frame (admin.css): the frame is what must fit.
      charts: [...document.querySelectorAll('figure.chart')].filter((f) => f.querySelector('svg')).map((f) => f.getBoundingClientRect().right),
      intervals: [...document.querySelectorAll('tr.unit td:nth-child(4)')].map((td) => (td as HTMLElement).innerText.trim()),
      numbers: [...document.querySelectorAll('td.num')].map((td) => (td as HTMLElement).innerText.trim()),
    }));
    expect(seen.scrollWidth).toBeLessThanOrEqual(seen.innerWidth);
    // Response rates, one interval chart per scored level (departments, districts; communes only rate), one distribution chart per form.
    expect(seen.charts.length).toBeGreaterThanOrEqual(1 + 2 + 1);
    for (const w of seen.charts) expect(w).toBeLessThanOrEqual(360);
    expect(seen.intervals.length).toBe(20 + 8);
    expect(seen.intervals[0]).toMatch(/^\d+,\d{2} – \d+,\d{2}$/);
    expect(seen.numbers.find((n) => /\d\.(\d{1,2}|\d{4,})$/.test(n))).toBeUndefined();
    await page.screenshot({ path: join(dir, 'analysis-360.png'), fullPage: false });
    // The charts as a phone shows them, to look at (README, The Sở Nội vụ console).
    await (await page.$('section.level'))!.screenshot({ path: join(dir, 'analysis-level-360.png') });
    await (await page.$('h2:has-text("III.") + section figure.chart'))!.screenshot({ path: join(dir, 'analysis-distribution-360.png') });
    console.log(`screenshots: ${dir}`);
    await page.context().close();
  }, 240_000);
});
