/** Staff login: hashed passwords, encrypted session cookie, CSRF on the form post, role checks, failed attempts limited per account and address. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser } from '../../db/users.repo';
import { users } from '../../db/schema';
import { LOGIN_LIMITS } from '../../server/routes/auth.routes';
import { buildTestApp, cookieOf, loginAs, postForm } from '../helpers/app';

let app: Awaited<ReturnType<typeof buildTestApp>>;

beforeEach(async () => {
  app = await buildTestApp();
  app.get('/only-admin', { preHandler: app.requireRole('admin') }, async () => 'secret');
  app.get('/api/v1/only-admin', { preHandler: app.requireRole('admin') }, async () => ({ ok: true }));
});
afterEach(() => app.close());

describe('login', () => {
  it('stores a scrypt hash, never the password', async () => {
    await addUser(app.db, 'lan', 'keyer', 'mật-khẩu-dài', 'test');
    const row = app.db.select().from(users).get()!;
    expect(row.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.passwordHash).not.toContain('mật-khẩu-dài');
  });

  it('logs a keyer in, sends them to the keying desk, with an httpOnly session cookie', async () => {
    await addUser(app.db, 'lan', 'keyer', 'mật-khẩu-dài', 'test');
    const page = await app.inject({ method: 'GET', url: '/login' });
    expect(page.body).toContain('Đăng nhập');
    const res = await postForm(app, { from: page, to: '/login', fields: { name: 'lan', password: 'mật-khẩu-dài' } });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/entry');
    const session = res.cookies.find((c) => c.name === 'cchc_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
  });

  it('refuses a wrong password with a Vietnamese message and keeps the name typed', async () => {
    await addUser(app.db, 'lan', 'keyer', 'mật-khẩu-dài', 'test');
    const res = await postForm(app, { from: '/login', fields: { name: 'lan', password: 'sai' } });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(res.body).toContain('value="lan"');
  });

  it('refuses a post without the CSRF token', async () => {
    await addUser(app.db, 'lan', 'keyer', 'mật-khẩu-dài', 'test');
    const page = await app.inject({ method: 'GET', url: '/login' });
    const res = await app.inject({ method: 'POST', url: '/login', headers: { cookie: cookieOf(page) }, payload: { name: 'lan', password: 'mật-khẩu-dài' } });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi thử lại.');
  });

  /** One login attempt from a client address, through the real form. */
  async function attempt(name: string, password: string, remoteAddress = '192.0.2.10') {
    return postForm(app, { from: '/login', remoteAddress, fields: { name, password } });
  }

  it('locks an account after 5 wrong passwords, from whatever addresses, even for the right password; other accounts log in', async () => {
    await addUser(app.db, 'lan', 'keyer', 'mật-khẩu-dài', 'test');
    await addUser(app.db, 'minh', 'keyer', 'mật-khẩu-dài', 'test');
    const wrong = [];
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) wrong.push((await attempt(' LAN ', `sai-${i}`, `198.51.100.${i + 1}`)).statusCode);
    expect(wrong).toEqual([401, 401, 401, 401, 401]);
    const locked = await attempt('lan', 'mật-khẩu-dài', '203.0.113.9');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body).toContain('Tài khoản này đã bị nhập sai mật khẩu quá nhiều lần. Vui lòng đợi khoảng 15 phút rồi thử lại.');
    // The name as logins read it: an invisible character or a no-break space does not buy a fresh allowance.
    expect((await attempt('lan\u200b', 'mật-khẩu-dài', '203.0.113.10')).statusCode).toBe(429);
    expect((await attempt('\u00a0lan', 'mật-khẩu-dài', '203.0.113.11')).statusCode).toBe(429);
    expect((await attempt('minh', 'mật-khẩu-dài', '198.51.100.1')).statusCode).toBe(302);
  });

  it('counts an unknown name like a real one', async () => {
    const codes = [];
    for (let i = 0; i < LOGIN_LIMITS.perAccount + 1; i++) codes.push((await attempt('không-có-ai', 'sai-mật-khẩu')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('stops one address after 20 failures over any names; other addresses are not slowed', async () => {
    await addUser(app.db, 'lan', 'keyer', 'mật-khẩu-dài', 'test');
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) expect((await attempt(`ai-${i}`, 'sai-mật-khẩu')).statusCode).toBe(401);
    const stopped = await attempt('lan', 'mật-khẩu-dài');
    expect(stopped.statusCode).toBe(429);
    expect(stopped.body).toContain('Máy này đã đăng nhập sai quá nhiều lần.');
    expect((await attempt('lan', 'mật-khẩu-dài', '192.0.2.11')).statusCode).toBe(302);
  });

  it('never counts successful logins: a whole office behind one address logs in again and again', async () => {
    const staff = ['lan', 'minh', 'hoa', 'tuan', 'mai'];
    for (const name of staff) await addUser(app.db, name, 'keyer', 'mật-khẩu-dài', 'test');
    // Four people log in over and over (more often than any limit), a few typos among them, then the fifth comes in.
    for (let round = 0; round < 6; round++) {
      for (const name of staff.slice(0, 4)) expect((await attempt(name, 'mật-khẩu-dài')).statusCode).toBe(302);
    }
    expect((await attempt('lan', 'gõ-nhầm-mật-khẩu')).statusCode).toBe(401);
    expect((await attempt('mai', 'mật-khẩu-dài')).statusCode).toBe(302);
  });

  it('never follows next= off the site: a backslash, a control character, a protocol-relative path', async () => {
    await addUser(app.db, 'an', 'admin', 'mật-khẩu-dài', 'test');
    const cases = [
      ['/\\example.com', '/admin'],
      ['/\\/example.com', '/admin'],
      ['/\t/example.com', '/admin'],
      ['/\n/example.com', '/admin'],
      ['\\\\example.com', '/admin'],
      ['/admin/campaigns/LCU-2020?x=a\\b', '/admin/campaigns/LCU-2020?x=a\\b'],
    ];
    for (const [next, location] of cases) {
      const page = await app.inject({ method: 'GET', url: `/login?next=${encodeURIComponent(next)}` });
      if (location === '/admin') expect(page.body).not.toContain('example.com');
      const res = await postForm(app, { from: page, to: '/login', fields: { name: 'an', password: 'mật-khẩu-dài', next } });
      expect(res.headers.location, JSON.stringify(next)).toBe(location);
    }
  });

  it('only follows local next= paths', async () => {
    await addUser(app.db, 'an', 'admin', 'mật-khẩu-dài', 'test');
    for (const [next, location] of [
      ['/admin/quotas', '/admin/quotas'],
      ['//evil.example', '/admin'],
      ['https://evil.example', '/admin'],
    ]) {
      const res = await postForm(app, { from: '/login', fields: { name: 'an', password: 'mật-khẩu-dài', next } });
      expect(res.headers.location).toBe(location);
    }
  });
});

describe('role checks', () => {
  it.each([
    ['no session', null, 302],
    ['keyer', 'keyer', 403],
    ['supervisor', 'supervisor', 403],
    ['admin', 'admin', 200],
  ] as const)('%s on an admin page → %s', async (_n, role, status) => {
    const cookie = role ? await loginAs(app, `u-${role}`, role) : '';
    const res = await app.inject({ method: 'GET', url: '/only-admin', headers: { cookie } });
    expect(res.statusCode).toBe(status);
    if (status === 302) expect(res.headers.location).toBe('/login?next=%2Fonly-admin');
  });

  it('answers API calls with 401 JSON, not a redirect', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/only-admin' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: 'Login or a bearer token is required' });
  });

  it('logs out', async () => {
    const cookie = await loginAs(app, 'an', 'admin');
    const page = await app.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(page.body).toContain('Đăng xuất');
    const out = await postForm(app, { from: page, to: '/logout', cookie });
    expect(out.statusCode).toBe(302);
    const after = await app.inject({ method: 'GET', url: '/only-admin', headers: { cookie: cookieOf(out) } });
    expect(after.statusCode).toBe(302);
  });
});
