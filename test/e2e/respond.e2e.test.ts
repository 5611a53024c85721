/** A respondent in headless Chromium against the real server: code box, answers, draft, reload, errors, submit, counted; the long form on a 360 px phone (measured); accessibility by axe; the no-JavaScript path. */
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, openDb } from '../../db/open';
import { formInstances, submissions } from '../../db/schema';
import { launchBrowser } from '../helpers/browser';
import { fixture, repoPath, runCli, tempDir } from '../helpers/cli';
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
    const f = db
      .select()
      .from(formInstances)
      .where(eq(formInstances.accessCode, code.replace(/-/g, '')))
      .get()!;
    const kinds = db
      .select({ kind: submissions.kind })
      .from(submissions)
      .where(eq(submissions.formId, f.id))
      .all()
      .map((s) => s.kind);
    return { ...f, kinds };
  } finally {
    closeDb(db);
  }
}

/** Presses "Gửi phiếu" and waits for the page the post answers with. */
async function submit(page: Page) {
  await Promise.all([page.waitForNavigation(), page.click('button[value=submit]')]);
}

/** Whether an element is on screen and not under the sticky question heading or the bar at the bottom. */
async function inView(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const r = el.getBoundingClientRect();
    const head = el.closest('section.question')?.querySelector('.qhead')?.getBoundingClientRect();
    const bar = document.querySelector('.actions')!.getBoundingClientRect();
    return r.top >= (head ? head.bottom - 1 : 0) && r.bottom <= bar.top + 1;
  }, selector);
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
    expect(await page.textContent('.actions .saved')).toMatch(/Đã lưu tạm lúc \d\d\/\d\d\/\d{4} \d\d:\d\d/);
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
    expect((await page.textContent('h1'))?.trim()).toBe('Trân trọng cảm ơn Ông/Bà!');
    expect(errors).toEqual([]);

    const f = formRow(code);
    expect(f).toMatchObject({ status: 'counted', countedFrom: 'web', kinds: ['web_draft', 'web_draft', 'web_submit'] });
    const again = await page.goto(`${server.url}/r/${code}`);
    expect(again!.status()).toBe(409);
    await context.close();
  });

  it('works with JavaScript off and reads on a 360 px phone', async () => {
    const code = codeOf('CT02-CC'); // one department × 10 questions
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
    });
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
    // Saving without JavaScript comes back to the first cell still empty (question 10), in view below its heading.
    await Promise.all([page.waitForURL(/saved=1#c0-9$/), page.click('button[value=save]')]);
    expect(await inView(page, '#c0-9')).toBe(true);
    expect(await page.getAttribute('#next-empty', 'href')).toBe('#c0-9');
    await submit(page);
    expect(await page.textContent('.error-summary')).toContain('còn 1 ô cần xem lại');
    expect(await page.isChecked('#c0-3-3')).toBe(true);
    await page.locator('#q3').screenshot({ path: join(shots, 'respond-360-question.png') });
    await page.locator('.error-summary').screenshot({ path: join(shots, 'respond-360-errors.png') });
    await page.locator('label[for="c0-9-4"]').click();
    await submit(page);
    expect((await page.textContent('h1'))?.trim()).toBe('Trân trọng cảm ơn Ông/Bà!');
    expect(formRow(code)).toMatchObject({ status: 'counted', countedFrom: 'web' });
    await context.close();
  });

  it('answers the 20-unit form comfortably on a 360 × 740 phone: compact rows, heading in view, 44 px targets, fill of empty cells only, next unanswered, save where one was', async () => {
    const code = codeOf('CT01-HDND', 1); // 20 departments × 10 questions
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, bypassCSP: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}/r/${code}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const violations = await axe(page);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

    // Screens per question: a question block's height over the screen's; 5.45 before compact rows (README).
    const heights = await page.$$eval('section.question', (qs) => qs.map((q) => q.getBoundingClientRect().height));
    const perQuestion = heights.reduce((a, b) => a + b, 0) / heights.length / 740;
    console.log(
      `360 × 740: ${perQuestion.toFixed(2)} screens per question, ${(await page.evaluate(() => document.documentElement.scrollHeight)) / 740} screens in all`,
    );
    expect(perQuestion).toBeLessThan(2.75);

    // Every touch target at least 44 × 44 px: options, fill buttons, the jump, save and submit.
    const small = await page.$$eval(
      'label.opt, .same-all button, #next-empty, .actions button',
      (els) => els.map((e) => e.getBoundingClientRect()).filter((r) => r.width < 44 || r.height < 44).length,
    );
    expect(small).toBe(0);

    // The question stays in view while its units are answered: the 15th unit of question 2 on screen, its heading at the top.
    await page.locator('#c14-1').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 0));
    const head = await page.evaluate(() => {
      const h = document.querySelector('#q1 .qhead')!.getBoundingClientRect();
      const hit = document.elementFromPoint(180, h.top + 10);
      return { top: h.top, ours: !!hit?.closest('#q1 .qhead') };
    });
    expect(head).toEqual({ top: 0, ours: true });
    expect(await inView(page, '#c14-1')).toBe(true);
    await page.screenshot({ path: join(shots, 'respond-360-long.png') });

    // The fill buttons fill only the empty cells; over answers already chosen they ask first.
    await page.locator('label[for="c3-0-0"]').tap();
    await page.locator('#q0 .same-all button[data-value="2"]').tap();
    expect(await page.isChecked('#c3-0-0')).toBe(true);
    expect(await page.isChecked('#c4-0-1')).toBe(true);
    expect((await page.textContent('#progress .n'))?.trim()).toBe('20');
    expect(await page.textContent('#bar-status')).toContain('19 đơn vị còn trống');
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      return d.dismiss();
    });
    await page.locator('#q0 .same-all button[data-value="4"]').tap();
    expect(asked).toEqual([expect.stringContaining('Thay 20 lựa chọn khác')]);
    expect(await page.isChecked('#c3-0-0')).toBe(true);
    page.once('dialog', (d) => d.accept());
    await page.locator('#q0 .same-all button[data-value="1"]').tap();
    expect(await page.isChecked('#c4-0-0')).toBe(true);

    // "Next unanswered" from where one is: past question 1 (all answered) to question 2's first unit, in view.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('#next-empty').tap();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('c0-1-0');
    expect(await inView(page, '#c0-1')).toBe(true);
    // From the middle of question 3 it goes on from there, not back to question 2.
    await page.locator('#c12-2').scrollIntoViewIfNeeded();
    await page.locator('label[for="c12-2-2"]').tap();
    await page.locator('#next-empty').tap();
    const focused = await page.evaluate(() => document.activeElement?.id ?? '');
    expect(focused).toMatch(/^c1[3-9]-2-0$/);

    // Saving comes back to the same place (the unit on screen), not to the top of a 20-screen page.
    const before = await page.evaluate(() => window.scrollY);
    await Promise.all([page.waitForURL(/saved=1#c\d+-2$/), page.click('button[value=save]')]);
    const cell = new URL(page.url()).hash;
    expect(await inView(page, cell)).toBe(true);
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(740);
    expect(await page.textContent('.actions .saved')).toContain('Đã lưu tạm lúc');
    expect(await page.isChecked('#c12-2-2')).toBe(true);
    await page.screenshot({ path: join(shots, 'respond-360-saved.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a 600-character question from filling a 360 px screen, and stays axe-clean with it', async () => {
    const loaded = runCli(server.dbPath, ['campaign', 'load', fixture('long-texts-campaign.json')]);
    if (loaded.status !== 0) throw new Error(loaded.stderr);
    const issued = runCli(server.dbPath, ['issue', 'LONG-2026', '--channel', 'web']);
    if (issued.status !== 0) throw new Error(issued.stderr);
    const row = Papa.parse<Record<string, string>>(issued.stdout.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data.find(
      (r) => r.group === 'G1',
    )!;
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/r/${row.access_code}`);
    await page.locator('#c10-0').scrollIntoViewIfNeeded();
    const head = await page.evaluate(() => document.querySelector('#q0 .qhead')!.getBoundingClientRect());
    expect(head.top).toBe(0);
    expect(head.height).toBeLessThan(740 * 0.45);
    expect(await inView(page, '#c10-0')).toBe(true);
    const violations = await axe(page);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.screenshot({ path: join(shots, 'respond-360-long-text.png') });
    await context.close();
  });
});
