/** A respondent in headless Chromium against the real server: code box, answers, draft, reload, errors, submit, counted; accessibility by axe; the no-JavaScript path. */
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, openDb } from '../../db/open';
import { formInstances, submissions } from '../../db/schema';
import { launchBrowser } from '../helpers/browser';
import { repoPath, runCli, tempDir } from '../helpers/cli';
import { startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;
let manifest: Record<string, string>[];
// Screenshots go to a temporary folder, or to RESPOND_SCREENSHOTS when set (to look at them).
const shots = process.env.RESPOND_SCREENSHOTS ?? tempDir();

beforeAll(async () => {
  server = await startServer(); // loads the sample campaign LCU-2020 on first start
  const issued = runCli(server.dbPath, ['issue', 'LCU-2020', '--channel', 'web']);
  if (issued.status !== 0) throw new Error(issued.stderr);
  manifest = Papa.parse<Record<string, string>>(issued.stdout.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const codeOf = (group: string, n = 0) => manifest.filter((r) => r.group === group)[n].access_code;

function formRow(code: string) {
  const db = openDb(server.dbPath);
  try {
    const f = db.select().from(formInstances).where(eq(formInstances.accessCode, code.replace(/-/g, ''))).get()!;
    const kinds = db.select({ kind: submissions.kind }).from(submissions).where(eq(submissions.formId, f.id)).all().map((s) => s.kind);
    return { ...f, kinds };
  } finally {
    closeDb(db);
  }
}

/** Presses "Gửi phiếu" and waits for the page the post answers with. */
async function submit(page: Page) {
  await Promise.all([page.waitForNavigation(), page.click('button[value=submit]')]);
}

async function axe(page: Page) {
  await page.addScriptTag({ path: repoPath('node_modules', 'axe-core', 'axe.min.js') });
  const result = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run();
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return result;
}

describe('a respondent on the web', () => {
  it('types the code, answers, saves, comes back, fixes what is missing and submits; the form is counted', async () => {
    const code = codeOf('CT01-HDND'); // 20 departments × 10 questions
    // bypassCSP only lets the test inject axe-core; the page's own script is served from 'self'.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // Status codes 400 (errors in place) and 404 (favicon) are logged as console errors; only script errors matter here.
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));

    await page.goto(server.url + '/');
    await page.fill('#code', code.replace(/-/g, '').toLowerCase());
    await Promise.all([page.waitForURL(`**/r/${code}`), page.click('text=Mở phiếu')]);
    expect(await page.textContent('h1')).toContain('CT-01');
    expect(await page.textContent('.form-head')).toContain('Lai Châu');

    const violations = await axe(page);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.screenshot({ path: join(shots, 'respond-desktop.png'), fullPage: false });

    // Question 1: "same answer for every unit" (JavaScript); question 2: one unit by hand, by keyboard.
    await page.click('#q0 .same-all button[data-value="2"]');
    expect((await page.textContent('#progress .n'))?.trim()).toBe('20');
    await page.locator('#c0-1-0').focus();
    await page.keyboard.press('Space');
    expect(await page.isChecked('#c0-1-0')).toBe(true);
    await page.keyboard.press('ArrowRight'); // moves to and checks "2" in the same radio group
    expect(await page.isChecked('#c0-1-1')).toBe(true);
    expect((await page.textContent('#progress .n'))?.trim()).toBe('21');
    await page.locator('#q1').screenshot({ path: join(shots, 'respond-desktop-question.png') });

    await Promise.all([page.waitForURL(/saved=1/), page.click('button[value=save]')]);
    expect(await page.textContent('.notice.ok')).toContain('Đã lưu bản nháp');
    await page.goto(`${server.url}/r/${code}`);
    expect(await page.isChecked('#c5-0-1')).toBe(true);
    expect(await page.isChecked('#c0-1-1')).toBe(true);
    expect((await page.textContent('#progress .n'))?.trim()).toBe('21');
    expect(formRow(code)).toMatchObject({ status: 'draft', kinds: ['web_draft'] });

    await submit(page);
    expect(await page.textContent('.error-summary')).toContain('còn 179 ô cần xem lại');
    expect(await page.isChecked('#c0-1-1')).toBe(true);
    expect(await page.isChecked('#c19-0-1')).toBe(true);
    expect(await page.locator('fieldset.cell.has-error').count()).toBe(179);

    for (let q = 1; q < 10; q++) await page.click(`#q${q} .same-all button[data-value="${q % 2 ? '1' : '9'}"]`);
    expect((await page.textContent('#progress .n'))?.trim()).toBe('200');
    await submit(page);
    expect((await page.textContent('h1'))?.trim()).toBe('Trân trọng cảm ơn Quý vị!');
    expect(errors).toEqual([]);

    const f = formRow(code);
    expect(f).toMatchObject({ status: 'counted', countedFrom: 'web', kinds: ['web_draft', 'web_draft', 'web_submit'] });
    const again = await page.goto(`${server.url}/r/${code}`);
    expect(again!.status()).toBe(409);
    await context.close();
  });

  it('works with JavaScript off and reads on a 360 px phone', async () => {
    const code = codeOf('CT02-CC'); // one department × 10 questions
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/r/${code.toLowerCase()}`);
    expect(await page.locator('.same-all').count()).toBe(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(shots, 'respond-360.png'), fullPage: false });
    // axe needs JavaScript: the same page at the same width in a context with it on.
    const withJs = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, bypassCSP: true });
    const probe = await withJs.newPage();
    await probe.goto(`${server.url}/r/${code}`);
    const violations = await axe(probe);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await withJs.close();

    for (let q = 0; q < 9; q++) await page.locator(`label[for="c0-${q}-${q % 5}"]`).click();
    await submit(page);
    expect(await page.textContent('.error-summary')).toContain('còn 1 ô cần xem lại');
    expect(await page.isChecked('#c0-3-3')).toBe(true);
    await page.locator('#q3').screenshot({ path: join(shots, 'respond-360-question.png') });
    await page.locator('.error-summary').screenshot({ path: join(shots, 'respond-360-errors.png') });
    await page.locator('label[for="c0-9-4"]').click();
    await submit(page);
    expect((await page.textContent('h1'))?.trim()).toBe('Trân trọng cảm ơn Quý vị!');
    expect(formRow(code)).toMatchObject({ status: 'counted', countedFrom: 'web' });
    await context.close();
  });
});
