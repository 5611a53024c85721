/** The console with inject(): issuing, quotas, scores and drill-down, self points, invalid forms, users, tokens, audit. */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/audit.repo';
import { authenticate } from '../../db/users.repo';
import { buildTestApp, cookieOf, csrfOf, loginAs, postForm } from '../helpers/app';
import { fixture } from '../helpers/cli';
import { seedMini } from './admin-seed';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let admin: string;

const MINI = readFileSync(fixture('mini-campaign.json'), 'utf8');

/** Loads a campaign the way scripts do: its JSON as the body, the CSRF token in a header (the console's form is tested in admin-campaigns.test.ts). */
async function loadJson(definition: string) {
  const page = await app.inject({ url: '/admin', headers: { cookie: admin } });
  const headers = { cookie: admin, 'content-type': 'application/json', 'x-csrf-token': csrfOf(page.body) };
  const res = await app.inject({ method: 'POST', url: '/admin/campaigns', headers, payload: definition });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res;
}

beforeEach(async () => {
  app = await buildTestApp();
  admin = await loginAs(app, 'an', 'admin');
});
afterEach(() => app.close());

describe('campaigns', () => {
  it('lets a supervisor look but not load or issue', async () => {
    seedMini(app.db);
    const sup = await loginAs(app, 'binh', 'supervisor');
    const page = await app.inject({ url: '/admin/campaigns/MINI-2026', headers: { cookie: sup } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Phát phiếu</button>');
    expect(page.body).not.toContain('action="/admin/campaigns"');
    expect((await app.inject({ url: '/admin', headers: { cookie: sup } })).body).not.toContain('action="/admin/campaigns"');
    const issue = await postForm(app, { from: '/admin/campaigns/MINI-2026', to: '/admin/campaigns/MINI-2026/issue', cookie: sup, fields: { channel: 'web' } });
    expect(issue.statusCode).toBe(403);
  });

  it('issues forms for a channel, audited', async () => {
    await loadJson(MINI);
    const res = await postForm(app, { from: '/admin/campaigns/MINI-2026', to: '/admin/campaigns/MINI-2026/issue', cookie: admin, fields: { channel: 'web' } });
    expect(res.headers.location).toBe('/admin/campaigns/MINI-2026?issued=4&channel=web');
    // Issue 10: the page after issuing offers the next steps: print, the envelope counts, and for web forms the
    // invitations and the access-code list.
    const after = await app.inject({ url: res.headers.location as string, headers: { cookie: admin } });
    for (const href of [
      '/admin/print#in-MINI-2026',
      '/admin/print/counts.csv?campaign=MINI-2026',
      '/admin/print/manifest.csv?campaign=MINI-2026',
      '/admin/print/invitations?campaign=MINI-2026',
      '/admin/print/access-codes.csv?campaign=MINI-2026',
    ]) {
      expect(after.body, href).toMatch(new RegExp(`<div class="next-steps"[\\s\\S]*href="${href.replace(/[?.]/g, '\\$&')}"`));
    }
    expect(listAudit(app.db)[0]).toMatchObject({ actor: 'an', action: 'forms.issue' });
    expect(listAudit(app.db)[0].detail).toEqual({ issued: 4, channel: 'web' });
    const bad = await postForm(app, {
      from: '/admin/campaigns/MINI-2026',
      to: '/admin/campaigns/MINI-2026/issue',
      cookie: admin,
      fields: { channel: 'pigeon' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Chọn hình thức phát phiếu.');
  });

  it('checks the role before reading a large campaign upload: a supervisor gets 403, a stranger 401, not 413', async () => {
    const sup = await loginAs(app, 'binh', 'supervisor');
    const payload = `definition=${'x'.repeat(11 * 1024 * 1024)}&action=load`;
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const asSup = await app.inject({ method: 'POST', url: '/admin/campaigns', headers: { ...headers, cookie: sup }, payload });
    expect(asSup.statusCode).toBe(403);
    expect(asSup.body).toContain('Tài khoản đang đăng nhập không có quyền truy cập trang này.');
    // The refusal page still shows who is logged in.
    expect(asSup.body).toContain('<span class="muted">binh</span>');
    const stranger = await app.inject({ method: 'POST', url: '/admin/campaigns', headers, payload });
    expect(stranger.statusCode).toBe(401);
    expect(stranger.body).toContain('Vui lòng đăng nhập.');
  });

  it('answers 404 for an unknown campaign', async () => {
    expect((await app.inject({ url: '/admin/campaigns/NOPE/quotas', headers: { cookie: admin } })).statusCode).toBe(404);
  });
});

describe('quotas, scores and drill-down', () => {
  beforeEach(() => seedMini(app.db));

  it('shows the quota dashboard with a chart and the short cells highlighted', async () => {
    const res = await app.inject({ url: '/admin/campaigns/MINI-2026/quotas', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<svg');
    // G2 / SB has no counted form: short of its target of 1.
    expect(res.body).toMatch(
      /<tr class="short"><td>G2<\/td><td>Sở Bình \(SB\)<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">0.0/,
    );
    expect(res.body).toMatch(/<tr><td>G2<\/td><td>Sở An \(SA\)<\/td>.*100.0/);
    const onlyShort = await app.inject({ url: '/admin/campaigns/MINI-2026/quotas?short=1', headers: { cookie: admin } });
    expect(onlyShort.body).not.toContain('Sở An (SA)</td>');
  });

  it('shows scores per level with rank, a chart, and links to the drill-down', async () => {
    const res = await app.inject({ url: '/admin/campaigns/MINI-2026/scores', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h2>Sở, ban, ngành</h2>');
    expect(res.body).toMatch(/<td class="num">1<\/td><td>Sở An <span class="muted">\(SA\)<\/span>.*<td class="num">2.25<\/td><td class="num">3.75<\/td>/);
    expect(res.body).toContain('2,25 / 3,75');
    expect(res.body).toContain('href="/admin/campaigns/MINI-2026/scores/SB/C1"');
  });

  it('explains one cell: each group n and mean, and how the points came about', async () => {
    const res = await app.inject({ url: '/admin/campaigns/MINI-2026/scores/SA/C1', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /G1 — Đại biểu HĐND tỉnh<\/td><td class="num">1<\/td><td class="num">4<\/td><td class="num">2,800000<\/td><td class="num">0,700000/,
    );
    expect(res.body).toMatch(/G2 — Công chức các sở<\/td><td class="num">1<\/td><td class="num">2<\/td><td class="num">1.000000<\/td><td class="num">0.500000/);
    expect(res.body.replaceAll('&#x3D;', '=')).toContain('Điểm = 2,25 × 0,6 = 1,35');
    expect((await app.inject({ url: '/admin/campaigns/MINI-2026/scores/SA/C9', headers: { cookie: admin } })).statusCode).toBe(404);
  });

  it('imports self-assessment points (semicolons, decimal comma) and shows totals, bands and ranks', async () => {
    const bad = await postForm(app, {
      from: '/admin/campaigns/MINI-2026/self',
      cookie: admin,
      fields: { csv: 'unit_code;self_points;self_max\r\nSX;1;2\r\n' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Dòng 2: không có đơn vị mã &quot;SX&quot;');
    const res = await postForm(app, {
      from: '/admin/campaigns/MINI-2026/self',
      cookie: admin,
      fields: {
        csv: 'unit_code;self_points;self_max\r\nSA;70;77,5\r\nSB;60,5;77,5\r\n',
        fileName: 'tự-đánh-giá.csv',
      },
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/admin/campaigns/MINI-2026/scores?self=2');
    const landed = await app.inject({ url: res.headers.location as string, headers: { cookie: admin } });
    expect(landed.body).toContain('<p class="ok" role="status">Đã nạp điểm tự đánh giá của 2 đơn vị.</p>');
    const page = await app.inject({ url: '/admin/campaigns/MINI-2026/scores', headers: { cookie: admin } });
    expect(page.body).not.toContain('Đã nạp điểm tự đánh giá');
    expect((await app.inject({ url: '/admin/campaigns/MINI-2026/scores?self=<b>', headers: { cookie: admin } })).body).not.toContain('Đã nạp điểm tự đánh giá');
    expect(page.body).toMatch(/72.25<\/td><td class="num">81.25<\/td><td class="num">88.92<\/td><td>Tốt<\/td><td class="num">1</);
    expect(page.body).toMatch(/62.08<\/td><td class="num">81.25<\/td><td class="num">76.41<\/td><td>Khá<\/td><td class="num">2</);
    expect(listAudit(app.db)[0]).toMatchObject({ actor: 'an', action: 'self.import' });
  });

  it('words every refusal of a self-assessment file in Vietnamese, a header with two quote problems too', async () => {
    const res = await postForm(app, {
      from: '/admin/campaigns/MINI-2026/self',
      cookie: admin,
      fields: { csv: '"unit_code"x,self_points,"self_max\r\nSA,1,2\r\n' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Dòng 1: có ô còn chữ sau dấu ngoặc kép đóng');
    expect(res.body).toContain('Dòng 1: có ô mở dấu ngoặc kép &quot; mà không đóng');
    expect(res.body).not.toMatch(/quoted field|never closed|closing quote/);
  });

  it('answers a repeated self-assessment field with the page again, 400, not 500', async () => {
    const res = await postForm(app, {
      from: '/admin/campaigns/MINI-2026/self',
      cookie: admin,
      fields: 'csv=unit_code%3Bself_points%3Bself_max&csv=x&fileName=a.csv',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Dữ liệu gửi lên không hợp lệ. Vui lòng tải lại trang rồi thử lại.');
    expect(res.body).toContain('unit_code;self_points;self_max</textarea>');
    expect(listAudit(app.db)[0].action).not.toBe('self.import');
  });

  it('lets a supervisor mark a form invalid, with a reason, audited', async () => {
    const sup = await loginAs(app, 'binh', 'supervisor');
    const serial = (app.db.$client.prepare("select serial from form_instances where status = 'counted' order by seq limit 1").get() as { serial: string })
      .serial;
    const empty = await postForm(app, {
      from: '/admin/campaigns/MINI-2026',
      to: '/admin/campaigns/MINI-2026/invalidate',
      cookie: sup,
      fields: { serial, reason: ' ' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Nhập lý do.');
    const res = await postForm(app, {
      from: '/admin/campaigns/MINI-2026',
      to: '/admin/campaigns/MINI-2026/invalidate',
      cookie: sup,
      fields: { serial, reason: 'Phiếu bị tẩy xóa' },
    });
    expect(res.statusCode).toBe(302);
    expect(listAudit(app.db)[0]).toMatchObject({ actor: 'binh', action: 'form.invalidate' });
  });
});

describe('names from campaign files', () => {
  it('are escaped in pages and charts, and formula-guarded in the workbook', async () => {
    const evil = JSON.parse(MINI);
    evil.units[0].name = '<script>alert(1)</script> & "Sở"';
    evil.units[1].name = '=HYPERLINK("http://x","Sở Bình")';
    await loadJson(JSON.stringify(evil));
    const res = await app.inject({ url: '/admin/campaigns/MINI-2026/scores', headers: { cookie: admin } });
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sở&quot;');
    const xlsx = await app.inject({ url: '/api/v1/campaigns/MINI-2026/workbook.xlsx', headers: { cookie: admin } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const names = wb.getWorksheet('Tổng hợp theo đơn vị')!.getColumn(2).values.slice(2);
    expect(names).toEqual(['<script>alert(1)</script> & "Sở"', `'=HYPERLINK("http://x","Sở Bình")`]);
    expect(wb.getWorksheet('Tổng hợp theo đơn vị')!.getCell('B3').formula).toBeUndefined();
  });
});

describe('users', () => {
  it('lists, adds with a role, disables, enables and resets passwords, each change audited', async () => {
    const add = await postForm(app, { from: '/admin/users', cookie: admin, fields: { name: 'lan', role: 'keyer', password: 'mật-khẩu-dài' } });
    expect(add.statusCode).toBe(302);
    const page = await app.inject({ url: '/admin/users', headers: { cookie: admin } });
    const lanId = (app.db.$client.prepare("select id from users where name = 'lan'").get() as { id: number }).id;
    // lan's own row: name, role label, and a disable form for lan's id (the <select> of the add form also names the role).
    const row = [...page.body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1]).filter((r) => r.includes('<td>lan</td>'));
    expect(row).toHaveLength(1);
    expect(row[0]).toContain('<td>lan</td><td>Nhân viên nhập phiếu</td><td>Hoạt động</td>');
    expect(row[0]).toContain(`action="/admin/users/${lanId}/disable"`);
    expect(row[0]).toContain(`action="/admin/users/${lanId}/password"`);

    expect((await postForm(app, { from: '/admin/users', to: `/admin/users/${lanId}/disable`, cookie: admin })).statusCode).toBe(302);
    expect(await authenticate(app.db, 'lan', 'mật-khẩu-dài')).toBeUndefined();
    expect((await postForm(app, { from: '/admin/users', to: `/admin/users/${lanId}/enable`, cookie: admin })).statusCode).toBe(302);
    expect(
      (await postForm(app, { from: '/admin/users', to: `/admin/users/${lanId}/password`, cookie: admin, fields: { password: 'mật-khẩu-mới-1' } })).statusCode,
    ).toBe(302);
    expect(await authenticate(app.db, 'lan', 'mật-khẩu-mới-1')).toMatchObject({ name: 'lan' });
    const short = await postForm(app, { from: '/admin/users', to: `/admin/users/${lanId}/password`, cookie: admin, fields: { password: 'ngắn' } });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Mật khẩu phải có ít nhất 10 ký tự.');
    // The rest of the password rule, as the console words it.
    const common = await postForm(app, { from: '/admin/users', to: `/admin/users/${lanId}/password`, cookie: admin, fields: { password: '123456789a' } });
    expect(common.statusCode).toBe(400);
    expect(common.body).toContain('Mật khẩu này quá phổ biến, dễ bị đoán.');
    const long = await postForm(app, { from: '/admin/users', to: `/admin/users/${lanId}/password`, cookie: admin, fields: { password: 'đ'.repeat(129) } });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('Mật khẩu không được dài quá 128 ký tự.');
    const asName = await postForm(app, { from: '/admin/users', cookie: admin, fields: { name: 'lananhnguyen', role: 'keyer', password: 'LanAnhNguyen' } });
    expect(asName.statusCode).toBe(400);
    expect(asName.body).toContain('Mật khẩu không được trùng với tên đăng nhập.');
    const twice = await postForm(app, {
      from: '/admin/users',
      to: `/admin/users/${lanId}/password`,
      cookie: admin,
      fields: 'password=m%E1%BA%ADt-kh%E1%BA%A9u-a&password=m%E1%BA%ADt-kh%E1%BA%A9u-b',
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('Mật khẩu mới không hợp lệ. Vui lòng nhập lại một mật khẩu.');
    expect(await authenticate(app.db, 'lan', 'mật-khẩu-mới-1')).toMatchObject({ name: 'lan' });

    const actions = listAudit(app.db)
      .filter((a) => a.actor === 'an')
      .map((a) => a.action);
    expect(actions.slice(0, 4)).toEqual(['user.password', 'user.enable', 'user.disable', 'user.add']);
    expect(
      listAudit(app.db)
        .map((a) => a.detail)
        .join(''),
    ).not.toContain('mật-khẩu');
  });

  it('refuses a duplicate name in Vietnamese and keeps what was typed; an admin cannot lock themselves out', async () => {
    const dup = await postForm(app, { from: '/admin/users', cookie: admin, fields: { name: 'an', role: 'supervisor', password: 'mật-khẩu-dài' } });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('Tên đăng nhập này đã có.');
    expect(dup.body).toContain('value="an"');
    const me = (app.db.$client.prepare("select id from users where name = 'an'").get() as { id: number }).id;
    const self = await postForm(app, { from: '/admin/users', to: `/admin/users/${me}/disable`, cookie: admin });
    expect(self.statusCode).toBe(400);
  });

  it('a disabled user loses their session at once', async () => {
    const sup = await loginAs(app, 'binh', 'supervisor');
    const id = (app.db.$client.prepare("select id from users where name = 'binh'").get() as { id: number }).id;
    await postForm(app, { from: '/admin/users', to: `/admin/users/${id}/disable`, cookie: admin });
    const res = await app.inject({ url: '/admin', headers: { cookie: sup } });
    expect(res.statusCode).toBe(302);
  });
});

describe('tokens and audit', () => {
  it('creates a token shown once, lists it without the secret, and revokes it', async () => {
    const me = (app.db.$client.prepare("select id from users where name = 'an'").get() as { id: number }).id;
    const res = await postForm(app, { from: '/admin/tokens', cookie: admin, fields: { name: 'Văn phòng UBND', userId: String(me) } });
    const token = /<code class="token">([^<]+)<\/code>/.exec(res.body)![1];
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await app.inject({ url: '/api/v1/campaigns', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    const list = await app.inject({ url: '/admin/tokens', headers: { cookie: admin } });
    expect(list.body).toContain('Văn phòng UBND');
    expect(list.body).not.toContain(token);
    const id = /action="\/admin\/tokens\/(\d+)\/revoke"/.exec(list.body)![1];
    expect((await postForm(app, { from: '/admin/tokens', to: `/admin/tokens/${id}/revoke`, cookie: admin })).statusCode).toBe(302);
    expect((await app.inject({ url: '/api/v1/campaigns', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    expect(
      listAudit(app.db)
        .slice(0, 2)
        .map((a) => a.action),
    ).toEqual(['token.revoke', 'token.create']);
  });

  it('shows the audit log with who, when and what, filtered by action; no route changes it', async () => {
    seedMini(app.db);
    const res = await app.inject({ url: '/admin/audit?action=entry.import', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    // The action in words, its code in the tooltip; the time in Vietnam time, written 29/11/2026 14:04.
    expect(res.body).toMatch(
      /<td>\d\d\/\d\d\/\d{4} \d\d:\d\d<\/td><td>lan<\/td><td><abbr title="entry.import">Nhập một lượt phiếu<\/abbr><\/td><td>MINI-2026<\/td>/,
    );
    expect(res.body).toContain('<option value="entry.import" selected>Nhập một lượt phiếu</option>');
    expect(res.body).not.toContain('title="user.login"');
    // The detail in words (it showed "[object Object]" once the column held JSON).
    const loads = (await app.inject({ url: '/admin/audit?action=campaign.load', headers: { cookie: admin } })).body;
    expect(loads).toContain('mã đợt: MINI-2026; phiên bản: 1');
    expect(loads).not.toContain('[object Object]');
    // A stored UTC instant is shown in Vietnam time on every page that lists times (issue 10).
    app.db.$client.prepare("update audit_log set at = '2026-11-29T07:04:00.000Z'").run();
    app.db.$client.prepare("update users set created_at = '2026-11-29T18:30:00.000Z'").run();
    expect((await app.inject({ url: '/admin/audit', headers: { cookie: admin } })).body).toContain('<td>29/11/2026 14:04</td>');
    const users = (await app.inject({ url: '/admin/users', headers: { cookie: admin } })).body;
    expect(users).toContain('<td>30/11/2026 01:30</td>');
    expect(users).not.toContain('2026-11-29T');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const r = await app.inject({ method, url: '/admin/audit', headers: { cookie: admin } });
      expect(r.statusCode).toBe(404);
    }
    const sup = await loginAs(app, 'binh', 'supervisor');
    expect((await app.inject({ url: '/admin/audit', headers: { cookie: sup } })).statusCode).toBe(403);
  });
});

describe('logged-out pages', () => {
  it('sends to the login page', async () => {
    const res = await app.inject({ url: '/admin/campaigns/MINI-2026/scores' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?next=%2Fadmin%2Fcampaigns%2FMINI-2026%2Fscores');
    expect(cookieOf(res)).toBe('');
  });
});
