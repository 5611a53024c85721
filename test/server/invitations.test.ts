/** Web invitations from the console: one per web or mixed form with its code, link and QR code; the access-code list; who may print them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FormRow } from '../../db/forms.repo';
import { openDb, type Db } from '../../db/open';
import { formatAccessCode } from '../../surveys/access-code';
import { buildTestApp, loginAs } from '../helpers/app';
import { seedCampaign } from '../helpers/seed';

let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let paper: FormRow[];
let mixed: FormRow[];

/**
 * A run issued in two rounds: 4 paper forms (G1 × 2, G2 × 1 per department), then quotas raised by one and the
 * top-up issued on the mixed channel: 1 G1 form and 1 G2 form each for SA and SB. Names carry markup to be shown as text.
 */
beforeEach(async () => {
  db = openDb(':memory:');
  const named = (raw: Record<string, any>) => (raw.groups[1].name = 'Công chức <b>các sở</b>');
  seedCampaign(db, { patch: named });
  const { forms } = seedCampaign(db, {
    patch: (raw) => {
      named(raw);
      raw.groups[0].quota = 3;
      raw.groups[1].quota = 2;
    },
    channel: 'mixed',
  });
  paper = forms.filter((f) => f.channel === 'paper');
  mixed = forms.filter((f) => f.channel === 'mixed');
  expect([paper.length, mixed.length]).toEqual([4, 3]);
});
afterEach(() => app.close());

const invitationsOf = (html: string) => [...html.matchAll(/<article class="invite" data-serial="(\d+)">/g)].map((m) => m[1]);

describe('GET /admin/print/invitations', () => {
  it('prints one invitation per mixed form, none for paper forms, each with the code, the link of this console and its QR code', async () => {
    app = await buildTestApp(db);
    const cookie = await loginAs(app, 'hoa', 'supervisor');
    const res = await app.inject({ method: 'GET', url: '/admin/print/invitations?campaign=MINI-2026', headers: { cookie, host: 'ks.snv.local:3000' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(invitationsOf(html)).toEqual(mixed.map((f) => f.serial));
    // The same term as the home page, the web form and the printed form.
    expect(html).toContain('<div class="label">Mã truy cập của Ông/Bà</div>');
    expect(html).not.toMatch(/mã trả lời/i);
    for (const f of mixed) {
      expect(html).toContain(`<div class="code">${formatAccessCode(f.accessCode)}</div>`);
      expect(html).toContain(`<div class="link">http://ks.snv.local:3000/r/${f.accessCode}</div>`);
    }
    for (const f of paper) expect(html).not.toContain(formatAccessCode(f.accessCode));
    expect(html.match(/<div class="qr"><svg xmlns="http:\/\/www.w3.org\/2000\/svg"/g)).toHaveLength(3);
    // Two per A4 sheet, with a cut line between them.
    expect(html.match(/<section class="sheet">/g)).toHaveLength(2);
    expect(html.match(/class="cut"/g)).toHaveLength(1);
    expect(html).toContain('Kính gửi: <strong>Ông/Bà</strong>');
    expect(html).toContain('Nhóm đối tượng: <strong>Công chức &lt;b&gt;các sở&lt;/b&gt;</strong><br>Nơi công tác: <strong>Sở An</strong>');
    expect(html).toContain('Công chức &lt;b&gt;các sở&lt;/b&gt;');
    expect(html).toContain('Nếu đã trả lời trên phiếu giấy gửi kèm');
    expect(html).toContain('Phiếu khảo sát ẩn danh');
  });

  it('prints the links at PUBLIC_URL when it is set', async () => {
    app = await buildTestApp(db, { PUBLIC_URL: 'https://khaosat.snv.example.gov.vn/' });
    const cookie = await loginAs(app, 'an', 'admin');
    const res = await app.inject({ method: 'GET', url: '/admin/print/invitations?campaign=MINI-2026&group=G2&home=SB', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const sb = mixed.filter((f) => f.groupCode === 'G2' && f.homeUnit === 'SB');
    expect(invitationsOf(res.body)).toEqual(sb.map((f) => f.serial));
    expect(res.body).toContain(`https://khaosat.snv.example.gov.vn/r/${sb[0].accessCode}`);
  });

  it('downloads them as a PDF, one A4 page per two invitations', async () => {
    app = await buildTestApp(db);
    const cookie = await loginAs(app, 'an', 'admin');
    const res = await app.inject({ method: 'GET', url: '/admin/print/invitations?campaign=MINI-2026&group=G1&format=pdf', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="giay-moi-MINI-2026-G1.pdf"');
    const pdf = res.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
  }, 60_000);

  it.each([
    ['?campaign=MINI-2026&group=NOPE', 400, 'Lựa chọn không hợp lệ'],
    ['?campaign=MINI-2026&format=docx', 400, 'Lựa chọn không hợp lệ'],
    ['?campaign=NOPE', 404, 'Không có đợt điều tra NOPE'],
    ['', 404, 'Chưa chọn đợt điều tra.'],
  ])('%s answers %i', async (query, status, text) => {
    app = await buildTestApp(db);
    const cookie = await loginAs(app, 'an', 'admin');
    const res = await app.inject({ method: 'GET', url: `/admin/print/invitations${query}`, headers: { cookie } });
    expect(res.statusCode).toBe(status);
    expect(res.body).toContain(text);
  });

  it('answers a polite 404 when the selection has only paper forms', async () => {
    const paperOnly = openDb(':memory:');
    seedCampaign(paperOnly);
    app = await buildTestApp(paperOnly);
    const cookie = await loginAs(app, 'an', 'admin');
    const res = await app.inject({ method: 'GET', url: '/admin/print/invitations?campaign=MINI-2026', headers: { cookie } });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Chưa có phiếu nào được phát theo hình thức trực tuyến');
  });

  it('is refused to a keyer', async () => {
    app = await buildTestApp(db);
    const cookie = await loginAs(app, 'lan', 'keyer');
    for (const url of ['/admin/print/invitations?campaign=MINI-2026', '/admin/print/access-codes.csv?campaign=MINI-2026']) {
      expect((await app.inject({ method: 'GET', url, headers: { cookie } })).statusCode).toBe(403);
    }
  });
});

describe('GET /admin/print/access-codes.csv', () => {
  it('lists the invitations’ forms with code and link: BOM, CRLF, a download named for the campaign', async () => {
    app = await buildTestApp(db);
    const cookie = await loginAs(app, 'hoa', 'supervisor');
    const res = await app.inject({ method: 'GET', url: '/admin/print/access-codes.csv?campaign=MINI-2026', headers: { cookie, host: 'ks.snv.local' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ma-tra-loi-MINI-2026.csv"');
    const home = (f: FormRow) => (f.homeUnit === null ? ',Toàn tỉnh Tỉnh Thử' : `${f.homeUnit},${f.homeUnit === 'SA' ? 'Sở An' : 'Sở Bình'}`);
    expect(res.body).toBe(
      '\uFEFFserial,access_code,link,form,group,home_unit,home_unit_name,channel,status\r\n' +
        mixed
          .map((f) => `${f.serial},${formatAccessCode(f.accessCode)},http://ks.snv.local/r/${f.accessCode},F1,${f.groupCode},${home(f)},mixed,issued\r\n`)
          .join(''),
    );
  });

  it('answers 404 for an unknown campaign', async () => {
    app = await buildTestApp(db);
    const cookie = await loginAs(app, 'an', 'admin');
    expect((await app.inject({ method: 'GET', url: '/admin/print/access-codes.csv?campaign=NOPE', headers: { cookie } })).statusCode).toBe(404);
  });
});
