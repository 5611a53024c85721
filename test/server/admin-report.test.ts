/** GET /admin/campaigns/<code>/report: roles, formats, the Vietnamese file name, unknown campaigns, and the download block on the analysis page. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../helpers/app';
import { seedMini } from './admin-seed';

let app: Awaited<ReturnType<typeof buildTestApp>>;
const URL = '/admin/campaigns/MINI-2026/report';

beforeEach(async () => {
  app = await buildTestApp();
  seedMini(app.db);
});
afterEach(() => app.close());

describe('report download', () => {
  it('is for admins and supervisors: keyers get 403, nobody logged in goes to the login page', async () => {
    const keyer = await loginAs(app, 'lan', 'keyer');
    expect((await app.inject({ url: `${URL}?format=html`, headers: { cookie: keyer } })).statusCode).toBe(403);
    const none = await app.inject({ url: `${URL}?format=html` });
    expect(none.statusCode).toBe(302);
    expect(none.headers.location).toContain('/login');
  });

  it('gives the HTML report as a download named in Vietnamese, with the scores of the hand-worked mini campaign', async () => {
    const sup = await loginAs(app, 'binh', 'supervisor');
    const res = await app.inject({ url: `${URL}?format=html`, headers: { cookie: sup } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="bao-cao-ket-qua-MINI-2026.html"; filename*=UTF-8''${encodeURIComponent('Báo cáo kết quả điều tra xã hội học MINI-2026.html')}`,
    );
    // SA 1.35 + 0.90 = 2.25 and SB 1.58 (test/cli/paper-path.test.ts), of 3.75.
    expect(res.body).toContain('<td class="left">Sở An</td><td class="right">2,25</td><td class="right">3,75</td>');
    expect(res.body).toContain('<td class="left">Sở Bình</td><td class="right">1,58</td><td class="right">3,75</td>');
    expect(res.body).toContain('UBND TỈNH THỬ');
  });

  it('gives the PDF through Chromium', async () => {
    const admin = await loginAs(app, 'an', 'admin');
    const res = await app.inject({ url: `${URL}?format=pdf&compare=MINI-2026`, headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('filename="bao-cao-ket-qua-MINI-2026-so-voi-MINI-2026.pdf"');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('gives the Word file, and refuses an unknown format and unknown campaigns', async () => {
    const admin = await loginAs(app, 'an', 'admin');
    const docx = await app.inject({ url: `${URL}?format=docx`, headers: { cookie: admin } });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers['content-disposition']).toContain('.docx"');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await app.inject({ url: `${URL}?format=odt`, headers: { cookie: admin } })).statusCode).toBe(400);
    expect((await app.inject({ url: '/admin/campaigns/NOPE/report', headers: { cookie: admin } })).statusCode).toBe(404);
    const unknown = await app.inject({ url: `${URL}?format=html&compare=NOPE`, headers: { cookie: admin } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('NOPE');
  });

  it('is offered on the analysis page with its formats and the compare choice', async () => {
    const sup = await loginAs(app, 'binh', 'supervisor');
    const page = await app.inject({ url: '/admin/campaigns/MINI-2026/analysis', headers: { cookie: sup } });
    expect(page.body).toContain('<form method="get" action="/admin/campaigns/MINI-2026/report"');
    expect(page.body).toContain('name="format" value="pdf"');
    expect(page.body).toContain('name="format" value="html"');
    expect(page.body).toContain('id="report-compare" name="compare"');
    expect(page.body).toContain('Tải báo cáo');
  });
});
