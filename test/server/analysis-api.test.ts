/** GET /api/v1/campaigns/<code>/analysis: the API's own authentication, the CLI's tables as JSON, settings checked, year on year. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createToken } from '../../db/tokens.repo';
import { addUser } from '../../db/users.repo';
import { buildTestApp } from '../helpers/app';
import { seedMini } from './admin-seed';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let token: string;
const URL = '/api/v1/campaigns/MINI-2026/analysis';

beforeEach(async () => {
  app = await buildTestApp();
  seedMini(app.db);
  const added = await addUser(app.db, 'hoa', 'admin', 'mật-khẩu-dài', 'test');
  if (!added.ok) throw new Error(JSON.stringify(added.problem));
  const t = createToken(app.db, added.user.id, 'phân tích', 'test');
  if (!t.ok) throw new Error(JSON.stringify(t.problem));
  token = t.token;
});
afterEach(() => app.close());

const get = (query: string, auth = true) => app.inject({ url: `${URL}${query}`, headers: auth ? { authorization: `Bearer ${token}` } : {} });

describe('analysis API', () => {
  it('answers the tables as JSON, reproducibly for one seed, and compares with an earlier campaign', async () => {
    const res = await get('?replicates=200&seed=3&compare=MINI-2026');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ campaign: 'MINI-2026', replicates: 200, seed: 3, compare: 'MINI-2026' });
    // The hand-worked mini campaign: SA 1.35 + 0.90 = 2.25, SB 0.68 + 0.90 = 1.58.
    expect(body.tables.unit_intervals.map((u: Record<string, unknown>) => [u.unit_code, u.survey_points, u.rank])).toEqual([
      ['SA', 2.25, 1],
      ['SB', 1.58, 2],
    ]);
    // Compared with itself: matched by code, no change.
    expect(body.tables.year_on_year.map((r: Record<string, unknown>) => [r.unit_code, r.matched_by, r.points_change])).toEqual([
      ['SA', 'code', 0],
      ['SB', 'code', 0],
    ]);
    expect((await get('?replicates=200&seed=3&compare=MINI-2026')).body).toBe(res.body);
  });

  it('needs a token or a session, and refuses bad settings and unknown campaigns', async () => {
    expect((await get('', false)).statusCode).toBe(401);
    expect((await get('?replicates=5')).statusCode).toBe(400);
    expect((await get('?seed=-1')).statusCode).toBe(400);
    // The CLI may run 100,000 replicates; the API holds its one worker thread, so 10,000 at most.
    const many = await get('?replicates=10001');
    expect(many.statusCode).toBe(400);
    expect(many.json().details.join()).toContain('at most 10000');
    const unknown = await get('?replicates=100&compare=NOPE');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toContain('NOPE');
    expect((await app.inject({ url: '/api/v1/campaigns/NOPE/analysis', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(404);
  });
});
