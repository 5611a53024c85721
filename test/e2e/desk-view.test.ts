/** Issue 10 item 4 in headless Chromium: desk messages and the form heading are in view; reconciliation takes every choice, in paper order, and says what it stored. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { runCli, tempDir } from '../helpers/cli';
import { startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;
/** Issued CH-02 forms: each rates the 8 districts on 9 questions, 72 cells, a matrix taller than a laptop screen. */
let tall: string[];

const SCREENS = [
  { name: 'desktop 1366 × 768', width: 1366, height: 768 },
  { name: 'small laptop 1280 × 720', width: 1280, height: 720 },
];

beforeAll(async () => {
  server = await startServer();
  for (const [name, role] of [
    ['lan', 'keyer'],
    ['minh', 'keyer'],
    ['hoa', 'supervisor'],
  ]) {
    const r = runCli(server.dbPath, ['user', 'add', name, '--role', role, '--password-stdin'], 'bàn-nhập-phiếu-2026\n');
    if (r.status !== 0) throw new Error(r.stderr);
  }
  const issued = runCli(server.dbPath, ['issue', 'LCU-2020']);
  if (issued.status !== 0) throw new Error(issued.stderr);
  const rows = Papa.parse<Record<string, string>>(issued.stdout.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  tall = rows.filter((r) => r.group === 'CH02-LDS').map((r) => r.serial);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function login(name: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.fill('#name', name);
  await page.fill('#password', 'bàn-nhập-phiếu-2026');
  await page.press('#password', 'Enter');
  await page.waitForURL(/\/(entry|admin)/);
  return page;
}

/** Whether the whole of the element is inside the window, as the person at the screen sees it. */
const inView = (page: Page, selector: string) =>
  page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
  });

async function openForm(page: Page, serial: string) {
  await page.goto(`${server.url}/entry?campaign=LCU-2020`);
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('serial');
  await page.keyboard.type(serial);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#grid:focus');
}

describe('the keying desk keeps what the keyer must read in view', () => {
  SCREENS.forEach((screen, i) => {
    it(`${screen.name}: the form heading on opening, the message and the empty cell after Enter`, async () => {
      const page = await login('lan', screen);
      await page.evaluate(() => window.scrollTo(0, 0));
      await openForm(page, tall[i]);
      expect(await page.$$eval('#grid td.cell', (tds) => tds.length)).toBe(72);
      expect(await inView(page, '#form h2')).toBe(true);
      expect(await inView(page, '#form .pass')).toBe(true);
      expect(await inView(page, '#grid td.cur')).toBe(true);

      // Every cell but the last: the keyer is at the bottom of the matrix when Enter is pressed.
      await page.keyboard.type('1'.repeat(71));
      await page.keyboard.press('Enter');
      await expect.poll(() => page.textContent('#desk-msg')).toContain('Còn 1 ô chưa nhập');
      expect(await inView(page, '#desk-msg')).toBe(true);
      expect(await inView(page, '#grid td.cur')).toBe(true);

      // A wrong key at the bottom of the matrix is shown there too.
      await page.keyboard.type('x');
      await expect.poll(() => page.textContent('#desk-msg')).toContain('Phím “x” không dùng được');
      expect(await inView(page, '#desk-msg')).toBe(true);
      await page.context().close();
    });
  });
});

describe('reconciliation', () => {
  it('takes a value chosen in «another value» alone, lists cells in paper order and says how many decisions it stored', async () => {
    const serial = tall[2];
    // The desk's own walk of this form is the paper order the reconciliation page must follow.
    const keyer = await login('lan', SCREENS[0]);
    await openForm(keyer, serial);
    const walk = await keyer.$$eval('#grid td.cell', (tds) => tds.map((td) => `${td.getAttribute('data-unit')}.${td.getAttribute('data-question')}`));
    await keyer.keyboard.press('Escape');
    await keyer.context().close();

    // Two passes from files; they differ in four cells, the first of them in the last unit's column
    // of row 1: listed unit by unit it would come last, on paper it comes first.
    const differ = new Map([
      [walk[7], '2'],
      [walk[8], '3'],
      [walk[25], '4'],
      [walk[60], '9'],
    ]);
    const dir = tempDir();
    const file = (name: string, answer: (cell: string) => string) => {
      const lines = ['serial,unit,question,answer', ...walk.map((cell) => `${serial},${cell.split('.')[0]},${cell.split('.')[1]},${answer(cell)}`)];
      writeFileSync(join(dir, name), lines.join('\n') + '\n');
      return join(dir, name);
    };
    const p1 = runCli(server.dbPath, ['entry', 'import', 'LCU-2020', file('p1.csv', () => '1'), '--pass', '1', '--operator', 'lan']);
    expect(p1.stderr).toBe('');
    const p2 = runCli(server.dbPath, ['entry', 'import', 'LCU-2020', file('p2.csv', (cell) => differ.get(cell) ?? '1'), '--pass', '2', '--operator', 'minh']);
    expect(p2.stderr).toBe('');

    const sup = await login('hoa', SCREENS[1]);
    await sup.goto(`${server.url}/entry/conflicts/LCU-2020/${serial}`);
    const fields = await sup.$$eval('table.conflicts select', (ss) => ss.map((s) => s.getAttribute('name')!.slice(2)));
    expect(fields).toEqual(walk.filter((cell) => differ.has(cell)));

    // First cell: pass 2's radio; second: only the «another value» select, radio untouched; the rest left for later.
    await sup.check(`input[name="d.${fields[0]}"][value="pass2"]`);
    await sup.selectOption(`select[name="o.${fields[1]}"]`, '*');
    await sup.click('button[type="submit"]:has-text("Lưu quyết định")');
    await expect.poll(() => sup.textContent('main')).toContain('Đã lưu 2 quyết định');
    expect(await inView(sup, '.saved')).toBe(true);
    expect(await sup.$$eval('table.conflicts select', (ss) => ss.map((s) => s.getAttribute('name')!.slice(2)))).toEqual(fields.slice(2));

    // The last two settle the form; the list page says so and how many were stored.
    await sup.selectOption(`select[name="o.${fields[2]}"]`, 'blank');
    await sup.check(`input[name="d.${fields[3]}"][value="pass1"]`);
    await sup.click('button[type="submit"]:has-text("Lưu quyết định")');
    await expect.poll(() => sup.textContent('main')).toContain(`Phiếu ${serial} đã đối chiếu xong`);
    expect(await sup.textContent('main')).toContain('Đã lưu 2 quyết định');
    await sup.context().close();

    const conflicts = runCli(server.dbPath, ['entry', 'conflicts', 'LCU-2020', '--format', 'json']);
    expect(JSON.parse(conflicts.stdout)).toEqual([]);
    const answers = runCli(server.dbPath, ['export', 'answers', 'LCU-2020']);
    const mine = Papa.parse<Record<string, string>>(answers.stdout.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data.filter(
      (r) => r.form === 'CH-02',
    ); // the only counted form
    const answerOf = (cell: string) => mine.find((r) => `${r.unit}.${r.question}` === cell)?.answer;
    expect([answerOf(fields[0]), answerOf(fields[1]), answerOf(fields[2]), answerOf(fields[3])]).toEqual([differ.get(fields[0]), '*', '', '1']);
  });
});
