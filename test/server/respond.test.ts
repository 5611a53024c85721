/** The web questionnaire through inject(): every state of /r/<code>, drafts, submission, duplicates, CSRF, escaping and guessing. */
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { importKeyedRows } from '../../db/entry.repo';
import type { FormRow } from '../../db/forms.repo';
import { auditLog, formInstances, submissionCells, submissions } from '../../db/schema';
import { formatAccessCode } from '../../surveys/access-code';
import { buildTestApp, cookieOf, csrfOf } from '../helpers/app';
import { seedCampaign } from '../helpers/seed';

type App = Awaited<ReturnType<typeof buildTestApp>>;
let app: App;
afterEach(() => app?.close());

/** An app on a fresh database with the mini campaign (optionally changed) loaded and issued for the web. */
async function setup(change?: (json: Record<string, any>) => void) {
  app = await buildTestApp();
  const { c, forms } = seedCampaign(app.db, { patch: change, channel: 'mixed' });
  // G1 forms rate both departments (2 units × 3 questions); G2 forms rate their own department only.
  return { c, g1: forms.filter((f) => f.groupCode === 'G1'), g2: forms.filter((f) => f.groupCode === 'G2') };
}

const FULL = { 'a.SA.1': '1', 'a.SA.2': '2', 'a.SA.3': '9', 'a.SB.1': '3', 'a.SB.2': '4', 'a.SB.3': '2' };

async function open(code: string) {
  const res = await app.inject({ method: 'GET', url: `/r/${code}` });
  return { res, cookie: cookieOf(res), csrf: res.statusCode === 200 ? csrfOf(res.body) : '' };
}

async function post(code: string, page: { cookie: string; csrf: string }, fields: Record<string, string>) {
  return app.inject({ method: 'POST', url: `/r/${code}`, headers: { cookie: page.cookie }, payload: { _csrf: page.csrf, ...fields } });
}

const formRow = (id: number): FormRow => app.db.select().from(formInstances).where(eq(formInstances.id, id)).get()!;
const kinds = (formId: number) =>
  app.db
    .select()
    .from(submissions)
    .where(eq(submissions.formId, formId))
    .all()
    .map((s) => s.kind);
const isChecked = (html: string, field: string, value: string) => new RegExp(`name="${field.replace(/\./g, '\\.')}" value="${value}" checked`).test(html);

