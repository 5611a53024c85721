/** The reconciliation of a scanned form in headless Chromium on a 360 px phone: each differing cell stacks (question and picture, pass 1, pass 2, decision), all of it in view without sideways scrolling. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKeyedRows } from '../../db/entry.repo';
import { loginOnPhone } from '../helpers/browser';
import { startWithScannedForm } from '../helpers/scanned-server';
import type { RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;
let serial = '';
const PASSWORD = 'đối-chiếu-hẹp-2026';

beforeAll(async () => {
  // One G1 form read by the machine as pass 1 (double entry), then keyed by a person as pass 2 differing on SB/1 and SA/3.
  ({ server, browser, serial } = await startWithScannedForm({
    scanCompletion: 'doubleEntry',
    sa1: ['1'],
    user: { name: 'hoa', role: 'supervisor', password: PASSWORD },
    before: (db, c, read) => {
      const person: Record<string, string> = { 'SA.1': '1', 'SB.1': '4', 'SA.2': '3', 'SB.2': '', 'SA.3': '2', 'SB.3': '9' };
      const rows = Object.entries(person).map(([k, answer], i) => {
        const [unit, question] = k.split('.');
        return { row: i + 2, cells: { serial: read, unit, question, answer } };
      });
      expect(importKeyedRows(db, c, rows, { pass: 2, operator: 'minh', fileName: 'p2.csv' }).ok).toBe(true);
    },
  }));
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
