/** Every route whose URL names a campaign gets it from its area's one hook (server/plugins/campaign-param.ts): an unknown code is answered before any handler runs. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, cookieOf, csrfOf, loginAs, routesOf } from '../helpers/app';
import { seedCampaign } from '../helpers/seed';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let session = { cookie: '', csrf: '' };
beforeAll(async () => {
  app = await buildTestApp();
  const cookie = await loginAs(app, 'param-admin', 'admin');
  const home = await app.inject({ url: '/admin', headers: { cookie } });
  session = { cookie: cookieOf(home) || cookie, csrf: csrfOf(home.body) };
});
afterAll(() => app.close());

it('answers 404 for an unknown campaign on every route that names one, JSON on the API and the desk’s form URLs', async () => {
  const routes = routesOf(app).filter((r) => /:(code|campaign)\b/.test(r.route) && !r.route.startsWith('/r/'));
  expect(routes.length).toBeGreaterThan(15);
  const got: string[] = [];
  for (const r of routes) {
    const url = r.route.replace(/:(code|campaign)\b/, 'NOPE-1').replace(/:\w+/g, 'X1');
    const res = await app.inject({
      method: r.method as 'GET' | 'POST',
      url,
      headers: { cookie: session.cookie, ...(r.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(r.method === 'POST' ? { payload: new URLSearchParams({ _csrf: session.csrf }).toString() } : {}),
    });
    const json = /^\/(api\/|entry\/form\/)/.test(r.route);
    const body = json ? (res.json() as { error?: string }).error : res.body;
    got.push(`${r.method} ${r.route} ${res.statusCode} ${json ? 'json' : 'page'} ${String(body).includes('NOPE-1')}`);
  }
  expect(got).toEqual(routes.map((r) => `${r.method} ${r.route} 404 ${/^\/(api\/|entry\/form\/)/.test(r.route) ? 'json' : 'page'} true`));
});

it('resolves printing’s `?campaign=` (and its PDF form’s field) in the area’s hook: the routes that need one answer 404 for an unknown or missing code', async () => {
  const routes = routesOf(app).filter((r) => r.route.startsWith('/admin/print') && !r.route.startsWith('/admin/print/pdf'));
  const got: string[] = [];
  for (const r of routes) {
    const unknown = await app.inject({ method: r.method as 'GET', url: `${r.route}?campaign=NOPE-1`, headers: { cookie: session.cookie } });
    const missing = await app.inject({ method: r.method as 'GET', url: r.route, headers: { cookie: session.cookie } });
    got.push(`${r.route} ${unknown.statusCode} ${missing.statusCode}`);
  }
  // The print page itself lists the campaigns to choose from when none is named.
  expect(got.sort()).toEqual([
    '/admin/print 404 200',
    '/admin/print/access-codes.csv 404 404',
    '/admin/print/counts.csv 404 404',
    '/admin/print/invitations 404 404',
    '/admin/print/manifest.csv 404 404',
  ]);
  const post = await app.inject({
    method: 'POST',
    url: '/admin/print/pdf',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: session.csrf, campaign: 'NOPE-1' }).toString(),
  });
  expect(post.statusCode).toBe(404);
  expect(post.body).toContain('Không có đợt điều tra NOPE-1.');
});

it('resolves the desk pages’ `?campaign=` in the area’s hook: an unknown code is 404, none opens the newest campaign with forms, a post never falls back', async () => {
  const desk = ['/entry', '/entry/conflicts', '/entry/ledger', '/entry/accuracy'];
  const empty: string[] = [];
  for (const url of desk) {
    const res = await app.inject({ url: `${url}?campaign=NOPE-1`, headers: { cookie: session.cookie } });
    const none = await app.inject({ url, headers: { cookie: session.cookie } });
    empty.push(
      `${url} ${res.statusCode} ${res.body.includes('Không có đợt điều tra NOPE-1.')} ${none.statusCode} ${none.body.includes('Chưa có đợt điều tra nào.')}`,
    );
  }
  expect(empty).toEqual(desk.map((url) => `${url} 404 true 404 true`));
  const other = await buildTestApp();
  try {
    seedCampaign(other.db);
    const cookie = await loginAs(other, 'param-sup', 'supervisor');
    const ledger = await other.inject({ url: '/entry/ledger', headers: { cookie } });
    expect(ledger.statusCode).toBe(200);
    expect(ledger.body).toContain('MINI-2026');
    // The invalidation form names its campaign; a post without one is refused, never applied to the newest campaign.
    const post = await other.inject({
      method: 'POST',
      url: '/entry/invalidate',
      headers: { cookie: cookieOf(ledger) || cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfOf(ledger.body), serial: '000001', reason: 'other', other: 'Rách' }).toString(),
    });
    expect(post.statusCode).toBe(404);
  } finally {
    await other.close();
  }
});
