/** /api/v1: bearer tokens (valid, revoked, missing, owner disabled), sessions by role, and every export's content; the workbook read back with exceljs. */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCampaign } from '../../db/campaigns.repo';
import { importKeyedRows, resolveCell } from '../../db/entry.repo';
import { apiTokens } from '../../db/schema';
import { createToken, hashToken, revokeToken } from '../../db/tokens.repo';
import { addUser, setDisabled } from '../../db/users.repo';
import { HEADINGS_VI } from '../../surveys/exports';
import { cellStatusName, levelName } from '../../surveys/names';
import { buildTestApp, loginAs } from '../helpers/app';
import { seedMini } from './admin-seed';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let token: string;
let adminId: number;

const BASE = '/api/v1/campaigns/MINI-2026';

function csv(body: string): Record<string, string>[] {
  expect(body.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<Record<string, string>>(body.slice(1), { header: true, skipEmptyLines: true }).data;
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

beforeEach(async () => {
  app = await buildTestApp();
  seedMini(app.db);
  const added = await addUser(app.db, 'hoa', 'admin', 'mật-khẩu-dài', 'test');
  if (!added.ok) throw new Error(JSON.stringify(added.problem));
  adminId = added.user.id;
  const t = createToken(app.db, adminId, 'báo cáo', 'test');
  if (!t.ok) throw new Error(JSON.stringify(t.problem));
  token = t.token;
});
afterEach(() => app.close());

describe('authentication', () => {
  it('stores only the SHA-256 of a token', () => {
    const row = app.db.select().from(apiTokens).get()!;
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.tokenHash).not.toContain(token);
    expect(token).toMatch(/^cchc_[A-Za-z0-9_-]{43}$/);
  });

  it('serves a valid token', async () => {
    const res = await app.inject({ url: `${BASE}/summary`, headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()[0]).toMatchObject({ unit_code: 'SA', survey_points: 2.25 });
  });

  it.each([
    ['missing', {}],
    ['unknown', bearer('cchc_nope')],
    ['malformed', { authorization: 'Basic abc' }],
  ])('answers 401 JSON for a %s token', async (_n, headers) => {
    const res = await app.inject({ url: `${BASE}/scores`, headers });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json().error).toBeTruthy();
  });

  it.each([
    ['unknown', bearer('cchc_nope')],
    ['malformed', { authorization: 'Basic abc' }],
    ['empty', { authorization: 'Bearer ' }],
  ])('names the Bearer scheme in WWW-Authenticate for a %s token', async (_n, headers) => {
    const res = await app.inject({ url: `${BASE}/scores`, headers });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(res.json()).toEqual({ error: 'Invalid or revoked token' });
  });

  it('names the Bearer scheme in WWW-Authenticate when no credentials are sent at all', async () => {
    const res = await app.inject({ url: '/api/v1/campaigns' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('names the Bearer scheme in WWW-Authenticate for a revoked token too', async () => {
    const id = app.db.select().from(apiTokens).all()[0].id;
    expect(revokeToken(app.db, id, 'test')).toBe(true);
    const res = await app.inject({ url: `${BASE}/scores`, headers: bearer(token) });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('refuses a revoked token, and a token whose owner was disabled', async () => {
    const second = createToken(app.db, adminId, 'thứ hai', 'test');
    if (!second.ok) throw new Error();
    const id = app.db.select().from(apiTokens).all()[0].id;
    expect(revokeToken(app.db, id, 'test')).toBe(true);
    expect((await app.inject({ url: `${BASE}/scores`, headers: bearer(token) })).statusCode).toBe(401);
    expect((await app.inject({ url: `${BASE}/scores`, headers: bearer(second.token) })).statusCode).toBe(200);
    setDisabled(app.db, adminId, true, 'test');
    expect((await app.inject({ url: `${BASE}/scores`, headers: bearer(second.token) })).statusCode).toBe(401);
  });

  it('will not give a keyer a token', async () => {
    const k = await addUser(app.db, 'lan', 'keyer', 'mật-khẩu-dài', 'test');
    if (!k.ok) throw new Error();
    expect(createToken(app.db, k.user.id, 'x', 'test')).toMatchObject({ ok: false });
  });

  it.each([
    ['admin', 200],
    ['supervisor', 200],
    ['keyer', 403],
  ] as const)('accepts a session: %s → %s', async (role, status) => {
    const cookie = await loginAs(app, `u-${role}`, role);
    const res = await app.inject({ url: `${BASE}/quotas`, headers: { cookie } });
    expect(res.statusCode).toBe(status);
  });

  it('answers 404 JSON for an unknown campaign and 400 for a bad format', async () => {
    expect((await app.inject({ url: '/api/v1/campaigns/NOPE/scores', headers: bearer(token) })).statusCode).toBe(404);
    const bad = await app.inject({ url: `${BASE}/scores?format=xml`, headers: bearer(token) });
    expect(bad.statusCode).toBe(400);
  });
});

describe('exports', () => {
  it('scores CSV: the contract columns and the hand-worked values', async () => {
    const res = await app.inject({ url: `${BASE}/scores?format=csv`, headers: bearer(token) });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="MINI-2026-scores.csv"');
    const rows = csv(res.body);
    expect(Object.keys(rows[0])).toEqual([
      'unit_code',
      'unit_name',
      'level',
      'criterion_code',
      'criterion_name',
      'max_points',
      'points',
      'fraction',
      'n_counted',
      'status',
    ]);
    expect(rows.map((r) => [r.unit_code, r.criterion_code, r.points, r.fraction, r.n_counted])).toEqual([
      ['SA', 'C1', '1.35', '0.600000', '6'],
      ['SA', 'C2', '0.90', '0.600000', '2'],
      ['SB', 'C1', '0.68', '0.300000', '2'],
      ['SB', 'C2', '0.90', '0.600000', '1'],
    ]);
    expect(rows[0].unit_name).toBe('Sở An');
  });

  it('quotas as CSV and JSON; conflicts as JSON', async () => {
    const q = csv((await app.inject({ url: `${BASE}/quotas?format=csv`, headers: bearer(token) })).body);
    expect(q[0]).toEqual({ group: 'G1', home_unit: '', target: '2', issued: '2', returned: '2', counted: '2', percent: '100.0' });
    const j = (await app.inject({ url: `${BASE}/quotas`, headers: bearer(token) })).json();
    expect(j[2]).toEqual({ group: 'G2', home_unit: 'SB', target: 1, issued: 1, returned: 0, counted: 0, percent: 0 });
    const conflicts = await app.inject({ url: `${BASE}/conflicts`, headers: bearer(token) });
    expect(conflicts.json()).toEqual([]);
  });

  it('the workbook holds scores, summary and quotas as the CSV files, numbers as numbers, for people in Vietnamese', async () => {
    const res = await app.inject({ url: `${BASE}/workbook.xlsx`, headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    // Issue 10: the workbook is read by people: Vietnamese sheet names, headings, levels and data statuses.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Điểm theo tiêu chí', 'Tổng hợp theo đơn vị', 'Tiến độ theo chỉ tiêu']);
    const shown = (col: string, text: string) => (col === 'level' ? levelName(text) : col === 'status' ? cellStatusName(text) : text);
    for (const [sheet, path, decimals] of [
      ['Điểm theo tiêu chí', 'scores', { max_points: 2, points: 2, fraction: 6 }],
      ['Tổng hợp theo đơn vị', 'summary', { survey_points: 2, survey_max: 2 }],
      ['Tiến độ theo chỉ tiêu', 'quotas', { percent: 1 }],
    ] as const) {
      const fromCsv = csv((await app.inject({ url: `${BASE}/${path}?format=csv`, headers: bearer(token) })).body);
      const ws = wb.getWorksheet(sheet)!;
      const header = Object.keys(fromCsv[0]);
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(header.map((k) => HEADINGS_VI[k]));
      expect(ws.rowCount - 1).toBe(fromCsv.length);
      fromCsv.forEach((row, i) => {
        const cells = (ws.getRow(i + 2).values as unknown[]).slice(1);
        header.forEach((col, k) => {
          const v = cells[k];
          const d = (decimals as Record<string, number>)[col];
          if (typeof v === 'number') {
            // A number in the workbook reads as the CSV text once shown with the campaign's decimals.
            expect(d === undefined ? String(v) : v.toFixed(d), `${sheet} ${col} row ${i + 2}`).toBe(row[col]);
          } else expect(v ?? '', `${sheet} ${col} row ${i + 2}`).toBe(shown(col, row[col]));
        });
      });
    }
    const scores = wb.getWorksheet('Điểm theo tiêu chí')!;
    expect(scores.getCell('C2').value).toBe('Sở, ban, ngành');
    expect(scores.getCell('G2').value).toBe(1.35);
    expect(scores.getCell('G2').numFmt).toBe('0.00');
    expect(scores.getCell('E2').value).toBe('Chỉ đạo điều hành CCHC');
  });

  it('anonymised answers: no serials, stable response ids, one row per settled cell, with a codebook', async () => {
    const first = csv((await app.inject({ url: `${BASE}/answers?format=csv`, headers: bearer(token) })).body);
    const again = csv((await app.inject({ url: `${BASE}/answers?format=csv`, headers: bearer(token) })).body);
    expect(Object.keys(first[0])).toEqual(['response_id', 'group', 'home_unit', 'form', 'unit', 'question', 'answer', 'fraction']);
    expect(first).toHaveLength(6 + 6 + 3);
    expect(again).toEqual(first);
    const ids = new Set(first.map((r) => r.response_id));
    expect(ids.size).toBe(3);
    const serials = app.db.$client.prepare('select serial, access_code from form_instances').all() as { serial: string; access_code: string }[];
    const body = JSON.stringify(first);
    for (const s of serials) {
      expect(body).not.toContain(`"${s.serial}"`);
      expect(body).not.toContain(s.access_code);
    }
    const g2 = first.filter((r) => r.group === 'G2');
    expect(g2.map((r) => [r.home_unit, r.unit, r.question, r.answer, r.fraction])).toEqual([
      ['SA', 'SA', '1', '4', '0'],
      ['SA', 'SA', '2', '1', '1'],
      ['SA', 'SA', '3', '3', '0.2'],
    ]);
    expect(first.find((r) => r.answer === '9')!.fraction).toBe('');
    expect(first.filter((r) => r.answer === '')).toHaveLength(1);

    const codebook = csv((await app.inject({ url: `${BASE}/codebook?format=csv`, headers: bearer(token) })).body);
    expect(Object.keys(codebook[0])).toEqual(['section', 'parent', 'code', 'label', 'detail']);
    expect(codebook.filter((r) => r.section === 'column').map((r) => r.code)).toEqual(Object.keys(first[0]));
    expect(codebook).toContainEqual(
      expect.objectContaining({ section: 'question', parent: 'F1', code: '3', label: 'Thủ tục hành chính được công khai đầy đủ' }),
    );
    expect(codebook).toContainEqual(expect.objectContaining({ section: 'option', parent: 'MD4', code: '9', label: 'Không biết' }));
    expect(codebook).toContainEqual(expect.objectContaining({ section: 'group', code: 'G1', label: 'Đại biểu HĐND tỉnh' }));

    const xlsx = await app.inject({ url: `${BASE}/answers.xlsx`, headers: bearer(token) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['answers', 'codebook']);
    expect(wb.getWorksheet('answers')!.rowCount).toBe(first.length + 1);
  });

  it('keyer accuracy as JSON: cells keyed per keyer and the ones a resolution changed', async () => {
    const accuracy = async () => {
      const res = await app.inject({ url: `${BASE}/accuracy`, headers: bearer(token) });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      return res.json();
    };
    // Seeded: lan and minh keyed the same 3 forms (15 cells) identically, so nothing was changed.
    expect(await accuracy()).toEqual([
      { keyer: 'lan', forms: 3, cells: 15, changed: 0, changed_per_thousand: 0, accuracy_percent: 100 },
      { keyer: 'minh', forms: 3, cells: 15, changed: 0, changed_per_thousand: 0, accuracy_percent: 100 },
    ]);

    // The fourth form keyed twice with one difference, settled with minh's answer: one of lan's 18 cells was changed.
    const c = getCampaign(app.db, 'MINI-2026')!;
    const { serial } = app.db.$client.prepare("select serial from form_instances where group_code = 'G2' and home_unit = 'SB'").get() as { serial: string };
    for (const [pass, operator, third] of [
      [1, 'lan', '3'],
      [2, 'minh', '4'],
    ] as const) {
      const cells = [
        ['1', '1'],
        ['2', '2'],
        ['3', third],
      ].map(([question, answer], i) => ({ row: i + 2, cells: { serial, unit: '', question, answer } }));
      const out = importKeyedRows(app.db, c, cells, { pass, operator, fileName: `g2b-${pass}.csv` });
      if (!out.ok) throw new Error(JSON.stringify(out.problems));
    }
    expect(resolveCell(app.db, c, { serial, unit: '', question: '3', answer: '4', operator: 'hoa' })).toMatchObject({ ok: true, settled: 'counted' });
    // lan: 1 of 18 changed → 1000 / 18 = 55.56 per thousand, 17 / 18 = 94.44 % as keyed.
    expect(await accuracy()).toEqual([
      { keyer: 'lan', forms: 4, cells: 18, changed: 1, changed_per_thousand: 55.56, accuracy_percent: 94.44 },
      { keyer: 'minh', forms: 4, cells: 18, changed: 0, changed_per_thousand: 0, accuracy_percent: 100 },
    ]);
  });

  it('lists campaigns', async () => {
    const res = await app.inject({ url: '/api/v1/campaigns', headers: bearer(token) });
    expect(res.json()).toEqual([expect.objectContaining({ code: 'MINI-2026', counted: 3 })]);
  });
});
