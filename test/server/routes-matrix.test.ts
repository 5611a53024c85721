/**
 * Every route of the app, for every role and for no session, against a table of designed answers. The routes are read
 * from the running app, so a route added anywhere without a row here fails this test until someone decides who may use it.
 * The same sweep checks that no answer but a static file may be cached.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAccessCode } from '../../surveys/access-code';
import { buildTestApp, cookieOf, csrfOf, loginAs, routesOf } from '../helpers/app';
import { seedMini } from './admin-seed';
import { seedCampaign } from '../helpers/seed';

type Who = 'none' | 'keyer' | 'supervisor' | 'admin';
/** A status code, or 'login' for a redirect to the login page (GET pages without a session). */
type Answer = number | 'login';
type Expected = Record<Who, Answer>;
type Row = { method: string; route: string; url?: string; expect: Expected };

const WHO: Who[] = ['none', 'keyer', 'supervisor', 'admin'];
const all = (a: Answer): Expected => ({ none: a, keyer: a, supervisor: a, admin: a });
/** Pages, by who may open them. */
const page = {
  keying: { none: 'login', keyer: 200, supervisor: 200, admin: 200 },
  console: { none: 'login', keyer: 403, supervisor: 200, admin: 200 },
  supervising: { none: 'login', keyer: 403, supervisor: 200, admin: 200 },
  admin: { none: 'login', keyer: 403, supervisor: 403, admin: 200 },
} satisfies Record<string, Expected>;
/** Form posts with a valid CSRF token and an empty body: the role check comes first (401/403), then the handler refuses the empty form. */
const post = (admitted: Partial<Record<Who, Answer>>): Expected => ({ none: 401, keyer: 403, supervisor: 403, admin: 403, ...admitted });
const api: Expected = { none: 401, keyer: 403, supervisor: 200, admin: 200 };

// Sample values for the route parameters; the campaign is test/fixtures/mini-campaign.json, seeded with counted forms.
const C = 'MINI-2026';
let serial = '';
let access = '';

