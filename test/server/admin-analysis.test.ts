/** GET /admin/campaigns/<code>/analysis: roles, unknown campaigns, the analysis tables worded with the decimal comma, and the progress of a long run. */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, openDb } from '../../db/open';
import { buildTestApp, loginAs } from '../helpers/app';
import { tempDir } from '../helpers/cli';
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

describe('a run that takes longer than ANALYSIS_WAIT', () => {
  it('shows its progress, refreshing to the run it follows, then that run’s numbers; a fresh visit starts a new run', async () => {
    const dbPath = join(tempDir(), 'cchc.db');
    const db = openDb(dbPath);
    seedMini(db);
    // The numbers are worked on the worker thread (a database file); the page waits for them not at all.
    const slow = await buildTestApp(db, { DATABASE_PATH: dbPath, ANALYSIS_WAIT: '0' });
    try {
      const sup = await loginAs(slow, 'binh', 'supervisor');
      const first = await slow.inject({ url: `${URL}?compare=MINI-2026`, headers: { cookie: sup } });
      expect(first.statusCode).toBe(200);
      expect(first.body).toContain('Đang tính phân tích số liệu (so sánh với đợt MINI-2026)');
      expect(first.body).toContain('1.000 lần lấy mẫu lặp');
      const refresh = String(first.headers.refresh);
      const next = /^3; url=(\/admin\/campaigns\/MINI-2026\/analysis\?compare=MINI-2026&job=(\d+))$/.exec(refresh);
      expect(next, refresh).not.toBeNull();
      let page = first;
      for (let i = 0; i < 200 && page.body.includes('Đang tính'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        page = await slow.inject({ url: next![1], headers: { cookie: sup } });
      }
      expect(page.headers.refresh).toBeUndefined();
      expect(page.body).toContain('<td class="num">2,25</td>');
      // Without `job` the page asks for today's answers again: a new run, its progress first.
      const again = await slow.inject({ url: `${URL}?compare=MINI-2026`, headers: { cookie: sup } });
      expect(again.body).toContain('Đang tính phân tích số liệu');
      expect(String(again.headers.refresh)).not.toBe(refresh);
    } finally {
      await slow.close();
      closeDb(db);
    }
  }, 60_000);
});
