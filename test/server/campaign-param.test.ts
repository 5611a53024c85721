/** Every route whose URL names a campaign gets it from its area's one hook (server/plugins/campaign-param.ts): an unknown code is answered before any handler runs. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, cookieOf, csrfOf, loginAs, routesOf } from '../helpers/app';

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