const TABLE = (): Row[] => [
  // public
  { method: 'GET', route: '/', expect: all(200) },
  { method: 'GET', route: '/static/*', url: '/static/app.css', expect: all(200) },
  { method: 'GET', route: '/login', expect: all(200) },
  { method: 'POST', route: '/login', expect: all(401) },
  { method: 'GET', route: '/r', expect: all(200) },
  { method: 'POST', route: '/r', expect: all(400) },
  { method: 'GET', route: '/r/:code', url: `/r/${access}`, expect: all(200) },
  { method: 'POST', route: '/r/:code', url: `/r/${access}`, expect: all(303) },
  // keying desk (issue 4)
  { method: 'GET', route: '/entry', expect: page.keying },
  {
    method: 'GET',
    route: '/entry/form/:campaign/:serial',
    url: `/entry/form/${C}/${serial}`,
    expect: { none: 'login', keyer: 409, supervisor: 409, admin: 409 },
  },
  {
    method: 'POST',
    route: '/entry/form/:campaign/:serial/pass',
    url: `/entry/form/${C}/${serial}/pass`,
    expect: { none: 401, keyer: 400, supervisor: 400, admin: 400 },
  },
  { method: 'GET', route: '/entry/conflicts', url: `/entry/conflicts?campaign=${C}`, expect: page.supervising },
  { method: 'GET', route: '/entry/conflicts/:campaign/:serial', url: `/entry/conflicts/${C}/${serial}`, expect: page.supervising },
  { method: 'POST', route: '/entry/conflicts/:campaign/:serial', url: `/entry/conflicts/${C}/${serial}`, expect: post({ supervisor: 400, admin: 400 }) },
  { method: 'GET', route: '/entry/ledger', url: `/entry/ledger?campaign=${C}`, expect: page.supervising },
  { method: 'POST', route: '/entry/invalidate', expect: post({ supervisor: 404, admin: 404 }) },
  { method: 'GET', route: '/entry/accuracy', url: `/entry/accuracy?campaign=${C}`, expect: page.supervising },
  // scanned returns (issue 15): verifying is keying; the crop of a cell nobody scanned is 404
  { method: 'GET', route: '/entry/verify', url: `/entry/verify?campaign=${C}`, expect: page.keying },
  { method: 'POST', route: '/entry/verify', expect: post({ keyer: 404, supervisor: 404, admin: 404 }) },
  {
    method: 'GET',
    route: '/entry/scan-crop/:campaign/:serial/:unit/:question',
    url: `/entry/scan-crop/${C}/${serial}/SA/1`,
    expect: { none: 'login', keyer: 404, supervisor: 404, admin: 404 },
  },
  { method: 'GET', route: '/admin/campaigns/:code/scans', url: `/admin/campaigns/${C}/scans`, expect: page.console },
  { method: 'POST', route: '/admin/campaigns/:code/scans', url: `/admin/campaigns/${C}/scans`, expect: post({ supervisor: 400, admin: 400 }) },
  // printing (issue 4)
  { method: 'GET', route: '/admin/print', expect: page.console },
  { method: 'GET', route: '/admin/print/counts.csv', url: `/admin/print/counts.csv?campaign=${C}`, expect: page.console },
  { method: 'GET', route: '/admin/print/manifest.csv', url: `/admin/print/manifest.csv?campaign=${C}`, expect: page.console },
  // web invitations (issue 10): the seeded forms are paper, so the console's roles get the polite 404 "no invitations"
  { method: 'GET', route: '/admin/print/invitations', url: `/admin/print/invitations?campaign=${C}`, expect: { ...page.console, supervisor: 404, admin: 404 } },
  { method: 'GET', route: '/admin/print/access-codes.csv', url: `/admin/print/access-codes.csv?campaign=${C}`, expect: page.console },
  // PDF jobs (issue 10): none has been started here
  { method: 'GET', route: '/admin/print/pdf', url: `/admin/print/pdf?campaign=${C}`, expect: { none: 'login', keyer: 403, supervisor: 404, admin: 404 } },
  { method: 'POST', route: '/admin/print/pdf', expect: post({ supervisor: 200, admin: 200 }) },
  {
    method: 'GET',
    route: '/admin/print/pdf/file',
    url: `/admin/print/pdf/file?campaign=${C}`,
    expect: { none: 'login', keyer: 403, supervisor: 404, admin: 404 },
  },
  // console (issue 5)
  { method: 'GET', route: '/admin', expect: page.console },
  { method: 'POST', route: '/admin/campaigns', expect: post({ admin: 400 }) },
  // campaign files (issue 13): the confirm step without a checked file, the definition page, the downloads
  { method: 'POST', route: '/admin/campaigns/load', expect: post({ admin: 400 }) },
  { method: 'GET', route: '/admin/campaigns/:code/definition', url: `/admin/campaigns/${C}/definition`, expect: page.console },
  { method: 'POST', route: '/admin/campaigns/:code/copy', url: `/admin/campaigns/${C}/copy`, expect: post({ admin: 400 }) },
  { method: 'GET', route: '/admin/campaigns/:code/definition.xlsx', url: `/admin/campaigns/${C}/definition.xlsx`, expect: page.admin },
  { method: 'GET', route: '/admin/campaign-template.xlsx', expect: page.admin },
  { method: 'GET', route: '/admin/campaigns/:code/definition.json', url: `/admin/campaigns/${C}/definition.json`, expect: page.admin },
  { method: 'GET', route: '/admin/campaigns/:code', url: `/admin/campaigns/${C}`, expect: page.console },
  { method: 'POST', route: '/admin/campaigns/:code/issue', url: `/admin/campaigns/${C}/issue`, expect: post({ admin: 400 }) },
  { method: 'POST', route: '/admin/campaigns/:code/invalidate', url: `/admin/campaigns/${C}/invalidate`, expect: post({ supervisor: 400, admin: 400 }) },
  { method: 'GET', route: '/admin/campaigns/:code/quotas', url: `/admin/campaigns/${C}/quotas`, expect: page.console },
  { method: 'GET', route: '/admin/campaigns/:code/scores', url: `/admin/campaigns/${C}/scores`, expect: page.console },
  { method: 'GET', route: '/admin/campaigns/:code/scores/:unit/:criterion', url: `/admin/campaigns/${C}/scores/SA/C1`, expect: page.console },
  { method: 'GET', route: '/admin/campaigns/:code/analysis', url: `/admin/campaigns/${C}/analysis`, expect: page.console },
  // HTML: the PDF would only add Chromium's time to the same role check.
  { method: 'GET', route: '/admin/campaigns/:code/report', url: `/admin/campaigns/${C}/report?format=html`, expect: page.console },
  { method: 'GET', route: '/admin/campaigns/:code/self', url: `/admin/campaigns/${C}/self`, expect: page.admin },
  { method: 'POST', route: '/admin/campaigns/:code/self', url: `/admin/campaigns/${C}/self`, expect: post({ admin: 400 }) },
  { method: 'GET', route: '/admin/campaigns/:code/keyed', url: `/admin/campaigns/${C}/keyed`, expect: page.console },
  { method: 'POST', route: '/admin/campaigns/:code/keyed', url: `/admin/campaigns/${C}/keyed`, expect: post({ supervisor: 400, admin: 400 }) },
  { method: 'GET', route: '/admin/users', expect: page.admin },
  { method: 'POST', route: '/admin/users', expect: post({ admin: 400 }) },
  { method: 'POST', route: '/admin/users/offline', expect: post({ admin: 400 }) },
  { method: 'POST', route: '/admin/users/:id/disable', url: '/admin/users/9999/disable', expect: post({ admin: 404 }) },
  { method: 'POST', route: '/admin/users/:id/enable', url: '/admin/users/9999/enable', expect: post({ admin: 404 }) },
  { method: 'POST', route: '/admin/users/:id/password', url: '/admin/users/9999/password', expect: post({ admin: 404 }) },
  { method: 'POST', route: '/admin/users/:id/logout', url: '/admin/users/9999/logout', expect: post({ admin: 404 }) },
  { method: 'GET', route: '/admin/tokens', expect: page.admin },
  { method: 'POST', route: '/admin/tokens', expect: post({ admin: 400 }) },
  { method: 'POST', route: '/admin/tokens/:id/revoke', url: '/admin/tokens/9999/revoke', expect: post({ admin: 404 }) },
  { method: 'GET', route: '/admin/audit', expect: page.admin },
  // API (issue 5): JSON 401 without a session or token
  { method: 'GET', route: '/api/v1/campaigns', expect: api },
  ...['scores', 'summary', 'quotas', 'conflicts', 'answers', 'codebook', 'accuracy', 'analysis', 'workbook.xlsx', 'answers.xlsx'].map((x) => ({
    method: 'GET',
    route: `/api/v1/campaigns/:code/${x}`,
    url: `/api/v1/campaigns/${C}/${x}`,
    expect: api,
  })),
  // Last: logging out ends the session on the server, and the rows above reuse it.
  { method: 'POST', route: '/logout', expect: all(302) },
];

