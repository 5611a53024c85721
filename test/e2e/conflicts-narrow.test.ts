/** The reconciliation of a scanned form in headless Chromium on a 360 px phone: each differing cell stacks (question and picture, pass 1, pass 2, decision), all of it in view without sideways scrolling. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKeyedRows } from '../../db/entry.repo';
import { closeDb, openDb } from '../../db/open';
import { addUser } from '../../db/users.repo';
import type { PageReading } from '../../surveys/omr/reading';
import { launchBrowser, loginOnPhone } from '../helpers/browser';
import { tempDir } from '../helpers/cli';
import { importReadings, readCell, readPageOf } from '../helpers/scans';
import { seedCampaign, serialsOf } from '../helpers/seed';
import { startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;
let serial = '';
const dbPath = join(tempDir(), 'cchc.db');
const scans = mkdtempSync(join(tmpdir(), 'scans-'));
const PASSWORD = 'đối-chiếu-hẹp-2026';

beforeAll(async () => {
  // One G1 form read by the machine as pass 1 (double entry), then keyed by a person as pass 2 differing on SB/1 and SA/3.
  const db = openDb(dbPath);
  const { c, forms } = seedCampaign(db, { patch: (raw) => (raw.scanCompletion = 'doubleEntry') });
  serial = serialsOf(forms, 'G1', null)[0];
  const readings: PageReading[] = [
    readPageOf(serial, 1, 2, [readCell('SA', '1', '1', 40), readCell('SB', '1', '2', 50), readCell('SA', '2', '3', 60), readCell('SB', '2', '', 70)]),
    readPageOf(serial, 2, 2, [readCell('SA', '3', '*', 40, 'several'), readCell('SB', '3', '9', 50)]),
  ];
  await importReadings(db, c, readings, scans);
  const person: Record<string, string> = { 'SA.1': '1', 'SB.1': '4', 'SA.2': '3', 'SB.2': '', 'SA.3': '2', 'SB.3': '9' };
  const rows = Object.entries(person).map(([k, answer], i) => {
    const [unit, question] = k.split('.');
    return { row: i + 2, cells: { serial, unit, question, answer } };
  });
  expect(importKeyedRows(db, c, rows, { pass: 2, operator: 'minh', fileName: 'p2.csv' }).ok).toBe(true);
  expect((await addUser(db, 'hoa', 'supervisor', PASSWORD, 'test')).ok).toBe(true);
  closeDb(db);
  server = await startServer({ DATABASE_PATH: dbPath, SCANS_PATH: scans });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('reconciliation of a scanned form at 360 px', () => {
  it('shows the question, the picture, pass 1, pass 2 and the decision of every differing cell within the screen', async () => {
    const page = await loginOnPhone(browser, server.url, 'hoa', PASSWORD);
    await page.waitForURL(/\/(entry|admin)/);
    await page.goto(`${server.url}/entry/conflicts/MINI-2026/${serial}`);
    await page.waitForFunction(() => [...document.querySelectorAll('td.crop img')].every((i) => (i as HTMLImageElement).complete));
    await page.screenshot({ path: join(tmpdir(), 'conflicts-360.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Every control and picture of every row lies within the 360 px, also inside the form (which once scrolled on its own).
    const parts = await page.$$eval('table.conflicts tbody tr', (rows) =>
      rows.map((tr) =>
        [...tr.querySelectorAll('img, input[type=radio], select')].map((e) => {
          const r = e.getBoundingClientRect();
          return { what: e.tagName.toLowerCase() + (e.getAttribute('value') ? `:${e.getAttribute('value')}` : ''), left: r.left, right: r.right };
        }),
      ),
    );
    expect(parts.map((row) => row.map((p) => p.what))).toEqual([
      ['img', 'input:pass1', 'input:pass2', 'input:other', 'select'],
      ['img', 'input:pass1', 'input:pass2', 'input:other', 'select'],
    ]);
    for (const row of parts) for (const p of row) expect([p.what, p.left >= 0 && p.right <= 360]).toEqual([p.what, true]);
    // Each part says what it is, since the column headings are out of sight.
    const labels = await page.$$eval('table.conflicts tbody tr:first-child td', (tds) => tds.map((td) => getComputedStyle(td, '::before').content));
    expect(labels).toEqual(['"Đơn vị được đánh giá"', '"Câu hỏi"', '"Lượt 1"', '"Lượt 2"', '"Quyết định"']);
    await page.context().close();
  }, 60_000);
});
