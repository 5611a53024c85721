/** The service opened over plain HTTP at a LAN name (not loopback) in Chromium: styles, scripts and form posts stay on HTTP. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  // A name on the province's network, resolved to the test server: browsers trust loopback names more than others.
  browser = await launchBrowser(['--host-resolver-rules=MAP cchc.snv.lan 127.0.0.1']);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('plain HTTP at a LAN address', () => {
  it('loads the styles and logs in without being sent to https://', async () => {
    const base = server.url.replace('127.0.0.1', 'cchc.snv.lan');
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`${base}/login`);
    // app.css paints submit buttons in the accent colour; without it they are grey.
    await expect.poll(() => page.$eval('button[type=submit]', (b) => getComputedStyle(b).backgroundColor)).toBe('rgb(179, 38, 30)');
    await page.fill('#name', 'admin');
    await page.fill('#password', server.adminPassword);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/admin`);
    expect(await page.textContent('h1')).toBe('Bảng điều khiển Sở Nội vụ');
    expect(requested.filter((u) => u.startsWith('https:'))).toEqual([]);
  });
});
