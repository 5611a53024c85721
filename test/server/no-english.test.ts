/** Issue 12: no English reaches a Vietnamese page. Every refusal found to leak English is driven through inject(): the page holds the Vietnamese text and none of the English one. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCampaign } from '../../db/campaigns.repo';
import { saveSelfPoints } from '../../db/scores.repo';
import { addUser } from '../../db/users.repo';
import { buildTestApp, csrfOf, loginAs, postForm } from '../helpers/app';
import { multipartBody } from '../helpers/multipart';
import { miniCampaign } from '../helpers/campaigns';
import { seedCampaign } from '../helpers/seed';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let admin: string;

beforeEach(async () => {
  app = await buildTestApp();
  admin = await loginAs(app, 'an', 'admin');
});
afterEach(() => app.close());

/** What zod, fastify and @fastify/multipart say in English, and the English of db/campaigns.repo.ts before its problems became values. */
const ENGLISH =
  /Invalid input|expected string|Request body|Unsupported Media Type|Body cannot|multipart|self-assessment points in force|issued form|no longer has|already has answers|exists already|JSON input|in JSON at|is not valid JSON|\(file\)/i;

/** The text of a page a person reads: its markup and CSS class names left out. */
const shown = (html: string) => html.replace(/<[^>]*>/g, ' ');

/** Uploads a campaign file on the console's check page, as the form does. */
async function check(def: object) {
  const home = await app.inject({ url: '/admin', headers: { cookie: admin } });
  const { contentType, payload } = await multipartBody({ _csrf: csrfOf(home.body) }, [{ bytes: JSON.stringify(def), name: 'dot.json' }]);
  return app.inject({ method: 'POST', url: '/admin/campaigns', headers: { cookie: admin, 'content-type': contentType }, payload });
}

describe('the campaign check page says why a stored campaign cannot be replaced in Vietnamese', () => {
  it('names the issued forms whose group the new file drops', async () => {
    seedCampaign(app.db);
    const res = await check(miniCampaign((c) => (c.groups = [c.groups[0]])));
    expect(res.body).toContain('không thể thay thế bằng tệp này:');
    expect(res.body).toMatch(/<li>Phiếu số \d{6} đã phát thuộc nhóm đối tượng G2, nơi công tác SA, mà tệp mới không còn<\/li>/);
    expect(shown(res.body)).not.toMatch(ENGLISH);
  });

  it('names the units of the self-assessment points in force that the new file does not score', async () => {
    seedCampaign(app.db, { channel: 'none', patch: (c) => c.units.push({ code: 'SC', name: 'Sở Công', level: 'so' }) });
    const points = [
      { unit: 'SA', selfPoints: 70, selfMax: 77.5 },
      { unit: 'SC', selfPoints: 60, selfMax: 77.5 },
    ];
    saveSelfPoints(app.db, getCampaign(app.db, 'MINI-2026')!, points, 'self.csv', 'test');
    const res = await check(miniCampaign());
    expect(res.body).toContain(
      '<li>Điểm tự đánh giá đang dùng có đơn vị SC, mà tệp mới không chấm điểm: hãy nhập lại điểm tự đánh giá không có các đơn vị này trước',
    );
    expect(shown(res.body)).not.toMatch(ENGLISH);
  });
});

describe('the campaign check page says what is wrong with a file that is not JSON in Vietnamese', () => {
  /** Uploads text as a .json file. */
  async function checkText(text: string) {
    const home = await app.inject({ url: '/admin', headers: { cookie: admin } });
    const { contentType, payload } = await multipartBody({ _csrf: csrfOf(home.body) }, [{ bytes: text, name: 'dot.json' }]);
    return app.inject({ method: 'POST', url: '/admin/campaigns', headers: { cookie: admin, 'content-type': contentType }, payload });
  }
  // A comma left before "}" (line 3, column 1); a file cut short; a text that is no JSON at all (V8 gives no place).
  const table: [string, string, string][] = [
    ['a trailing comma', '{\n  "code": "X",\n}', 'Tệp không phải JSON hợp lệ: lỗi ở dòng 3, cột 1'],
    ['a file cut short', '{"code": ', 'Tệp không phải JSON hợp lệ: tệp kết thúc giữa chừng'],
    ['no JSON at all', 'abc', 'Tệp không phải JSON hợp lệ'],
  ];
  it.each(table)('%s', async (_, text, vi) => {
    const res = await checkText(text);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(`<li>${vi}`);
    expect(shown(res.body)).not.toMatch(ENGLISH);
  });
});

describe('form posts refused in Vietnamese whatever shape their fields arrive in', () => {
  it('the invalidation form without a serial field', async () => {
    seedCampaign(app.db);
    const res = await postForm(app, {
      from: '/admin/campaigns/MINI-2026',
      to: '/admin/campaigns/MINI-2026/invalidate',
      cookie: admin,
      fields: { reason: 'Rách' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Nhập số phiếu.');
    expect(shown(res.body)).not.toMatch(ENGLISH);
  });

  it('the keyed-file upload without the keyer field', async () => {
    seedCampaign(app.db);
    expect((await addUser(app.db, 'lan', 'keyer', 'mật-khẩu-dài', 'test')).ok).toBe(true);
    const page = await app.inject({ url: '/admin/campaigns/MINI-2026/keyed', headers: { cookie: admin } });
    const { contentType, payload } = await multipartBody({ _csrf: csrfOf(page.body), pass: '1' }, [
      { bytes: 'serial,unit,question,answer\r\n', name: 'a.csv' },
    ]);
    const res = await app.inject({ method: 'POST', url: '/admin/campaigns/MINI-2026/keyed', headers: { cookie: admin, 'content-type': contentType }, payload });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Chọn người đã nhập tệp này.');
    expect(shown(res.body)).not.toMatch(ENGLISH);
  });
});

describe("fastify's own refusals of a body, on pages", () => {
  it('a self-assessment post over its 2 MB limit', async () => {
    seedCampaign(app.db);
    const payload = `csv=${'x'.repeat(2 * 1024 * 1024 + 1)}`;
    const res = await app.inject({
      method: 'POST',
      url: '/admin/campaigns/MINI-2026/self',
      headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
      payload,
    });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('Dữ liệu gửi lên quá lớn.');
    expect(shown(res.body)).not.toMatch(ENGLISH);
  });

  it('a form post in an encoding no form sends', async () => {
    seedCampaign(app.db);
    const res = await app.inject({
      method: 'POST',
      url: '/admin/campaigns/MINI-2026/invalidate',
      headers: { cookie: admin, 'content-type': 'application/xml' },
      payload: '<serial>1</serial>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('Dữ liệu gửi lên không đúng định dạng.');
    expect(shown(res.body)).not.toMatch(ENGLISH);
  });

  it('a keying-desk save whose JSON is broken gets its error in Vietnamese too', async () => {
    const { forms } = seedCampaign(app.db);
    const lan = await loginAs(app, 'lan', 'keyer');
    await app.inject({ url: '/entry?campaign=MINI-2026', headers: { cookie: lan } });
    const res = await app.inject({
      method: 'POST',
      url: `/entry/form/MINI-2026/${forms[0].serial}/pass`,
      headers: { cookie: lan, accept: 'application/json', 'content-type': 'application/json' },
      payload: '{"cells": [',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('Dữ liệu gửi lên không đúng định dạng.');
    expect(res.json().error).not.toMatch(ENGLISH);
  });
});
