/** The verification screen in headless Chromium on a 360 px phone, driven by the keyboard alone: Enter confirms the machine, one key corrects, the form is counted after its last cell; the row image shows and nothing scrolls sideways. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFormBySerial } from '../../db/forms.repo';
import { closeDb, openDb } from '../../db/open';
import { loginOnPhone } from '../helpers/browser';
import { startWithScannedForm } from '../helpers/scanned-server';
import type { RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;
let serial = '';
const PASSWORD = 'xác-nhận-ô-quét-2026';

beforeAll(async () => {
  // The scan is imported before the server starts, with a constructed reading: one G1 form of the mini campaign whose
  // SA/1 was read faint (4) and SA/3 with two marks.
  ({ server, browser, serial } = await startWithScannedForm({
    scanCompletion: 'verify',
    sa1: ['4', 'faint'],
    user: { name: 'lan', role: 'keyer', password: PASSWORD },
  }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function phone(): Promise<Page> {
  const page = await loginOnPhone(browser, server.url, 'lan', PASSWORD);
  await page.waitForURL(/\/entry/);
  return page;
}

describe('verification screen at 360 px', () => {
  it('refuses a key that is not a code with the codes it takes, as the desk does; nothing lands in the box, nothing is sent', async () => {
    const page = await phone();
    await page.goto(`${server.url}/entry/verify?campaign=MINI-2026`);
    await page.keyboard.press('x');
    expect(await page.textContent('#verify-msg')).toBe('x không phải mã: 1, 2, 3, 4, 9, - (để trống), 0 (để trống), * (nhiều dấu)');
    await page.keyboard.press('7');
    expect(await page.textContent('#verify-msg')).toBe('7 không phải mã: 1, 2, 3, 4, 9, - (để trống), 0 (để trống), * (nhiều dấu)');
    expect(await page.inputValue('#answer')).toBe('');
    expect(page.url()).toBe(`${server.url}/entry/verify?campaign=MINI-2026`);
    expect(await page.textContent('.progress')).toBe('còn 2 ô');
    await page.screenshot({ path: join(tmpdir(), 'verify-wrong-key-360.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('is worked from the keyboard: Enter keeps the machine’s reading, a key gives another, the form is then counted', async () => {
    const page = await phone();
    await page.goto(`${server.url}/entry/verify?campaign=MINI-2026`);
    expect(await page.textContent('.progress')).toBe('còn 2 ô');
    expect(await page.textContent('#machine')).toBe('4 – Kém');
    // The row's image loaded, fits the screen, and the page never scrolls sideways; the answer box has the focus.
    const img = await page.$eval('.crop img', (i) => ({ w: (i as HTMLImageElement).naturalWidth, right: i.getBoundingClientRect().right }));
    expect(img.w).toBe(544);
    expect(img.right).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer');
    await page.screenshot({ path: join(tmpdir(), 'verify-360.png'), fullPage: true });

    // The post answers with a redirect to the very address the page is at, so waitForURL would not wait: the next
    // page is the one whose count went down.
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.textContent('.progress')).toBe('còn 1 ô');
    expect(await page.textContent('#machine')).toBe('hỏng (*)');
    await page.waitForFunction(() => document.activeElement?.id === 'answer');

    await Promise.all([page.waitForURL(/settled=/), page.keyboard.press('2')]);
    expect(await page.textContent('[role=status]')).toBe(`Phiếu ${serial} đã xác nhận xong và được tính.`);
    expect(await page.textContent('main')).toContain('Không còn ô nào chờ xác nhận.');

    const db = openDb(server.dbPath);
    try {
      expect(getFormBySerial(db, 1, serial)).toMatchObject({ status: 'counted', countedFrom: 'paper' });
    } finally {
      closeDb(db);
    }
  }, 60_000);
});
