/** Builds the real app on a migrated in-memory SQLite for inject() tests, with helpers for cookies, CSRF tokens, form posts and logins. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openDb, type Db } from '../../db/open';
import { addUser, type Role } from '../../db/users.repo';
import { buildApp, type AppOptions } from '../../server/app';
import { loadConfig } from '../../server/config';

/** `scanDeps`: a constructed scan reader and layouts (test/helpers/scans.ts) for the scan routes. */
export async function buildTestApp(db: Db = openDb(':memory:'), env: Record<string, string> = {}, scanDeps?: AppOptions['scanDeps']) {
  const config = loadConfig({ DATABASE_PATH: ':memory:', ...env });
  return buildApp({ config, db, scanDeps });
}

/** The cookie header to send back, from a response's set-cookie. */
export function cookieOf(res: LightMyRequestResponse): string {
  // Raw header values: the parsed `res.cookies` are URL-decoded, which breaks the encrypted session value.
  const raw = res.headers['set-cookie'];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.map((c) => c.split(';')[0]).join('; ');
}

/** The CSRF token a page carries in its hidden `_csrf` field. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no _csrf field on the page');
  return m[1];
}

/** A form on a page, posted as a browser posts it: see postForm. */
export type FormPost = {
  /** The page that carries the form: a URL to GET first (with `cookie`), or a page already fetched. */
  from: string | LightMyRequestResponse;
  /** Where the form posts; the page's own URL when `from` is one. */
  to?: string;
  /** The session cookie to open the page with (none: an anonymous visitor). */
  cookie?: string;
  /**
   * The form's fields, sent urlencoded with the page's `_csrf` added. A string is a urlencoded body sent as written (a
   * field may repeat, as a crafted or broken form sends it), with the token appended.
   */
  fields?: Record<string, string> | string;
  /** The client's address, for the limits that count per address. */
  remoteAddress?: string;
};

/**
 * GETs a page (unless given one) and posts its form with that page's CSRF token and the session cookie the page left
 * (or `cookie`), urlencoded: the way a browser submits a form, so the CSRF check runs as it does for people.
 */
export async function postForm(app: FastifyInstance, post: FormPost): Promise<LightMyRequestResponse> {
  const { cookie, remoteAddress } = post;
  const page = typeof post.from === 'string' ? await app.inject({ url: post.from, headers: cookie ? { cookie } : {}, remoteAddress }) : post.from;
  const url = post.to ?? (typeof post.from === 'string' ? post.from : undefined);
  if (url === undefined) throw new Error('postForm: `to` is needed when `from` is a page already fetched');
  const token = csrfOf(page.body);
  const fields = post.fields ?? {};
  const payload =
    typeof fields === 'string'
      ? `${fields}${fields ? '&' : ''}_csrf=${encodeURIComponent(token)}`
      : new URLSearchParams({ ...fields, _csrf: token }).toString();
  const session = cookieOf(page) || cookie;
  return app.inject({
    method: 'POST',
    url,
    remoteAddress,
    headers: { ...(session ? { cookie: session } : {}), 'content-type': 'application/x-www-form-urlencoded' },
    payload,
  });
}

/** Creates a user (unless it exists) and logs in through the real login form; returns the session cookie and where the login sent the user. */
export async function login(app: FastifyInstance, name: string, role: Role, password = 'mật-khẩu-dài'): Promise<{ cookie: string; landing: string }> {
  const added = await addUser(app.db, name, role, password, 'test');
  if (!added.ok && added.problem.kind !== 'user-exists') throw new Error(JSON.stringify(added.problem));
  const res = await postForm(app, { from: '/login', fields: { name, password } });
  if (res.statusCode !== 302) throw new Error(`login failed: ${res.statusCode}`);
  return { cookie: cookieOf(res), landing: String(res.headers.location) };
}

/** Creates a user (unless it exists) and logs in through the real login form; returns the session cookie. */
export async function loginAs(app: FastifyInstance, name: string, role: Role, password = 'mật-khẩu-dài'): Promise<string> {
  return (await login(app, name, role, password)).cookie;
}

/** The app's routes as (method, path), read from fastify's route tree so that a route added later is covered too; HEAD routes mirror GET and are left out. */
export function routesOf(app: FastifyInstance): { method: string; route: string }[] {
  const out: { method: string; route: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    stack.length = m[1].length / 4;
    stack.push(m[2]);
    const path = stack.join('');
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) if (method !== 'HEAD') out.push({ method, route: path });
  }
  return out;
}
