/**
 * Every page of every role on a 360 × 740 phone in headless Chromium (issue 10): walking the links from each role's
 * landing page, no page scrolls sideways, no page shows the scoring codes (LOW_N, NO_DATA, group-equal, minValid, F)
 * as words, numbers carry the decimal comma and times are written 29/11/2026 14:04. Tables scroll inside their box
 * without squeezing their text columns (issue 16): no text cell narrower than 8em wraps to more than two lines, and no
 * row is taller than 120 px unless it holds form controls or a long text already given 20em. The header reads
 * "Chỉ số CCHC — Điều tra xã hội học › Bảng điều khiển" (or "› Nhập phiếu" for a keyer) on every console page. File
 * pickers read «Chọn tệp…» and the chosen file's name in a browser set to English, and work without JavaScript.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCampaign } from '../../db/campaigns.repo';
import { importKeyedRows } from '../../db/entry.repo';
import { issueForms, listForms } from '../../db/forms.repo';
import { closeDb, openDb } from '../../db/open';
import { createToken } from '../../db/tokens.repo';
import { addUser, type Role } from '../../db/users.repo';
import { ensureSampleCampaign } from '../../server/bootstrap';
import { launchBrowser } from '../helpers/browser';
import { repoPath, tempDir } from '../helpers/cli';
import { startServer, type RunningServer } from '../helpers/server';
import { seedMini } from '../server/admin-seed';

const PASSWORD = 'mật-khẩu-dài';
let server: RunningServer;
let browser: Browser;

/** Words of the scoring engine that must not reach a screen (they may stay in tooltips and exports). */
const INTERNAL = /LOW_N|NO_DATA|group-equal|pooled|minValid|warnBelow|(^|\s)F(\s|$|\))/;
/** A number shown with a decimal point: two decimals or fewer (a score), or more than three (a fraction); "1.193" is a thousand. */
const POINT_DECIMAL = /\d\.(\d{1,2}|\d{4,})$/;

beforeAll(async () => {
  // The sample province (long Vietnamese names, 134 units, forms issued) and the mini campaign with counted forms and
  // one form in conflict, so that every page has something to show.
  const dbPath = join(tempDir(), 'cchc.db');
  const db = openDb(dbPath);
  ensureSampleCampaign(db);
  issueForms(db, getCampaign(db, 'LCU-2020')!, 'mixed', 'test');
  seedMini(db);
  const mini = getCampaign(db, 'MINI-2026')!;
  const f = listForms(db, mini.id).find((x) => x.groupCode === 'G2' && x.homeUnit === 'SB')!;
  for (const [pass, operator, answer] of [
    [1, 'lan', '1'],
    [2, 'minh', '2'],
  ] as const) {
    const rows = ['1', '2', '3'].map((q, i) => ({ row: i + 2, cells: { serial: f.serial, unit: '', question: q, answer } }));
    const out = importKeyedRows(db, mini, rows, { pass, operator, fileName: `conflict-${pass}.csv` });
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
  }
  for (const role of ['admin', 'supervisor', 'keyer'] as const) await addUser(db, `hep-${role}`, role, PASSWORD, 'test');
  const admin = db.$client.prepare("select id from users where name = 'hep-admin'").get() as { id: number };
  createToken(db, admin.id, 'Báo cáo Văn phòng UBND tỉnh', 'test');
  closeDb(db);
  server = await startServer({ DATABASE_PATH: dbPath });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** One visit per kind of page: serials, score cells and campaigns' print anchors collapse to one key. */
function pageKey(url: URL): string {
  const path = url.pathname.replace(/\/\d{5,}$/, '/:serial').replace(/\/scores\/[^/]+\/[^/]+$/, '/scores/:unit/:criterion');
  return `${path}?campaign=${url.searchParams.get('campaign') ?? ''}`;
}

/** Downloads, print runs, the API and posts are not pages to read on a phone. */
const isPage = (url: URL) =>
  !url.pathname.startsWith('/api/') &&
  !/\.(csv|xlsx|json)$/.test(url.pathname) &&
  !url.pathname.startsWith('/static/') &&
  !url.pathname.startsWith('/r/') &&
  !(url.pathname.startsWith('/admin/print') && url.search !== '');

async function look(page: Page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    text: document.body.innerText,
    header: (document.querySelector('header.site') as HTMLElement).innerText.replace(/\s+/g, ' '),
    numbers: [...document.querySelectorAll('td.num, th.num')].map((td) => (td as HTMLElement).innerText.trim()),
    links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
    squeezed: [...document.querySelectorAll('main table')].flatMap((table) =>
      [...(table as HTMLTableElement).rows].flatMap((row) => {
        // The height the text of a cell takes (a cell itself stretches to its row), in lines of the cell's font.
        const cells = [...row.cells].map((cell) => {
          const style = getComputedStyle(cell);
          const range = document.createRange();
          range.selectNodeContents(cell);
          const em = Number.parseFloat(style.fontSize);
          return {
            cell,
            em,
            width: cell.getBoundingClientRect().width,
            lines: range.getBoundingClientRect().height / (Number.parseFloat(style.lineHeight) || em * 1.5),
            controls: cell.querySelector('input, select, button, textarea') !== null,
          };
        });
        const text = (c: { cell: HTMLElement }) => c.cell.innerText.trim().replace(/\s+/g, ' ').slice(0, 40);
        const out = cells
          .filter((c) => c.width < 8 * c.em && c.lines > 2.2)
          .map((c) => `cell "${text(c)}" ${Math.round(c.width)} px wide in ${Math.round(c.lines)} lines`);
        const height = row.getBoundingClientRect().height;
        const tallest = cells.reduce((a, b) => (b.lines > a.lines ? b : a), cells[0]);
        if (height > 120 && !cells.some((c) => c.controls) && tallest.width < 20 * tallest.em - 1)
          out.push(`row ${Math.round(height)} px tall ("${text(tallest)}" ${Math.round(tallest.width)} px wide)`);
        return out;
      }),
    ),
  }));
}

