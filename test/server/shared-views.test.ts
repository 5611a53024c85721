/** What several pages share, written once: the console and keying-desk navigation (partials), the error page, the shared styles. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../helpers/app';
import { seedMini } from './admin-seed';
import { seedCampaign } from '../helpers/seed';

let app: Awaited<ReturnType<typeof buildTestApp>>;

beforeEach(async () => {
  app = await buildTestApp();
  seedMini(app.db);
});
afterEach(() => app.close());

const ADMIN_LINKS = ['/admin/users', '/admin/tokens', '/admin/audit'];
/** Every place an admin or supervisor works, in the console's navigation on every console and back-office page. */
const STAFF_LINKS = ['/admin', '/admin/print', '/entry', '/entry/verify', '/entry/conflicts', '/entry/ledger', '/entry/accuracy'];
const get = async (url: string, cookie: string) => (await app.inject({ url, headers: { cookie } })).body;
/** The paths the page's console navigation links to (query and fragment left off). */
const navLinks = (html: string) => {
  const nav = /<nav class="admin-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(html);
  return nav ? [...nav[1].matchAll(/href="([^"?#]*)/g)].map((m) => m[1]) : [];
};

describe('navigation partials', () => {
  it('shows the account links of the console nav to admins only, and always on admin-only pages', async () => {
    const admin = await loginAs(app, 'an', 'admin');
    const sup = await loginAs(app, 'binh', 'supervisor');
    for (const url of [
      '/admin',
      '/admin/campaigns/MINI-2026',
      '/admin/campaigns/MINI-2026/quotas',
      '/admin/campaigns/MINI-2026/scores',
      '/admin/campaigns/MINI-2026/scores/SA/C1',
      '/admin/campaigns/MINI-2026/keyed',
    ]) {
      expect(navLinks(await get(url, admin)), url).toEqual([...STAFF_LINKS, ...ADMIN_LINKS]);
      expect(navLinks(await get(url, sup)), url).toEqual(STAFF_LINKS);
    }
    for (const url of ['/admin/users', '/admin/tokens', '/admin/audit', '/admin/campaigns/MINI-2026/self', '/admin/print']) {
      expect(navLinks(await get(url, admin)), url).toEqual([...STAFF_LINKS, ...ADMIN_LINKS]);
    }
  });

  it('shows the keyer only the desk, and supervisors and admins the whole console navigation on back-office pages', async () => {
    const keyer = await loginAs(app, 'lan', 'keyer');
    const sup = await loginAs(app, 'binh', 'supervisor');
    const admin = await loginAs(app, 'an', 'admin');
    const desk = await get('/entry?campaign=MINI-2026', keyer);
    // The keyer's own navigation: the desk, and the scan cells waiting for a person (issue 15).
    expect(desk).toContain(
      '<nav class="entry-nav"><a href="/entry?campaign=MINI-2026">Nhập phiếu</a> · <a href="/entry/verify?campaign=MINI-2026">Xác nhận ô phiếu quét</a></nav>',
    );
    expect(navLinks(desk)).toEqual([]);
    for (const url of [
      '/entry?campaign=MINI-2026',
      '/entry/conflicts?campaign=MINI-2026',
      '/entry/ledger?campaign=MINI-2026',
      '/entry/accuracy?campaign=MINI-2026',
      '/entry/verify?campaign=MINI-2026',
    ]) {
      const page = await get(url, sup);
      expect(navLinks(page), url).toEqual(STAFF_LINKS);
      // The campaign in view is kept when moving between back-office pages.
      expect(page, url).toContain('<a href="/entry/conflicts?campaign=MINI-2026">');
      expect(navLinks(await get(url, admin)), url).toEqual([...STAFF_LINKS, ...ADMIN_LINKS]);
    }
  });
});

describe('error pages', () => {
  it('answers an unknown campaign with the same 404 page in the console, the upload page and printing', async () => {
    const admin = await loginAs(app, 'an', 'admin');
    for (const url of ['/admin/campaigns/NOPE', '/admin/campaigns/NOPE/scores', '/admin/campaigns/NOPE/keyed']) {
      const res = await app.inject({ url, headers: { cookie: admin } });
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toContain('<h1>Không tìm thấy</h1>\n<p class="error">Không có đợt điều tra NOPE.</p>');
    }
    const counts = await app.inject({ url: '/admin/print/counts.csv?campaign=NOPE', headers: { cookie: admin } });
    expect(counts.statusCode).toBe(404);
    expect(counts.body).toContain('<h1>Không tìm thấy</h1>\n<p class="error">Không có đợt điều tra này.</p>');
  });
});

describe('shared styles', () => {
  it('defines the secondary button and the screen-reader-only class once, in app.css, and no unused primary button', async () => {
    const css = async (name: string) => (await app.inject({ url: `/static/${name}` })).body;
    const app_ = await css('app.css');
    expect(app_).toContain('button.secondary {');
    expect(app_).toContain('.sr-only {');
    expect(app_).not.toContain('button.primary');
    // After the submit-button rule, so that a secondary submit button stays white.
    expect(app_.indexOf('button.secondary')).toBeGreaterThan(app_.indexOf('button[type=submit]'));
    for (const name of ['admin.css', 'respond.css', 'entry.css']) {
      const own = await css(name);
      expect(own, name).not.toContain('button.secondary');
      expect(own, name).not.toMatch(/\.sr(-only)?\s*\{/);
    }
    const admin = await loginAs(app, 'an', 'admin');
    const users = await get('/admin/users', admin);
    expect(users).toContain('<label class="sr-only" for="pw-');
    expect(users).not.toContain('class="sr"');
  });

  it('leaves no data-total on the questionnaire (respond.js counts the answered cells itself)', async () => {
    // A fresh app: the seeded campaign's forms are all issued on paper.
    await app.close();
    app = await buildTestApp();
    const form = seedCampaign(app.db, { channel: 'web' }).forms[0];
    const res = await app.inject({ url: `/r/${form.accessCode}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<p class="progress" id="progress" aria-live="polite">Đã trả lời <span class="n">0<\/span>\/\d+ ô<\/p>/);
    expect(res.body).not.toContain('data-total');
  });
});