let app: Awaited<ReturnType<typeof buildTestApp>>;
const sessions = new Map<Who, { cookie: string; csrf: string }>();

beforeAll(async () => {
  app = await buildTestApp();
  const { serials } = seedMini(app.db);
  serial = serials[0];
  // A second campaign issued for the web, so that /r/<code> has an open form to show.
  const web = seedCampaign(app.db, { patch: (raw) => (raw.code = 'WEB-2026'), channel: 'web' });
  access = formatAccessCode(web.forms[0].accessCode);
  const anon = await app.inject({ url: '/login' });
  sessions.set('none', { cookie: cookieOf(anon), csrf: csrfOf(anon.body) });
  for (const who of ['keyer', 'supervisor', 'admin'] as const) {
    const cookie = await loginAs(app, `matrix-${who}`, who);
    const home = await app.inject({ url: '/', headers: { cookie } });
    sessions.set(who, { cookie: cookieOf(home) || cookie, csrf: csrfOf(home.body) });
  }
});
afterAll(() => app.close());

function answerOf(res: LightMyRequestResponse): Answer {
  if (res.statusCode === 302 && String(res.headers.location).startsWith('/login?next=')) return 'login';
  return res.statusCode;
}

describe('route matrix', () => {
  it('has a row for every route of the app, and a route for every row', async () => {
    await app.ready();
    const routes = routesOf(app);
    for (const r of routes) expect(app.hasRoute({ method: r.method as 'GET', url: r.route }), `parsed ${r.method} ${r.route}`).toBe(true);
    const key = (r: { method: string; route: string }) => `${r.method} ${r.route}`;
    const table = new Set(TABLE().map(key));
    const present = new Set(routes.map(key));
    expect(
      [...present].filter((k) => !table.has(k)),
      'routes without a row in the expectation table',
    ).toEqual([]);
    expect(
      [...table].filter((k) => !present.has(k)),
      'rows for routes that no longer exist',
    ).toEqual([]);
  });

  it('notices a route that nobody put in the table', async () => {
    const other = await buildTestApp();
    other.get('/admin/unchecked/:id', async () => 'x');
    await other.ready();
    const table = new Set(TABLE().map((r) => `${r.method} ${r.route}`));
    expect(routesOf(other).filter((r) => !table.has(`${r.method} ${r.route}`))).toEqual([{ method: 'GET', route: '/admin/unchecked/:id' }]);
    await other.close();
  });

  it('answers each route as designed, for no session and every role', async () => {
    const problems: string[] = [];
    for (const row of TABLE()) {
      for (const who of WHO) {
        const s = sessions.get(who)!;
        const url = row.url ?? row.route;
        const res =
          row.method === 'GET'
            ? await app.inject({ method: 'GET', url, headers: { cookie: s.cookie } })
            : await app.inject({
                method: row.method as 'POST',
                url,
                headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
                payload: new URLSearchParams({ _csrf: s.csrf }).toString(),
              });
        const got = answerOf(res);
        if (got !== row.expect[who]) problems.push(`${row.method} ${url} as ${who}: expected ${row.expect[who]}, got ${got}`);
        // Answers, access codes, accounts and the audit log must not stay in a browser's or proxy's cache (issue 11.7):
        // every answer of every route is no-store, whatever its status; only static styles and scripts may be cached.
        const cache = res.headers['cache-control'];
        if (row.route === '/static/*' ? cache === 'no-store' : cache !== 'no-store') problems.push(`${row.method} ${url} as ${who}: cache-control ${cache}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
