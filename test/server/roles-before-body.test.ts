/**
 * Roles are checked in onRequest on every route that takes a body (server/plugins/auth.ts): a request nobody may make
 * is refused before its body is parsed. Sent with a content type the app cannot parse, such a post gets the role's
 * refusal (401 without a session, 403 for a role not admitted), never the parser's 415, which would mean the body was
 * read first.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, loginAs, routesOf } from '../helpers/app';

/** Posts anyone may make: they check what is posted, not who posts. */
const PUBLIC = ['/login', '/logout', '/r', '/r/:code'];

let app: Awaited<ReturnType<typeof buildTestApp>>;
let keyer = '';
beforeAll(async () => {
  app = await buildTestApp();
  await app.ready();
  keyer = await loginAs(app, 'body-keyer', 'keyer');
});
afterAll(() => app.close());

const unparseable = (url: string, cookie?: string) =>
  app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-unknown', ...(cookie ? { cookie } : {}) }, payload: 'x'.repeat(64) });
const sample = (route: string) => route.replace(/:\w+/g, 'X1');

it('refuses every non-public post without a session before reading its body', async () => {
  const posts = routesOf(app).filter((r) => r.method === 'POST' && !PUBLIC.includes(r.route));
  expect(posts.map((r) => r.route)).toContain('/entry/form/:campaign/:serial/pass');
  const got = await Promise.all(posts.map(async (r) => `${r.route} ${(await unparseable(sample(r.route))).statusCode}`));
  expect(got).toEqual(posts.map((r) => `${r.route} 401`));
});

it('refuses a keyer’s post to a supervisor’s route before reading its body', async () => {
  for (const url of ['/entry/conflicts/X1/X1', '/entry/invalidate', '/admin/campaigns/X1/invalidate']) {
    expect((await unparseable(url, keyer)).statusCode, url).toBe(403);
  }
});
