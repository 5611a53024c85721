/** Sessions end on the server: a saved copy of a session cookie stops working after logout, "logout everywhere", a password reset or a disabled account. */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pageAudit } from '../../db/audit.repo';
import { sessions, users } from '../../db/schema';
import { buildTestApp, loginAs, postForm } from '../helpers/app';

let app: Awaited<ReturnType<typeof buildTestApp>>;
beforeEach(async () => {
  app = await buildTestApp();
  app.get('/whoami', async (req) => req.user?.name ?? '');
});
afterEach(() => app.close());

/** Whether a saved cookie still names a logged-in user. */
const works = async (cookie: string) => (await app.inject({ url: '/whoami', headers: { cookie } })).body !== '';

const idOf = (name: string) => app.db.select().from(users).where(eq(users.name, name)).get()!.id;

describe('sessions end on the server', () => {
  it('logout ends that session: a saved copy of the cookie no longer works, other browsers stay logged in', async () => {
    const saved = await loginAs(app, 'lan', 'keyer');
    const other = await loginAs(app, 'lan', 'keyer');
    expect(await works(saved)).toBe(true);
    const out = await postForm(app, { from: '/', to: '/logout', cookie: saved });
    expect(out.statusCode).toBe(302);
    expect(await works(saved)).toBe(false);
    expect(await works(other)).toBe(true);
  });

  it('"logout everywhere" (the second button beside logout) ends every session of the user', async () => {
    const here = await loginAs(app, 'lan', 'keyer');
    const there = await loginAs(app, 'lan', 'keyer');
    const someoneElse = await loginAs(app, 'minh', 'keyer');
    const page = await app.inject({ url: '/', headers: { cookie: here } });
    expect(page.body).toContain('Đăng xuất mọi nơi');
    expect((await postForm(app, { from: '/', to: '/logout', cookie: here, fields: { everywhere: '1' } })).statusCode).toBe(302);
    expect([await works(here), await works(there), await works(someoneElse)]).toEqual([false, false, true]);
    expect(pageAudit(app.db, { action: 'user.logout_all', limit: 5 }).rows.map((r) => r.actor)).toEqual(['lan']);
  });

  it('a password reset ends the account’s sessions', async () => {
    const admin = await loginAs(app, 'an', 'admin');
    const saved = await loginAs(app, 'lan', 'keyer');
    const res = await postForm(app, {
      from: '/admin/users',
      to: `/admin/users/${idOf('lan')}/password`,
      cookie: admin,
      fields: { password: 'một-mật-khẩu-mới' },
    });
    expect(res.statusCode).toBe(302);
    expect(await works(saved)).toBe(false);
    expect(await works(admin)).toBe(true);
  });

  it('an admin who resets their own password stays logged in here, and only here', async () => {
    const here = await loginAs(app, 'an', 'admin');
    const elsewhere = await loginAs(app, 'an', 'admin');
    expect(
      (await postForm(app, { from: '/admin/users', to: `/admin/users/${idOf('an')}/password`, cookie: here, fields: { password: 'một-mật-khẩu-mới' } }))
        .statusCode,
    ).toBe(302);
    expect([await works(here), await works(elsewhere)]).toEqual([true, false]);
  });

  it('a disabled account’s old cookie does not come back when the account is enabled again', async () => {
    const admin = await loginAs(app, 'an', 'admin');
    const saved = await loginAs(app, 'lan', 'keyer');
    expect((await postForm(app, { from: '/admin/users', to: `/admin/users/${idOf('lan')}/disable`, cookie: admin })).statusCode).toBe(302);
    expect(await works(saved)).toBe(false);
    expect((await postForm(app, { from: '/admin/users', to: `/admin/users/${idOf('lan')}/enable`, cookie: admin })).statusCode).toBe(302);
    expect(await works(saved)).toBe(false);
    // The account itself works again: a new login does.
    expect(await works(await loginAs(app, 'lan', 'keyer'))).toBe(true);
  });

  it('an admin logs an account out everywhere from the accounts page', async () => {
    const admin = await loginAs(app, 'an', 'admin');
    const saved = [await loginAs(app, 'lan', 'keyer'), await loginAs(app, 'lan', 'keyer')];
    const page = await app.inject({ url: '/admin/users', headers: { cookie: admin } });
    expect(page.body).toContain(`action="/admin/users/${idOf('lan')}/logout"`);
    const res = await postForm(app, { from: '/admin/users', to: `/admin/users/${idOf('lan')}/logout`, cookie: admin });
    expect(res.headers.location).toContain('/admin/users?done=');
    expect([await works(saved[0]), await works(saved[1]), await works(admin)]).toEqual([false, false, true]);
    expect(pageAudit(app.db, { action: 'user.logout_all', limit: 5 }).rows[0]).toMatchObject({ actor: 'an' });
    // An admin who does it to their own account is logged out here too.
    const self = await postForm(app, { from: '/admin/users', to: `/admin/users/${idOf('an')}/logout`, cookie: admin });
    expect(self.headers.location).toBe('/login');
    expect(await works(admin)).toBe(false);
  });

  it('a session expires on the server after its 12 hours, whatever the cookie says', async () => {
    const saved = await loginAs(app, 'lan', 'keyer');
    app.db.update(sessions).set({ expiresAt: '2000-01-01T00:00:00.000Z' }).run();
    expect(await works(saved)).toBe(false);
  });
});
