/** Every value placed in a link is URL-encoded: a typed filter with "&" or "#" stays one parameter (issue 11, item 10). */
import { afterEach, expect, it } from 'vitest';
import { audit } from '../../db/audit.repo';
import { buildTestApp, loginAs } from '../helpers/app';

let app: Awaited<ReturnType<typeof buildTestApp>>;
afterEach(() => app?.close());

it('keeps an audit filter holding "&", "#" and "=" inside its parameter in the link to older rows', async () => {
  app = await buildTestApp();
  const admin = await loginAs(app, 'an', 'admin');
  // A CLI operator may be any name; 101 rows make the page link to the older ones.
  const actor = 'lan&action=user.add#x';
  for (let i = 0; i < 101; i++) audit(app.db, { actor, action: 'entry.import', detail: { i } });
  const res = await app.inject({ url: `/admin/audit?actor=${encodeURIComponent(actor)}`, headers: { cookie: admin } });
  expect(res.statusCode).toBe(200);
  const href = /href="(\/admin\/audit\?before=[^"]+)"/.exec(res.body)![1].replaceAll('&amp;', '&');
  const next = new URL(href, 'http://x');
  expect(next.searchParams.get('actor')).toBe(actor);
  expect(next.searchParams.getAll('action')).toEqual(['']);
  // Following it shows the 101st row of the same person, not another filter.
  const older = await app.inject({ url: href, headers: { cookie: admin } });
  expect(older.statusCode).toBe(200);
  expect(older.body).toContain('lan&amp;action&#x3D;user.add#x');
});
