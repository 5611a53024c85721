/** A clerk's whole way in Chromium at 360 px: the template, a workbook with mistakes (every one shown in Vietnamese with sheet, row and column), the fixed workbook loaded, forms issued, next year's copy. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignWorkbook } from '../../server/render/campaign-workbook';
import { launchBrowser } from '../helpers/browser';
import { tempDir } from '../helpers/cli';
import { miniCampaign } from '../helpers/campaigns';
import { MISTAKE_TEXTS, mistakenWorkbook } from '../helpers/mistaken-workbook';
import { startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The page fits the phone: nothing wider than the screen (wide tables scroll inside themselves). */
const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('setting up a campaign from the console', () => {
  it('downloads the template, sees every mistake of a workbook, loads the fixed one, issues forms and copies it for next year', async () => {
    const dir = tempDir();
    const shots = process.env.SCREENSHOTS_DIR ?? dir;
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/login?next=%2Fadmin`);
    await page.fill('#name', 'admin');
    await page.fill('#password', server.adminPassword);
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/admin`);

    const [template] = await Promise.all([page.waitForEvent('download'), page.click('text=tải sổ tính mẫu')]);
    expect(template.suggestedFilename()).toBe('mau-dot-dieu-tra.xlsx');

    const bad = join(dir, 'tinh-thu.xlsx');
    writeFileSync(bad, await mistakenWorkbook());
    await page.setInputFiles('#campaign-file', bad);
    await page.click('button:has-text("Kiểm tra tệp")');
    await page.waitForURL(`${server.url}/admin/campaigns`);
    const problems = await page.locator('.problems li').allTextContents();
    expect(problems).toEqual(MISTAKE_TEXTS.map((t) => t.replaceAll('&quot;', '"')));
    expect(await page.textContent('.problems')).toContain(`Tệp có ${MISTAKE_TEXTS.length} lỗi, chưa nạp gì.`);
    expect(await page.locator('button:has-text("Nạp vào hệ thống")').count()).toBe(0);
    expect(await fits(page)).toBe(true);
    await page.screenshot({ path: join(shots, 'campaign-check-mistakes-360.png'), fullPage: true });

    const fixed = join(dir, 'tinh-thu-da-sua.xlsx');
    writeFileSync(fixed, await campaignWorkbook(miniCampaign()));
    await page.setInputFiles('#campaign-file', fixed);
    await page.click('button:has-text("Kiểm tra tệp")');
    expect(await page.textContent('.checked')).toContain('Tệp hợp lệ: MINI-2026');
    expect(await fits(page)).toBe(true);
    await page.screenshot({ path: join(shots, 'campaign-check-ok-360.png'), fullPage: true });
    await page.click('button:has-text("Nạp vào hệ thống")');
    await page.waitForURL(/\/admin\/campaigns\/MINI-2026\?loaded=1$/);

    await page.selectOption('#channel', 'paper');
    await page.click('form[action$="/issue"] button');
    await page.waitForURL(/issued=4/);
    expect(await page.textContent('.next-steps')).toContain('Đã phát thêm 4 phiếu');

    await page.click('text=Định nghĩa đợt');
    await page.waitForURL(/\/admin\/campaigns\/MINI-2026\/definition$/);
    expect(await page.textContent('#level-so')).toBe('Sở, ban, ngành: 2 đơn vị, 2 tiêu chí');
    expect(await fits(page)).toBe(true);
    await page.fill('#copy-code', 'MINI-2027');
    await page.click('button:has-text("Sao chép")');
    await page.waitForURL(/\/admin\/campaigns\/MINI-2027\?copied=MINI-2026$/);
    expect(await page.textContent('h1')).toBe('MINI-2027 — Điều tra thử nghiệm');
    expect(await page.textContent('[role=status]')).toContain('Đã tạo đợt MINI-2027 từ đợt MINI-2026, chưa phát phiếu nào.');
    await context.close();
  });
});
