/** Printing from the web: one HTML run with every diacritic, the serial and its QR code on every page, page breaks, and the count sheet. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredCampaign } from '../../db/campaigns.repo';
import { listForms } from '../../db/forms.repo';
import { buildTestApp, loginAs, postForm } from '../helpers/app';
import { seedCampaign } from '../helpers/seed';

/** Every Vietnamese letter with a diacritic, lower and upper case. */
const ALL_DIACRITICS =
  'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ' + 'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let c: StoredCampaign;

beforeEach(async () => {
  app = await buildTestApp();
  ({ c } = seedCampaign(app.db, {
    patch: (def) => {
      def.forms[0].intro = `Kiểm tra chữ: ${ALL_DIACRITICS}`;
      def.forms[0].questions[0].text = `Câu có <b>thẻ</b> & “ngoặc” ${ALL_DIACRITICS}`;
    },
  }));
});
afterEach(() => app.close());

describe('GET /admin/print', () => {
  it('offers a choice of campaign, group and format without parameters', async () => {
    const cookie = await loginAs(app, 'an', 'admin');
    const res = await app.inject({ method: 'GET', url: '/admin/print', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('In phiếu khảo sát');
    expect(res.body).toContain('<option value="G1">G1 — Đại biểu HĐND tỉnh (Toàn tỉnh)</option>');
  });

  it('offers the home unit as a list by level, each unit naming the groups whose respondents work there, not a code box', async () => {
    const cookie = await loginAs(app, 'hoa', 'supervisor');
    const res = await app.inject({ method: 'GET', url: '/admin/print', headers: { cookie } });
    // Issue 10: the home unit was a free-text code box; G2 (home: each department) works in SA and SB.
    expect(res.body).not.toMatch(/<input id="home-MINI-2026"/);
    expect(res.body).toContain(
      '<select id="home-MINI-2026" name="home"><option value="">Tất cả các nơi</option><optgroup label="Sở, ban, ngành"><option value="SA" data-groups="G2">Sở An (SA)</option><option value="SB" data-groups="G2">Sở Bình (SB)</option></optgroup></select>',
    );
    expect(res.body).toContain('data-home-filter="home-MINI-2026"');
    // The invitations and the access-code list sit beside the forms.
    expect(res.body).toContain('formaction="/admin/print/invitations"');
    expect(res.body).toContain('href="/admin/print/access-codes.csv?campaign=MINI-2026"');
  });

  it('prints the whole run as one HTML file: serial and QR on every page, every diacritic, page breaks', async () => {
    const cookie = await loginAs(app, 'hoa', 'supervisor');
    const res = await app.inject({ method: 'GET', url: '/admin/print?campaign=MINI-2026', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    const serials = listForms(app.db, c.id).map((f) => f.serial);
    const sheets = html.match(/<section class="sheet [^"]+" data-serial="(\d+)"/g)!;
    expect(sheets.length).toBeGreaterThanOrEqual(serials.length);
    for (const s of serials) expect(html).toContain(`<div class="mono big">${s}</div>`);
    // One QR code per printed page, built by the qrcode library.
    expect(html.match(/<div class="qr"><svg xmlns="http:\/\/www.w3.org\/2000\/svg"/g)).toHaveLength(sheets.length);
    expect(html).toContain(ALL_DIACRITICS);
    expect(html).toContain('Câu có &lt;b&gt;thẻ&lt;/b&gt; &amp; “ngoặc”');
    expect(html).toMatch(/\.sheet \{[^}]*break-after: page/);
    expect(html).toContain('@page landscape { size: A4 landscape');
    expect(html).toContain('font-family: "Noto Sans"');
    expect(html).toContain('Tỉnh Thử');
    expect(html).toContain('Mẫu <strong>F1</strong>');
    expect(html).toContain('<b>9</b> = Không biết');
  });

  it('prints one group or one home unit', async () => {
    const cookie = await loginAs(app, 'an', 'admin');
    const res = await app.inject({ method: 'GET', url: '/admin/print?campaign=MINI-2026&group=G2&home=SB', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const serials = [...res.body.matchAll(/data-serial="(\d+)" data-page="1"/g)].map((m) => m[1]);
    expect(serials).toEqual(listForms(app.db, c.id, { group: 'G2', home: 'SB' }).map((f) => f.serial));
    const bad = await app.inject({ method: 'GET', url: '/admin/print?campaign=MINI-2026&group=NOPE', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
  });

  it('downloads the count sheet per home unit', async () => {
    const cookie = await loginAs(app, 'an', 'admin');
    const res = await app.inject({ method: 'GET', url: '/admin/print/counts.csv?campaign=MINI-2026', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(
      '\uFEFFhome_unit,home_unit_name,group,group_name,forms\r\n,Toàn tỉnh Tỉnh Thử,G1,Đại biểu HĐND tỉnh,2\r\nSA,Sở An,G2,Công chức các sở,1\r\nSB,Sở Bình,G2,Công chức các sở,1\r\n',
    );
  });

  it('downloads the dispatch list from the console: the manifest the CLI writes, one line per form', async () => {
    const cookie = await loginAs(app, 'hoa', 'supervisor');
    const res = await app.inject({ method: 'GET', url: '/admin/print/manifest.csv?campaign=MINI-2026', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="danh-sach-phieu-MINI-2026.csv"');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('serial,access_code,form,group,home_unit,targets,channel,status');
    const forms = listForms(app.db, c.id);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(forms.map((f) => f.serial));
    expect(lines[1]).toMatch(/^\d+,[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4},F1,G1,,"SA;SB",paper,issued$/);
    expect((await app.inject({ url: '/admin/print/manifest.csv?campaign=NOPE', headers: { cookie } })).statusCode).toBe(404);
  });
});

/** Follows a PDF job's progress page until the job has ended (the page stops asking to be refreshed). */
async function untilFinished(cookie: string, url: string) {
  for (;;) {
    const res = await app.inject({ url, headers: { cookie } });
    if (res.statusCode !== 200 || !res.headers.refresh) return res;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The PDF button of the choice page: a GET shows what will be made (and starts nothing), its form's POST starts it. */
async function startPdf(cookie: string, query: string) {
  const confirm = await app.inject({ url: `/admin/print?${query}&format=pdf`, headers: { cookie } });
  expect(confirm.statusCode).toBe(200);
  expect(confirm.body).toContain('action="/admin/print/pdf"');
  const fields = Object.fromEntries(new URLSearchParams(query));
  return postForm(app, { from: confirm, to: '/admin/print/pdf', cookie, fields });
}

describe('PDF from the console', () => {
  it('makes the PDF in the background: a progress page that refreshes, then a download link and the file', async () => {
    const cookie = await loginAs(app, 'an', 'admin');
    // A GET alone starts nothing.
    await app.inject({ url: '/admin/print?campaign=MINI-2026&format=pdf', headers: { cookie } });
    expect((await app.inject({ url: '/admin/print/pdf?campaign=MINI-2026', headers: { cookie } })).statusCode).toBe(404);
    const start = await startPdf(cookie, 'campaign=MINI-2026');
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe('/admin/print/pdf?campaign=MINI-2026');
    // Before the job is done the file is not served: it sends the person to the progress page.
    const early = await app.inject({ url: '/admin/print/pdf/file?campaign=MINI-2026', headers: { cookie } });
    expect(early.statusCode).toBe(303);
    const running = await app.inject({ url: '/admin/print/pdf?campaign=MINI-2026', headers: { cookie } });
    expect(running.statusCode).toBe(200);
    expect(running.headers.refresh).toBe('3');
    expect(running.body).toMatch(/Đã dàn trang \d+\/\d+ phiếu \(\d+ %\)/);
    expect(running.body).toMatch(/bắt đầu lúc \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    // One job per campaign: asking for another selection meanwhile shows the running one and says so.
    const other = await startPdf(cookie, 'campaign=MINI-2026&group=G2');
    expect(other.headers.location).toBe('/admin/print/pdf?campaign=MINI-2026&other=1');
    expect((await app.inject({ url: other.headers.location!, headers: { cookie } })).body).toContain('đang tạo một tệp PDF khác');

    const done = await untilFinished(cookie, '/admin/print/pdf?campaign=MINI-2026');
    expect(done.body).toContain('Tệp PDF đã sẵn sàng');
    expect(done.body).toContain('href="/admin/print/pdf/file?campaign=MINI-2026"');
    const file = await app.inject({ url: '/admin/print/pdf/file?campaign=MINI-2026', headers: { cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe('attachment; filename="phieu-MINI-2026.pdf"');
    expect(file.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);

  it('refuses a POST without its CSRF token, starting nothing', async () => {
    const cookie = await loginAs(app, 'an', 'admin');
    const res = await app.inject({ method: 'POST', url: '/admin/print/pdf', headers: { cookie }, payload: { campaign: 'MINI-2026' } });
    expect(res.statusCode).toBe(403);
    expect((await app.inject({ url: '/admin/print/pdf?campaign=MINI-2026', headers: { cookie } })).statusCode).toBe(404);
  });

  it('answers 404 for a campaign without a PDF job', async () => {
    const cookie = await loginAs(app, 'an', 'admin');
    expect((await app.inject({ url: '/admin/print/pdf?campaign=MINI-2026', headers: { cookie } })).statusCode).toBe(404);
    expect((await app.inject({ url: '/admin/print/pdf/file?campaign=MINI-2026', headers: { cookie } })).statusCode).toBe(404);
  });
});
