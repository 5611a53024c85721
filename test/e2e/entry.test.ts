/** End to end in headless Chromium: two keyers key one paper form blind with the keyboard alone, a supervisor settles the one difference, the form counts. */
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCampaign } from '../../db/campaigns.repo';
import { getFormBySerial } from '../../db/forms.repo';
import { closeDb, openDb } from '../../db/open';
import { qrPayload } from '../../surveys/omr/layout-map';
import { launchBrowser } from '../helpers/browser';
import { runCli } from '../helpers/cli';
import { startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;
let serial: string;

beforeAll(async () => {
  server = await startServer();
  for (const [name, role] of [
    ['lan', 'keyer'],
    ['minh', 'keyer'],
    ['hoa', 'supervisor'],
  ]) {
    const r = runCli(server.dbPath, ['user', 'add', name, '--role', role, '--password-stdin'], 'mật-khẩu-dài\n');
    if (r.status !== 0) throw new Error(r.stderr);
  }
  const issued = runCli(server.dbPath, ['issue', 'LCU-2020']);
  if (issued.status !== 0) throw new Error(issued.stderr);
  const rows = Papa.parse<Record<string, string>>(issued.stdout.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  // A CT-02 form rates one department on 10 questions: 10 cells.
  serial = rows.find((r) => r.group === 'CT02-CC' && r.home_unit === 'SNV')!.serial;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function login(name: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.fill('#name', name);
  await page.fill('#password', 'mật-khẩu-dài');
  await page.press('#password', 'Enter');
  await page.waitForURL(/\/(entry|admin)/);
  return page;
}

async function openForm(page: Page) {
  await page.goto(`${server.url}/entry?campaign=LCU-2020`);
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('serial');
  await page.keyboard.type(serial);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#grid:focus');
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.id);
const keyedCells = (page: Page) => page.$$eval('#grid td.cell', (tds) => tds.map((td) => td.textContent));

describe('keying desk in a browser', () => {
  it('catches a mistyped serial in the page', async () => {
    const page = await login('lan');
    await page.goto(`${server.url}/entry?campaign=LCU-2020`);
    const wrong = serial.slice(0, -1) + String((Number(serial.at(-1)) + 1) % 10);
    await page.keyboard.type(wrong);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#desk-msg')).toContain('sai ký tự kiểm tra');
    await page.context().close();
  });

  it('opens the form from the page QR code a scanner types, serial/page/pages', async () => {
    const page = await login('lan');
    await page.goto(`${server.url}/entry?campaign=LCU-2020`);
    await expect.poll(() => focused(page)).toBe('serial');
    await page.keyboard.type(qrPayload(serial, 1, 1, 'LCU-2020'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('#grid:focus');
    expect(await page.textContent('#form h2')).toBe(`Phiếu ${serial} — Mẫu CT-02`);
    await page.context().close();
  });

  it('keys pass 1 from the keyboard alone, surviving a closed tab, and returns to the serial box', async () => {
    const page = await login('lan');
    await openForm(page);
    expect(await page.textContent('#form h2')).toBe(`Phiếu ${serial} — Mẫu CT-02`);
    expect(await page.textContent('#form .heading')).toContain('Nơi công tác: Sở Nội vụ');
    expect(await page.textContent('#form .pass')).toBe('Lượt nhập 1');
    // A wrong key is refused, Backspace goes back and clears.
    await page.keyboard.type('1x2');
    await expect.poll(() => page.textContent('#desk-msg')).toContain('Phím “x” không dùng được');
    expect((await keyedCells(page)).slice(0, 3)).toEqual(['1', '2', '']);
    await page.keyboard.press('Backspace');
    expect((await keyedCells(page)).slice(0, 3)).toEqual(['1', '', '']);
    await page.keyboard.type('2 ');
    expect((await keyedCells(page)).slice(0, 4)).toEqual(['1', '2', '·', '']);

    // The tab closes half-way; the draft is back when the serial is typed again.
    await page.close();
    const again = await page.context().newPage();
    await openForm(again);
    await expect.poll(() => again.textContent('#desk-msg')).toContain('Đã khôi phục 3 ô');
    await again.keyboard.type('*9432');
    await again.keyboard.press('Enter');
    await expect.poll(() => again.textContent('#desk-msg')).toContain('Còn 2 ô chưa nhập');
    await again.keyboard.type('10');
    await again.keyboard.press('Enter');
    await expect.poll(() => again.textContent('#desk-msg')).toContain(`Đã lưu lượt 1 của phiếu ${serial}`);
    expect(await focused(again)).toBe('serial');
    expect(await again.evaluate(() => Object.keys(localStorage).length)).toBe(0);
    await again.context().close();
  });

  it('keys pass 2 blind by another keyer with one difference; a supervisor settles it and the form counts', async () => {
    const page = await login('minh');
    await openForm(page);
    expect(await page.textContent('#form .pass')).toBe('Lượt nhập 2');
    expect(await keyedCells(page)).toEqual(Array(10).fill(''));
    await page.keyboard.type('12 *943211'); // cell 10: '1' where pass 1 has blank ('0')
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#desk-msg')).toContain('Hai lượt nhập lệch nhau');
    expect(await focused(page)).toBe('serial');
    await page.context().close();

    const sup = await login('hoa');
    await sup.goto(`${server.url}/entry/conflicts?campaign=LCU-2020`);
    // The click starts a navigation; wait for the form's page, not just the click, before reading its table.
    await Promise.all([sup.waitForURL(`**/${serial}`), sup.click(`a[href$="/${serial}"]`)]);
    const rows = await sup.$$eval('table.conflicts tbody tr', (trs) => trs.map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim()));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('để trống');
    expect(rows[0]).toContain('1 – Rất tốt');
    await sup.check('input[value="pass1"]');
    await sup.click('button[type="submit"]:has-text("Lưu quyết định")');
    await expect.poll(() => sup.textContent('main')).toContain(`Phiếu ${serial} đã đối chiếu xong: đã được tính`);
    await sup.context().close();

    const db = openDb(server.dbPath);
    try {
      const c = getCampaign(db, 'LCU-2020')!;
      expect(getFormBySerial(db, c.id, serial)).toMatchObject({ status: 'counted', countedFrom: 'paper' });
    } finally {
      closeDb(db);
    }
  });
});
