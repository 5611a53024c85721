/** GET /admin/campaigns/<code>/analysis: roles, unknown campaigns, and the analysis tables worded with the decimal comma. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../helpers/app';
import { seedMini } from './admin-seed';

let app: Awaited<ReturnType<typeof buildTestApp>>;
const URL = '/admin/campaigns/MINI-2026/analysis';

beforeEach(async () => {
  app = await buildTestApp();
  seedMini(app.db);
});
afterEach(() => app.close());

describe('analysis page', () => {
  it('is for admins and supervisors: keyers get 403, nobody logged in goes to the login page', async () => {
    const keyer = await loginAs(app, 'lan', 'keyer');
    expect((await app.inject({ url: URL, headers: { cookie: keyer } })).statusCode).toBe(403);
    const none = await app.inject({ url: URL });
    expect(none.statusCode).toBe(302);
    expect(none.headers.location).toContain('/login');
  });

  it('shows each unit’s survey points and 95 % interval with the decimal comma, the same numbers as the API', async () => {
    const sup = await loginAs(app, 'binh', 'supervisor');
    const res = await app.inject({ url: URL, headers: { cookie: sup } });
    expect(res.statusCode, res.body).toBe(200);
    // The page runs the API's default analysis (1,000 replicates, the default seed).
    const api = (await app.inject({ url: '/api/v1/campaigns/MINI-2026/analysis', headers: { cookie: sup } })).json();
    const sa = api.tables.unit_intervals.find((u: { unit_code: string }) => u.unit_code === 'SA');
    const comma = (x: number) => x.toFixed(2).replace('.', ',');
    // Hand-worked mini campaign: SA 1.35 + 0.90 = 2.25.
    expect(res.body).toContain('<td class="num">2,25</td>');
    expect(res.body).toContain(`<td class="num">${comma(sa.ci_low)} – ${comma(sa.ci_high)}</td>`);
    expect(res.body).not.toMatch(/<td class="num">\d+\.\d{1,2}<\/td>/);
    // Response rates as 87,5 %, and the charts are SVG.
    expect(res.body).toMatch(/<td class="num">\d+(,\d)?\u00a0%<\/td>/);
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('Hệ số Cronbach');
  });

  it('compares with a campaign chosen in the select, and answers 404 for unknown campaigns', async () => {
    const admin = await loginAs(app, 'an', 'admin');
    const page = await app.inject({ url: `${URL}?compare=MINI-2026`, headers: { cookie: admin } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('So sánh với đợt MINI-2026');
    expect((await app.inject({ url: '/admin/campaigns/NOPE/analysis', headers: { cookie: admin } })).statusCode).toBe(404);
    const unknown = await app.inject({ url: `${URL}?compare=NOPE`, headers: { cookie: admin } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('NOPE');
  });

  it('is linked from the campaign page and the scores page', async () => {
    const sup = await loginAs(app, 'binh', 'supervisor');
    for (const from of ['/admin/campaigns/MINI-2026', '/admin/campaigns/MINI-2026/scores']) {
      const res = await app.inject({ url: from, headers: { cookie: sup } });
      expect(res.body, from).toContain(`href="${URL}"`);
    }
  });
});
