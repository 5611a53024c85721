/** Issue 10 item 6 through the console, the login form and the desk (inject): a name typed decomposed or with invisible characters is the same person. */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser } from '../../db/users.repo';
import { buildTestApp, csrfOf, loginAs, postForm } from '../helpers/app';
import { fixture } from '../helpers/cli';
import { seedCampaign } from '../helpers/seed';
import { multipartBody } from '../helpers/multipart';

const NFC = 'Ho\u00E0';
const NFD = 'Hoa\u0300';

let app: Awaited<ReturnType<typeof buildTestApp>>;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(() => app.close());

describe('names typed in forms', () => {
  it('logs in "Hoa\\u0300" with a trailing no-break space as the account "Hoà"', async () => {
    expect((await addUser(app.db, NFC, 'keyer', 'mật-khẩu-dài', 'test')).ok).toBe(true);
    const res = await postForm(app, { from: '/login', fields: { name: `${NFD}\u00A0`, password: 'mật-khẩu-dài' } });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/entry');
  });

  it('refuses a console user add of "Hoa\\u0300" when "Hoà" exists, as a duplicate', async () => {
    const admin = await loginAs(app, 'an', 'admin');
    expect((await postForm(app, { from: '/admin/users', cookie: admin, fields: { name: NFC, role: 'keyer', password: 'mật-khẩu-dài' } })).statusCode).toBe(302);
    const again = await postForm(app, { from: '/admin/users', cookie: admin, fields: { name: NFD, role: 'keyer', password: 'mật-khẩu-dài' } });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Tên đăng nhập này đã có.');
  });

  it('refuses the desk\'s pass 2 by login "Hoà" after a file keyed by "Hoa\\u0300" on the console', async () => {
    const f = seedCampaign(app.db).forms.find((x) => x.groupCode === 'G1')!;
    const lines = ['serial,unit,question,answer', ...['SA', 'SB'].flatMap((u) => ['1', '2', '3'].map((q) => `${f.serial},${u},${q},2`))];

    const admin = await loginAs(app, 'an', 'admin');
    // The console takes operators from keyer accounts: Hoà's, typed here decomposed.
    const keyer = await loginAs(app, NFC, 'keyer');
    const page = await app.inject({ url: '/admin/campaigns/MINI-2026/keyed', headers: { cookie: admin } });
    const body = new FormData();
    body.append('_csrf', csrfOf(page.body));
    body.append('pass', '1');
    body.append('operator', NFD);
    body.append('file', new Blob([lines.join('\r\n')]), 'pass1.csv');
    const encoded = new Request('http://localhost/', { method: 'POST', body });
    const up = await app.inject({
      method: 'POST',
      url: '/admin/campaigns/MINI-2026/keyed',
      headers: { cookie: admin, 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    expect(up.statusCode).toBe(303);

    const res = await app.inject({ url: `/entry/form/MINI-2026/${f.serial}`, headers: { cookie: keyer, accept: 'application/json' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toContain('Lượt 2 phải do một nhân viên khác nhập');
  });

  it('warns on the console check about unit codes Excel will shorten, in Vietnamese, and still offers to load the file', async () => {
    const admin = await loginAs(app, 'an', 'admin');
    const definition = readFileSync(fixture('mini-campaign.json'), 'utf8')
      .replace('"code": "SA"', '"code": "0118"')
      .replace('"code": "SB"', '"code": "00118\u200B"');
    const home = await app.inject({ url: '/admin', headers: { cookie: admin } });
    const { contentType, payload } = await multipartBody({ _csrf: csrfOf(home.body) }, [{ bytes: definition, name: 'mini.json' }]);
    const res = await app.inject({ method: 'POST', url: '/admin/campaigns', headers: { cookie: admin, 'content-type': contentType }, payload });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Tệp hợp lệ: MINI-2026');
    expect(res.body).toContain('Lưu ý khi dùng Excel (2)');
    expect(res.body).toContain('units[0].code: mã &quot;0118&quot; bị Excel bỏ số 0 ở đầu và khi đó không phân biệt được với &quot;00118&quot;');
  });
});
