/** The console in headless Chromium against the real server: log in, upload a campaign file (check, then load), look at quotas and scores, download the workbook. */
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { fixture, tempDir } from '../helpers/cli';
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

describe('console in a browser', () => {
  it('logs in, uploads a campaign, shows quotas and scores, and downloads a workbook that opens', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/admin`);
    await expect.poll(() => page.url()).toContain('/login?next=%2Fadmin');
    await page.fill('#name', 'admin');
    await page.fill('#password', server.adminPassword);
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/admin`);
    expect(await page.textContent('h1')).toBe('Bảng điều khiển Sở Nội vụ');
    expect(await page.textContent('section.campaign-card')).toContain('LCU-2020');

    // The file is uploaded (multipart); the check page shows the summary, then «Nạp vào hệ thống» loads it.
    await page.setInputFiles('#campaign-file', fixture('mini-campaign.json'));
    await page.click('button:has-text("Kiểm tra tệp")');
    expect(await page.textContent('.checked')).toContain('Tệp hợp lệ: MINI-2026');
    await page.click('button:has-text("Nạp vào hệ thống")');
    await page.waitForURL(/\/admin\/campaigns\/MINI-2026\?loaded=1/);
    expect(await page.textContent('h1')).toBe('MINI-2026 — Điều tra thử nghiệm');

    await page.selectOption('#channel', 'paper');
    await page.click('form[action$="/issue"] button');
    await page.waitForURL(/issued=4/);

    await page.click('text=Tiến độ theo chỉ tiêu');
    await page.waitForURL(/\/quotas$/);
    expect(await page.locator('figure.chart svg').count()).toBe(1);
    expect(await page.locator('table.quota tr.short').count()).toBe(3);

    await page.goto(`${server.url}/admin/campaigns/MINI-2026/scores`);
    expect(await page.textContent('h2')).toBe('Sở, ban, ngành');
    expect(await page.locator('figure.chart svg g.bar').count()).toBe(2);
    await page.click('table.matrix a >> nth=0');
    await page.waitForURL(/\/scores\/SA\/C1$/);
    expect(await page.textContent('.explain')).toContain('chưa có dữ liệu');

    await page.goto(`${server.url}/admin/campaigns/MINI-2026/scores`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Tải sổ tính Excel')]);
    expect(download.suggestedFilename()).toBe('MINI-2026-scores.xlsx');
    const file = `${tempDir()}/scores.xlsx`;
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Điểm theo tiêu chí', 'Tổng hợp theo đơn vị', 'Tiến độ theo chỉ tiêu']);
    expect(wb.getWorksheet('Điểm theo tiêu chí')!.getCell('B2').value).toBe('Sở An');
    expect(wb.getWorksheet('Tổng hợp theo đơn vị')!.getCell('D1').value).toBe('Điểm điều tra XHH');
    expect(wb.getWorksheet('Tổng hợp theo đơn vị')!.getCell('D2').value).toBe(0);
    // Nobody has answered yet: each unit has no data rather than a shared first rank.
    expect(wb.getWorksheet('Tổng hợp theo đơn vị')!.getColumn(6).values.slice(1)).toEqual(['Xếp hạng', 'Chưa có dữ liệu', 'Chưa có dữ liệu']);
    await context.close();
  });
});
