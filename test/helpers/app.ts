/** Builds the real app on a migrated in-memory SQLite for inject() tests, with helpers for cookies, CSRF tokens and logins. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openDb, type Db } from '../../db/open';
import { addUser, type Role } from '../../db/users.repo';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';

export async function buildTestApp(db: Db = openDb(':memory:'), env: Record<string, string> = {}) {
  const config = loadConfig({ DATABASE_PATH: ':memory:', ...env });
  return buildApp({ config, db });
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

/** Creates a user and logs in through the real login form; returns the session cookie. */
export async function loginAs(app: FastifyInstance, name: string, role: Role, password = 'mật-khẩu-dài'): Promise<string> {
  const added = await addUser(app.db, name, role, password, 'test');
  if (!added.ok && added.problem.kind !== 'user-exists') throw new Error(JSON.stringify(added.problem));
  const page = await app.inject({ method: 'GET', url: '/login' });
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: cookieOf(page) },
    payload: { name, password, _csrf: csrfOf(page.body) },
  });
  if (res.statusCode !== 302) throw new Error(`login failed: ${res.statusCode}`);
  return cookieOf(res);
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