describe('finding a form by access code', () => {
  it('puts a code box on the home page that redirects to the form, ignoring case and hyphens', async () => {
    const { g1 } = await setup();
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.body).toContain('action="/r"');
    const typed = ' ' + formatAccessCode(g1[0].accessCode).toLowerCase() + ' ';
    const res = await app.inject({ method: 'POST', url: '/r', payload: { code: typed } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/r/${formatAccessCode(g1[0].accessCode)}`);
    for (const spelling of [g1[0].accessCode, g1[0].accessCode.toLowerCase(), formatAccessCode(g1[0].accessCode)]) {
      expect((await app.inject({ method: 'GET', url: `/r/${spelling}` })).statusCode).toBe(200);
    }
  });

  it('shows the heading, the instructions and the matrix with the paper codes, and never asks for a name', async () => {
    const { g1 } = await setup();
    const { res } = await open(g1[0].accessCode);
    expect(res.statusCode).toBe(200);
    for (const text of ['Tỉnh Thử', 'Điều tra thử nghiệm', 'F1', 'Phiếu thử', 'Đại biểu HĐND tỉnh', 'Toàn tỉnh', 'Câu 1.', 'Sở An', 'Sở Bình', 'Không biết']) {
      expect(res.body).toContain(text);
    }
    // The form's paper instruction ("Đánh dấu một ô…") is left off the screen, which gives its own.
    expect(res.body).not.toMatch(/đánh dấu/i);
    for (const [field, value] of Object.entries(FULL)) expect(res.body).toContain(`name="${field}" value="${value}"`);
    expect(res.body.match(/<section class="question"/g)).toHaveLength(3);
    expect(res.body.match(/<fieldset class="cell"/g)).toHaveLength(6);
    // Anonymous: the only inputs are the radios and two hidden fields (the CSRF token, the place to come back to), nothing to type a name into.
    const start = res.body.indexOf('<form method="post" action="/r/');
    expect(start).toBeGreaterThanOrEqual(0);
    const form = res.body.slice(start);
    // Every <input> of the form, whatever the order of its attributes: 30 radios and the two hidden fields.
    const types = [...form.matchAll(/<input\b[^>]*>/g)].map((m) => /\btype="(\w+)"/.exec(m[0])?.[1] ?? 'text');
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((t) => t === 'radio' || t === 'hidden')).toBe(true);
    expect(types.filter((t) => t === 'radio')).toHaveLength(30);
    expect(types.filter((t) => t === 'hidden')).toHaveLength(2);
    expect(form).not.toMatch(/<textarea|<select/);
    // Every radio has a label tied to it.
    const ids = [...res.body.matchAll(/<input type="radio" id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(30);
    for (const id of ids) expect(res.body).toContain(`for="${id}"`);
  });

  it('names the home unit of a group drawn from units', async () => {
    const { g2 } = await setup();
    const { res } = await open(g2[0].accessCode);
    expect(res.body).toContain('Công chức các sở');
    expect(res.body.match(/<fieldset class="cell"/g)).toHaveLength(3);
  });

  it('answers an unknown code with a Vietnamese 404 page and the code box again', async () => {
    await setup();
    const res = await app.inject({ method: 'GET', url: '/r/ABCD-EFGH-JKMN' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Không tìm thấy phiếu');
    expect(res.body).toContain('value="ABCD-EFGH-JKMN"');
  });

  it('slows down repeated wrong codes (429), for right codes too, while right codes alone are never limited', async () => {
    const { g1 } = await setup();
    for (let i = 0; i < 40; i++) expect((await app.inject({ method: 'GET', url: `/r/${g1[0].accessCode}` })).statusCode).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await app.inject({ method: 'GET', url: `/r/WRONG${i}CODE` })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const blocked = await app.inject({ method: 'GET', url: `/r/${g1[0].accessCode}` });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Quá nhiều lần nhập sai');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not affected.
    const other = await app.inject({ method: 'GET', url: `/r/${g1[0].accessCode}`, remoteAddress: '10.0.0.7' });
    expect(other.statusCode).toBe(200);
  });

  it('keeps paper-only forms off the web, politely', async () => {
    const { g1 } = await setup();
    app.db.update(formInstances).set({ channel: 'paper' }).where(eq(formInstances.id, g1[0].id)).run();
    const res = await app.inject({ method: 'GET', url: `/r/${g1[0].accessCode}` });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Phiếu chỉ trả lời trên giấy');
    expect(res.body).not.toContain('name="a.');
  });

  it('says a void form is no longer valid', async () => {
    const { g1 } = await setup();
    app.db.update(formInstances).set({ status: 'void' }).where(eq(formInstances.id, g1[0].id)).run();
    expect((await app.inject({ method: 'GET', url: `/r/${g1[0].accessCode}` })).statusCode).toBe(410);
  });
});

describe('drafts', () => {
  it('keeps a draft as a web_draft record, marks the form draft, and shows every saved answer on return', async () => {
    const { g1, c } = await setup();
    const code = g1[0].accessCode;
    const page = await open(code);
    const res = await post(code, page, { 'a.SA.1': '2', 'a.SB.3': '9', action: 'save' });
    expect(res.statusCode).toBe(303);
    // Without a place sent by the page's script, back to the first cell still empty: question 1, Sở Bình.
    expect(res.headers.location).toBe(`/r/${formatAccessCode(code)}?saved=1#c1-0`);
    expect(formRow(g1[0].id).status).toBe('draft');
    const subs = app.db.select().from(submissions).where(eq(submissions.formId, g1[0].id)).all();
    expect(subs).toMatchObject([{ kind: 'web_draft', actor: 'respondent', definitionVersion: c.version }]);
    const back = await app.inject({ method: 'GET', url: res.headers.location as string });
    expect(back.body).toMatch(/Đã lưu tạm lúc \d\d\/\d\d\/20\d\d \d\d:\d\d\./);
    expect(isChecked(back.body, 'a.SA.1', '2')).toBe(true);
    expect(isChecked(back.body, 'a.SB.3', '9')).toBe(true);
    expect(back.body.match(/ checked>/g)).toHaveLength(2);
    expect(back.body).toContain('Đã trả lời <span class="n">2</span>/6 ô');
    // A later draft replaces what is shown, and both records stay.
    const again = await post(code, await open(code), { 'a.SA.1': '3', action: 'save' });
    expect(again.statusCode).toBe(303);
    const last = await open(code);
    expect(isChecked(last.res.body, 'a.SA.1', '3')).toBe(true);
    expect(isChecked(last.res.body, 'a.SB.3', '9')).toBe(false);
    expect(kinds(g1[0].id)).toEqual(['web_draft', 'web_draft']);
  });

  it('brings the person back to the cell they were at after saving, not to the top of the page', async () => {
    const { g1 } = await setup();
    const code = g1[0].accessCode;
    const page = await open(code);
    // The page's script sends the cell on screen; the server keeps only ids of this form's cells and questions.
    const cases: [string, string][] = [
      ['c1-2', '#c1-2'],
      ['q1', '#q1'],
      ['c2-0', '#c0-0'],
      ['q3', '#c0-0'],
      ['javascript:alert(1)', '#c0-0'],
      ['', '#c0-0'],
    ];
    for (const [where, anchor] of cases) {
      const res = await post(code, page, { at: where, action: 'save' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/r/${formatAccessCode(code)}?saved=1${anchor}`);
    }
    // Everything answered and no place sent: to the bar with "Gửi phiếu".
    const full = await post(code, page, { ...FULL, action: 'save' });
    expect(full.headers.location).toBe(`/r/${formatAccessCode(code)}?saved=1#gui`);
  });

  it('says when the draft was saved in Vietnam time, written 29/11/2026 14:04', async () => {
    const { g1 } = await setup();
    const code = g1[0].accessCode;
    const res = await post(code, await open(code), { 'a.SA.1': '2', action: 'save' });
    app.db.update(submissions).set({ createdAt: '2026-11-29T07:04:59.000Z' }).where(eq(submissions.formId, g1[0].id)).run();
    const back = await app.inject({ method: 'GET', url: res.headers.location as string });
    expect(back.body).toContain('Đã lưu tạm lúc 29/11/2026 14:04.');
    // The "next unanswered" link points at the first empty cell without JavaScript.
    expect(back.body).toContain('<a class="next-empty" id="next-empty" href="#c1-0">');
  });

  it('refuses a crafted post with unknown cells or non-options, storing nothing and keeping the rest', async () => {
    const { g1 } = await setup();
    const code = g1[0].accessCode;
    const res = await post(code, await open(code), { 'a.SA.1': '2', 'a.SZ.1': '1', 'a.SB.1': '8', action: 'save' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('không phải là một phương án');
    expect(isChecked(res.body, 'a.SA.1', '2')).toBe(true);
    expect(kinds(g1[0].id)).toEqual([]);
  });
});

describe('submitting', () => {
  it('shows errors in place for missing cells, keeps every typed answer and saves them as a draft', async () => {
    const { g1 } = await setup();
    const code = g1[0].accessCode;
    const typed = { 'a.SA.1': '1', 'a.SA.2': '2', 'a.SB.1': '9', 'a.SB.3': '4' };
    const res = await post(code, await open(code), { ...typed, action: 'submit' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Phiếu chưa được gửi: còn 2 ô cần xem lại');
    for (const [field, value] of Object.entries(typed)) expect(isChecked(res.body, field, value)).toBe(true);
    expect(res.body.match(/ checked>/g)).toHaveLength(4);
    // SA.3 is unit 0 × question 2, SB.2 unit 1 × question 1.
    expect(res.body).toContain('<fieldset class="cell has-error" id="c0-2">');
    expect(res.body).toContain('<fieldset class="cell has-error" id="c1-1">');
    expect(res.body).toContain('href="#c0-2"');
    expect(res.body.match(/has-error/g)).toHaveLength(2);
    expect(res.body).toContain('Chưa trả lời');
    expect(kinds(g1[0].id)).toEqual(['web_draft']);
    expect(formRow(g1[0].id).status).toBe('draft');
  });

  it('takes a complete form once: thank-you page, counted from the web, then 409 on GET and POST', async () => {
    const { g1, c } = await setup();
    const code = g1[0].accessCode;
    const page = await open(code);
    const res = await post(code, page, { ...FULL, 'a.SA.1': '1', action: 'submit' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Trân trọng cảm ơn Ông/Bà!');
    const f = formRow(g1[0].id);
    expect(f).toMatchObject({ status: 'counted', countedFrom: 'web' });
    const sub = app.db.select().from(submissions).where(eq(submissions.id, f.finalSubmissionId!)).get()!;
    expect(sub).toMatchObject({ kind: 'web_submit', actor: 'respondent', definitionVersion: c.version });
    const cells = app.db.select().from(submissionCells).where(eq(submissionCells.submissionId, sub.id)).all();
    expect(Object.fromEntries(cells.map((x) => [`a.${x.unit}.${x.question}`, x.answer]))).toEqual(FULL);

    const get = await app.inject({ method: 'GET', url: `/r/${code}` });
    expect(get.statusCode).toBe(409);
    expect(get.body).toContain('Phiếu đã được gửi');
    const again = await post(code, page, { ...FULL, action: 'submit' });
    expect(again.statusCode).toBe(409);
    const save = await post(code, page, { ...FULL, action: 'save' });
    expect(save.statusCode).toBe(409);
    expect(kinds(g1[0].id)).toEqual(['web_submit']);
  });

  it('lets a campaign with allowBlanks take an incomplete form, still judged by the blank-share rule', async () => {
    const { g1 } = await setup((j) => (j.allowBlanks = true));
    const a = await post(g1[0].accessCode, await open(g1[0].accessCode), { 'a.SA.1': '1', 'a.SA.2': '1', 'a.SA.3': '1', action: 'submit' });
    expect(a.statusCode).toBe(200);
    expect(formRow(g1[0].id).status).toBe('counted'); // 3 of 6 blank: exactly at the share counts
    const b = await post(g1[1].accessCode, await open(g1[1].accessCode), { 'a.SA.1': '1', action: 'submit' });
    expect(b.statusCode).toBe(200);
    expect(formRow(g1[1].id)).toMatchObject({ status: 'invalid', countedFrom: null });
    expect((await app.inject({ method: 'GET', url: `/r/${g1[1].accessCode}` })).statusCode).toBe(409);
  });

  it('refuses a form already counted from paper with 409 and records the duplicate in the audit log', async () => {
    const { g1, c } = await setup();
    const code = g1[0].accessCode;
    const page = await open(code); // opened before the paper was keyed
    const rows = Object.entries(FULL).map(([k, answer], i) => {
      const [, unit, question] = k.split('.');
      return { row: i + 2, cells: { serial: g1[0].serial, unit, question, answer } };
    });
    expect(importKeyedRows(app.db, c, rows, { pass: 1, operator: 'lan', fileName: 'p1.csv' }).ok).toBe(true);
    expect(importKeyedRows(app.db, c, rows, { pass: 2, operator: 'minh', fileName: 'p2.csv' }).ok).toBe(true);
    expect(formRow(g1[0].id)).toMatchObject({ status: 'counted', countedFrom: 'paper' });

    const res = await post(code, page, { ...FULL, action: 'submit' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Phiếu đã được nhận bản giấy');
    const dup = app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'web.duplicate'), eq(auditLog.campaignId, c.id)))
      .all();
    expect(dup).toHaveLength(1);
    expect(dup[0].detail).toMatchObject({ serial: g1[0].serial, countedFrom: 'paper' });
    expect(kinds(g1[0].id)).toEqual(['pass1', 'pass2']);
    expect((await app.inject({ method: 'GET', url: `/r/${code}` })).statusCode).toBe(409);
  });

  it('refuses a post without a valid CSRF token (403), storing nothing but giving the answers back', async () => {
    const { g1 } = await setup();
    const code = g1[0].accessCode;
    const page = await open(code);
    const none = await app.inject({ method: 'POST', url: `/r/${code}`, headers: { cookie: page.cookie }, payload: { ...FULL, action: 'submit' } });
    expect(none.statusCode).toBe(403);
    const forged = await app.inject({ method: 'POST', url: `/r/${code}`, payload: { ...FULL, _csrf: page.csrf, action: 'submit' } });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('Phiên làm việc đã hết hạn');
    expect(isChecked(forged.body, 'a.SB.2', '4')).toBe(true);
    expect(kinds(g1[0].id)).toEqual([]);
    // The fresh token on that page works.
    const retry = await post(code, { cookie: cookieOf(forged), csrf: csrfOf(forged.body) }, { ...FULL, action: 'submit' });
    expect(retry.statusCode).toBe(200);
  });

  it('counts exactly one of 50 simultaneous submissions of one code; the rest get 409', async () => {
    const { g1 } = await setup();
    const code = g1[0].accessCode;
    const page = await open(code);
    const results = await Promise.all(Array.from({ length: 50 }, () => post(code, page, { ...FULL, action: 'submit' })));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(kinds(g1[0].id)).toEqual(['web_submit']);
    expect(formRow(g1[0].id)).toMatchObject({ status: 'counted', countedFrom: 'web' });
  });
});

describe('one form of address, Vietnamese times, no paper instructions', () => {
  const ADDRESSES = /Ông\/Bà|Quý vị/g;
  const used = (html: string) => [...new Set(html.match(ADDRESSES) ?? [])];

  it('addresses the respondent as Ông/Bà on every page of a campaign that does, and says when the form was sent', async () => {
    const { g1 } = await setup(
      (j) => (j.forms[0].intro = 'Sở Nội vụ trân trọng đề nghị Ông/Bà cho biết ý kiến. Ông/Bà đánh dấu (X) vào một ô. Xin cảm ơn Ông/Bà!'),
    );
    const code = g1[0].accessCode;
    const page = await open(code);
    expect(used(page.res.body)).toEqual(['Ông/Bà']);
    expect(page.res.body).toContain('Sở Nội vụ trân trọng đề nghị Ông/Bà cho biết ý kiến. Xin cảm ơn Ông/Bà!');
    expect(page.res.body).not.toMatch(/đánh dấu|\(X\)/i);
    const missing = await post(code, page, { 'a.SA.1': '1', action: 'submit' });
    expect(used(missing.body)).toEqual(['Ông/Bà']);
    const thanks = await post(code, page, { ...FULL, action: 'submit' });
    expect(thanks.statusCode).toBe(200);
    expect(used(thanks.body)).toEqual(['Ông/Bà']);
    expect(thanks.body).toMatch(/đã được gửi thành công lúc \d\d\/\d\d\/20\d\d \d\d:\d\d /);
    const closed = await app.inject({ method: 'GET', url: `/r/${code}` });
    expect(closed.statusCode).toBe(409);
    expect(used(closed.body)).toEqual(['Ông/Bà']);
  });

  it('follows a campaign whose texts say Quý vị', async () => {
    const { g1 } = await setup((j) => (j.forms[0].intro = 'Kính mời Quý vị cho biết ý kiến.'));
    const page = await open(g1[0].accessCode);
    expect(used(page.res.body)).toEqual(['Quý vị']);
    const thanks = await post(g1[0].accessCode, page, { ...FULL, action: 'submit' });
    expect(used(thanks.body)).toEqual(['Quý vị']);
  });
});

describe('escaping', () => {
  it('shows HTML in unit names, question texts, titles and intro as text', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { g1 } = await setup((j) => {
      j.units[0].name = `Sở <b>An</b> ${evil}`;
      j.forms[0].questions[0].text = `Câu <script>alert(1)</script>`;
      j.forms[0].title = `Phiếu ${evil}`;
      j.forms[0].intro = `<i>intro</i>`;
      j.groups[0].name = `Nhóm ${evil}`;
      j.province = `Tỉnh ${evil}`;
    });
    const { res } = await open(g1[0].accessCode);
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('<b>An</b>');
    expect(res.body).not.toContain('<i>intro</i>');
    expect(res.body).toContain('Sở &lt;b&gt;An&lt;/b&gt;');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('anonymous posts cost little (issue 11, item 2)', () => {
  const stored = () => app.db.select().from(submissions).all().length;

  it('refuses 80,000 bogus fields without a CSRF token with a short 413, before reading the body, without the form', async () => {
    const { g1 } = await setup();
    const code = formatAccessCode(g1[0].accessCode);
    const payload = Array.from({ length: 80_000 }, (_, i) => `a.X${i}.1=1`).join('&');
    const res = await app.inject({ method: 'POST', url: `/r/${code}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('lớn hơn phiếu này có thể có');
    // The questionnaire is not rendered back from what was posted.
    expect(res.body).not.toContain('name="a.SA.1"');
    expect(stored()).toBe(0);
  });

  it('bounds a body that comes without a length (chunked) by the same size', async () => {
    const { g1 } = await setup();
    const body = Array.from({ length: 5_000 }, (_, i) => `a.X${i}.1=1`).join('&');
    const res = await app.inject({
      method: 'POST',
      url: `/r/${g1[0].accessCode}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: Readable.from([Buffer.from(body)]),
    });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('lớn hơn phiếu này có thể có');
    expect(stored()).toBe(0);
  });

  it('refuses more fields than the form has cells (6 cells: at most 14 fields), even in a small body', async () => {
    const { g1 } = await setup();
    const page = await open(g1[0].accessCode);
    const extra = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`x${i}`, '1']));
    const res = await post(g1[0].accessCode, page, { action: 'save', ...FULL, ...extra });
    expect(res.statusCode).toBe(413);
    expect(stored()).toBe(0);
    // The same answers without the extra fields are taken.
    expect((await post(g1[0].accessCode, page, { action: 'save', ...FULL })).statusCode).toBe(303);
  });

  it('limits the posts one access code takes, whichever client sends them; other codes are not slowed', async () => {
    const { g1 } = await setup();
    const [busy, other] = [g1[0].accessCode, g1[1].accessCode];
    const codes: number[] = [];
    for (let i = 0; i < 61; i++) {
      const res = await app.inject({ method: 'POST', url: `/r/${busy}`, remoteAddress: `198.51.100.${(i % 200) + 1}`, payload: { action: 'save' } });
      codes.push(res.statusCode);
    }
    // 60 posts are weighed as usual (refused for their missing token), the 61st is refused before anything else.
    expect(codes.slice(0, 60).every((s) => s === 403)).toBe(true);
    expect(codes[60]).toBe(429);
    const page = await open(other);
    expect((await post(other, page, { action: 'save', ...FULL })).statusCode).toBe(303);
  });
});