async function sweep(role: Role | 'none'): Promise<{ visited: string[]; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  let start = `${server.url}/`;
  if (role !== 'none') {
    await page.goto(`${server.url}/login`);
    await page.fill('#name', `hep-${role}`);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    start = page.url();
  }
  const seen = new Set<string>();
  const queue = [start, `${server.url}/login`];
  const visited: string[] = [];
  const problems: string[] = [];
  while (queue.length) {
    const url = new URL(queue.shift()!);
    if (url.origin !== server.url || !isPage(url) || seen.has(pageKey(url))) continue;
    seen.add(pageKey(url));
    const res = await page.goto(url.href);
    if (res?.status() !== 200 || !String(res.headers()['content-type']).startsWith('text/html')) continue;
    visited.push(url.pathname + url.search);
    const seen360 = await look(page);
    const where = `${role} ${url.pathname}${url.search}`;
    if (seen360.scrollWidth > seen360.innerWidth) problems.push(`${where}: ${seen360.scrollWidth} px wide on a ${seen360.innerWidth} px screen`);
    const term = INTERNAL.exec(seen360.text);
    if (term) problems.push(`${where}: shows the internal term "${term[0].trim()}"`);
    const pointed = seen360.numbers.find((n) => POINT_DECIMAL.test(n));
    if (pointed) problems.push(`${where}: number "${pointed}" with a decimal point`);
    // The separator sentence of the CSV uploads read ", hoặc ;;" once the code marks were dropped.
    if (/[,;] hoặc [,;];/.test(seen360.text)) problems.push(`${where}: the separator sentence reads "${/[,;] hoặc [,;];/.exec(seen360.text)![0]}"`);
    for (const squeezed of new Set(seen360.squeezed)) problems.push(`${where}: table ${squeezed}`);
    // The header reads product › area on every console and desk page (it read «… xã hội học Bảng điều khiển» as one title).
    const area = role === 'keyer' ? 'Nhập phiếu' : 'Bảng điều khiển';
    if (role !== 'none' && /^\/(admin|entry)\b/.test(url.pathname) && !seen360.header.startsWith(`Chỉ số CCHC — Điều tra xã hội học › ${area} `))
      problems.push(`${where}: the header reads "${seen360.header.slice(0, 60)}"`);
    const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.exec(seen360.text);
    if (iso) problems.push(`${where}: time written as ${iso[0]}`);
    for (const link of seen360.links) queue.push(link.replace(/#.*$/, ''));
  }
  await context.close();
  return { visited, problems };
}

describe('every page on a 360 px phone', () => {
  it.each(['none', 'keyer', 'supervisor', 'admin'] as const)(
    '%s: no sideways scrolling, no internal terms, Vietnamese numbers and times',
    async (role) => {
      const { visited, problems } = await sweep(role);
      expect(problems).toEqual([]);
      // The walk really went through the console: the pages each role works on were among those checked.
      const must = {
        none: ['/', '/login'],
        keyer: ['/entry'],
        supervisor: [
          '/admin',
          '/admin/print',
          '/entry/conflicts',
          '/entry/ledger',
          '/entry/accuracy',
          '/admin/campaigns/MINI-2026/scores',
          '/admin/campaigns/MINI-2026/scores/SA/C1',
          '/admin/campaigns/MINI-2026/analysis',
          '/admin/campaigns/LCU-2020/definition',
        ],
        admin: [
          '/admin',
          '/admin/users',
          '/admin/tokens',
          '/admin/audit',
          '/admin/campaigns/LCU-2020',
          '/admin/campaigns/LCU-2020/quotas',
          '/admin/campaigns/LCU-2020/definition',
        ],
      }[role];
      for (const path of must)
        expect(
          visited.map((v) => v.split('?')[0]),
          path,
        ).toContain(path);
    },
    240_000,
  );
});

describe('printing choice in a browser', () => {
  it('narrows the home units to the chosen group, and prints the chosen home unit without typing its code', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('#name', 'hep-supervisor');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    await page.click('nav.admin-nav >> text=In phiếu, thư mời');
    await page.waitForURL(/\/admin\/print$/);
    const shown = () =>
      page.$$eval('#home-LCU-2020 option', (os) => os.filter((o) => !(o as HTMLOptionElement).hidden).map((o) => (o as HTMLOptionElement).value));
    // Lai Châu: 20 departments, 8 districts, 106 communes are home units of some group; all listed before a choice.
    expect(await shown()).toHaveLength(1 + 20 + 8 + 106);
    await page.selectOption('#group-LCU-2020', 'CH01-HDND'); // district People's Council delegates: the 8 districts
    expect(await shown()).toEqual(['', 'TPLC', 'TDU', 'PTO', 'SHO', 'MTE', 'THU', 'TAU', 'NNH']);
    await page.selectOption('#group-LCU-2020', 'CT01-HDND'); // provincial delegates: the province as a whole
    expect(await shown()).toEqual(['']);
    await page.selectOption('#group-LCU-2020', 'CH01-HDND');
    await page.selectOption('#home-LCU-2020', 'TDU');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/admin/print?')),
      page.click('#in-LCU-2020 button:has-text("In phiếu khảo sát")'),
    ]);
    expect(res.status()).toBe(200);
    expect(new URL(res.url()).searchParams.get('home')).toBe('TDU');
    expect(new URL(res.url()).searchParams.get('group')).toBe('CH01-HDND');
    await context.close();
  }, 120_000);
});

