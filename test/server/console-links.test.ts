/**
 * Finding one's way in without typing a URL (issue 10, item 1): from where each role lands after login, following the
 * links and GET forms of the pages, every page the app lets that role open is reached; the public home page leads
 * staff to the login and shows no progress figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCampaign } from '../../db/campaigns.repo';
import { importKeyedRows } from '../../db/entry.repo';
import { listForms } from '../../db/forms.repo';
import { buildTestApp, login, routesOf } from '../helpers/app';
import { seedMini } from './admin-seed';

const C = 'MINI-2026';
let app: Awaited<ReturnType<typeof buildTestApp>>;
let conflictSerial = '';

/**
 * GET routes nobody reaches by a link, each with the reason; every other GET route that answers 200 for a role must be
 * reachable from that role's landing page.
 */
const NOT_LINKED: Record<string, string> = {
  '/static/*': 'styles and scripts, loaded by the pages',
  '/r': "the respondent's code box posts to it; staff do not answer forms",
  '/r/:code': "a respondent's own form, opened with the code printed on paper",
  '/entry/form/:campaign/:serial': "JSON the keying desk's script asks for after a serial is typed",
  '/api/v1/campaigns': 'the JSON list for scripts with a token',
};

/** Sample values for route parameters: the mini campaign, a form in conflict, a scored cell. */
function sampleUrl(route: string): string {
  return route.replace(':code', C).replace(':campaign', C).replace(':serial', conflictSerial).replace(':unit', 'SA').replace(':criterion', 'C1');
}

const patternOf = (route: string) =>
  new RegExp(
    `^${route
      .replace(/[.]/g, '\\.')
      .replace(/:[a-z]+/gi, '[^/]+')
      .replace('*', '.*')}$`,
  );

/** Local links and GET form actions of a page, as paths with their query (fragment dropped, entities decoded). */
function linksOf(html: string): string[] {
  const hrefs = [...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]);
  const forms = [...html.matchAll(/<form [^>]*method="get"[^>]*action="([^"]+)"/gi)].map((m) => m[1]);
  const formactions = [...html.matchAll(/formaction="([^"]+)"/g)].map((m) => m[1]);
  return [...hrefs, ...forms, ...formactions]
    .map((u) => u.replaceAll('&amp;', '&').replace(/#.*$/, ''))
    .filter((u) => u.startsWith('/') && !u.startsWith('//'));
}

/** Breadth-first through pages (up to `depth` clicks), recording every route linked; downloads are recorded, not opened. */
async function crawl(cookie: string, start: string, routes: string[], depth = 3) {
  const reached = new Set<string>();
  const forbidden: string[] = [];
  const seen = new Set<string>([start]);
  let frontier = [start];
  for (let d = 0; d <= depth && frontier.length; d++) {
    const next: string[] = [];
    for (const url of frontier) {
      const path = url.split('?')[0];
      const route = routes.find((r) => patternOf(r).test(path));
      if (route) reached.add(route);
      if (path.startsWith('/api/') || path.endsWith('.csv') || path.startsWith('/static/')) continue;
      const res = await app.inject({ url, headers: { cookie } });
      if (res.statusCode === 403) forbidden.push(url);
      const html = String(res.headers['content-type'] ?? '').startsWith('text/html') && !res.headers['content-disposition'];
      if (!html) continue;
      for (const link of linksOf(res.body)) {
        if (seen.has(link)) continue;
        seen.add(link);
        next.push(link);
      }
    }
    frontier = next;
  }
  return { reached, forbidden };
}

beforeAll(async () => {
  app = await buildTestApp();
  seedMini(app.db);
  // One form keyed differently in the two passes, so reconciliation has a form to open.
  const c = getCampaign(app.db, C)!;
  const f = listForms(app.db, c.id).find((x) => x.groupCode === 'G2' && x.homeUnit === 'SB')!;
  conflictSerial = f.serial;
  for (const [pass, operator, answer] of [
    [1, 'lan', '1'],
    [2, 'minh', '2'],
  ] as const) {
    const rows = ['1', '2', '3'].map((q, i) => ({ row: i + 2, cells: { serial: f.serial, unit: '', question: q, answer } }));
    const out = importKeyedRows(app.db, c, rows, { pass, operator, fileName: `conflict-${pass}.csv` });
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
  }
});
afterAll(() => app.close());

describe('finding the way in the console', () => {
  it.each([
    ['keyer', '/entry'],
    ['supervisor', '/admin'],
    ['admin', '/admin'],
  ] as const)('a %s lands on %s and reaches by links every page they may open, and no link sends them to a refusal', async (role, home) => {
    const { cookie, landing } = await login(app, `links-${role}`, role);
    expect(landing).toBe(home);
    await app.ready();
    const routes = [
      ...new Set(
        routesOf(app)
          .filter((r) => r.method === 'GET')
          .map((r) => r.route),
      ),
    ];
    const allowed: string[] = [];
    for (const route of routes) {
      if (route in NOT_LINKED) continue;
      // The downloads under /admin/print name their campaign in the query.
      const res = await app.inject({ url: sampleUrl(route) + (/^\/admin\/print\/.*\.csv$/.test(route) ? `?campaign=${C}` : ''), headers: { cookie } });
      if (res.statusCode === 200) allowed.push(route);
    }
    const { reached, forbidden } = await crawl(cookie, landing, routes);
    expect(
      allowed.filter((r) => !reached.has(r)),
      `${role}: pages only reachable by typing their URL`,
    ).toEqual([]);
    expect(forbidden, `${role}: links to pages that refuse them`).toEqual([]);
  });

  it('leads a supervisor from the landing page straight to the forms waiting for reconciliation', async () => {
    const { cookie, landing } = await login(app, 'links-sup-2', 'supervisor');
    const page = await app.inject({ url: landing, headers: { cookie } });
    expect(page.body).toMatch(/<p class="todo"><a href="\/entry\/conflicts\?campaign=MINI-2026"><strong>1 phiếu có hai lượt nhập lệch nhau<\/strong>/);
  });

  it('gives the public home page a staff login link and no progress figures', async () => {
    const res = await app.inject({ url: '/' });
    expect(res.body).toContain('<a href="/login" class="button">Đăng nhập</a>');
    expect(res.body).toContain('Điều tra thử nghiệm');
    // The mini campaign has 4 forms issued and 3 counted: neither figure nor its heading is on the public page.
    expect(res.body).not.toMatch(/Phiếu đã phát|Phiếu hợp lệ|đã phát|hợp lệ/);
    expect(res.body).not.toMatch(/<td class="num">[34]<\/td>/);
  });

  it('names the favicon on every page and serves it', async () => {
    const res = await app.inject({ url: '/login' });
    expect(res.body).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">');
    const icon = await app.inject({ url: '/static/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
  });
});
