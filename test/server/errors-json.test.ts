/** JSON or HTML errors, decided once (errors.ts `wantsJson`): the keying desk's fetch calls get JSON with a Vietnamese message, pages get pages, the API English JSON. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../helpers/app';
import { seedCampaign } from '../helpers/seed';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let serial: string;

beforeEach(async () => {
  app = await buildTestApp();
  serial = seedCampaign(app.db).forms[0].serial;
});
afterEach(() => app.close());

const cells = [{ unit: 'SA', question: '1', answer: '1' }];

describe('errors for the keying desk', () => {
  it('answers a stale CSRF token on a desk save with JSON 403 and a Vietnamese message', async () => {
    const lan = await loginAs(app, 'lan', 'keyer');
    // The desk page made a token; the one sent is from an earlier page or another session.
    await app.inject({ url: '/entry?campaign=MINI-2026', headers: { cookie: lan } });
    const res = await app.inject({
      method: 'POST',
      url: `/entry/form/MINI-2026/${serial}/pass`,
      headers: { cookie: lan, accept: 'application/json', 'csrf-token': 'stale-token' },
      payload: { cells },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ error: 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi thử lại.' });
  });

  it('answers an expired session on a desk save with JSON 401, not a login page', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/entry/form/MINI-2026/${serial}/pass`,
      headers: { accept: 'application/json', 'csrf-token': 'x' },
      payload: { cells },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatch(/^Phiên đăng nhập đã hết hạn/);
  });

  it('keeps pages for browsers and English JSON for the API', async () => {
    const lan = await loginAs(app, 'lan', 'keyer');
    const page = await app.inject({
      method: 'POST',
      url: `/entry/form/MINI-2026/${serial}/pass`,
      headers: { cookie: lan, accept: 'text/html', 'csrf-token': 'stale-token' },
      payload: { cells },
    });
    expect(page.statusCode).toBe(403);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('Biểu mẫu đã hết hạn hoặc không hợp lệ.');

    const unknown = await app.inject({ url: '/entry/nothing-here', headers: { accept: 'application/json' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: 'Không tìm thấy.' });
    const api = await app.inject({ url: '/api/v1/nothing-here' });
    expect(api.json()).toEqual({ error: 'Not found' });
  });
});