describe('file pickers', () => {
  it('every file input of the console goes through partials/file-pick.hbs', () => {
    const views = join(repoPath(), 'server/views');
    const withFile = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? withFile(join(dir, e.name)) : /type="?file/.test(readFileSync(join(dir, e.name), 'utf8')) ? [e.name] : [],
      );
    expect(withFile(views)).toEqual(['file-pick.hbs']);
  });

  /** Logs the admin in on a 360 px phone in a browser set to English. */
  async function adminIn(javaScriptEnabled: boolean) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-US', javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('#name', 'hep-admin');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    return { context, page };
  }

  it('reads «Chọn tệp…» and the chosen file name in a browser set to English; the input stays focusable by keyboard', async () => {
    const { context, page } = await adminIn(true);
    const csv = join(tempDir(), 'lan-luot-1.csv');
    writeFileSync(csv, 'serial,unit,question,answer\n');
    // The campaign upload, the keyed CSV upload and the self-assessment upload.
    for (const [path, id] of [
      ['/admin', 'campaign-file'],
      ['/admin/campaigns/MINI-2026/keyed', 'keyed-file'],
      ['/admin/campaigns/MINI-2026/self', 'self-file'],
    ]) {
      await page.goto(`${server.url}${path}`);
      const input = page.locator(`#${id}`);
      const pick = page.locator(`.file-pick:has(#${id})`);
      await expect.poll(() => pick.getAttribute('class'), { message: path }).toContain('enhanced');
      const box = (await input.boundingBox())!;
      expect(box.width <= 1 && box.height <= 1, `${path}: the native control is out of sight`).toBe(true);
      expect(await pick.locator('label.file-button').innerText()).toBe('Chọn tệp…');
      expect(await pick.locator('label.file-button').isVisible()).toBe(true);
      expect(await pick.locator('.file-name').innerText()).toBe('Chưa chọn tệp');
      // Tab from the element before it reaches the input itself (Space then opens the browser's file dialog).
      await input.evaluate((el) => {
        const before = document.createElement('button');
        before.id = 'before-file';
        el.closest('.file-pick')!.before(before);
        before.focus();
      });
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id), path).toBe(id);
      await input.setInputFiles(csv);
      expect(await pick.locator('.file-name').innerText()).toBe('lan-luot-1.csv');
    }
    await context.close();
  }, 120_000);

  it('without JavaScript the browser’s own control shows and its file is posted', async () => {
    const { context, page } = await adminIn(false);
    const csv = join(tempDir(), 'lan-luot-1.csv');
    writeFileSync(csv, 'serial,unit,question,answer\n987654,,1,1\n');
    await page.goto(`${server.url}/admin/campaigns/MINI-2026/keyed`);
    expect((await page.locator('#keyed-file').boundingBox())!.width).toBeGreaterThan(50);
    expect(await page.locator('label.file-button').isVisible()).toBe(false);
    await page.setInputFiles('#keyed-file', csv);
    await page.selectOption('#operator', { index: 1 });
    await Promise.all([page.waitForNavigation(), page.click('form[enctype] button[type=submit]')]);
    // The file arrived and was read: the refusal names the serial of its one row.
    expect(await page.locator('main').innerText()).toContain('987654');
    await context.close();
  }, 120_000);
});
