/** The keying desk and paper back office over inject(): serial checks, blind double entry, reconciliation, invalid forms, roles. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyerAccuracy } from '../../db/accuracy.repo';
import type { StoredCampaign } from '../../db/campaigns.repo';
import { ledgerForms, listForms } from '../../db/forms.repo';
import { formInstances } from '../../db/schema';
import { makeSerial } from '../../surveys/serial';
import { buildTestApp, cookieOf, loginAs, postForm } from '../helpers/app';
import { seedCampaign, serialsOf } from '../helpers/seed';
import { importKeyedRows } from '../../db/entry.repo';
import { DAMM, SERIAL_WIDTH } from '../../surveys/serial';
import { eq } from 'drizzle-orm';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let c: StoredCampaign;
let serials: { g1a: string; g1b: string; g2a: string; g2b: string };

beforeEach(async () => {
  app = await buildTestApp();
  let forms;
  ({ c, forms } = seedCampaign(app.db));
  const [g1a, g1b] = serialsOf(forms, 'G1', null);
  serials = { g1a, g1b, g2a: serialsOf(forms, 'G2', 'SA')[0], g2b: serialsOf(forms, 'G2', 'SB')[0] };
});
afterEach(() => app.close());

/** The desk page's CSRF token (sent back in the csrf-token header). */
async function desk(cookie: string) {
  const page = await app.inject({ method: 'GET', url: '/entry?campaign=MINI-2026', headers: { cookie } });
  expect(page.statusCode).toBe(200);
  const token = /data-csrf="([^"]+)"/.exec(page.body)![1];
  return { page, token };
}

const FORM1 = { 'SA/1': '1', 'SA/2': '2', 'SA/3': '9', 'SB/1': '2', 'SB/2': '4', 'SB/3': '' };
const cellsOf = (m: Record<string, string>) => Object.entries(m).map(([k, answer]) => ({ unit: k.split('/')[0], question: k.split('/')[1], answer }));

async function key(cookie: string, serial: string, cells: Record<string, string>) {
  const { token } = await desk(cookie);
  return app.inject({
    method: 'POST',
    url: `/entry/form/MINI-2026/${serial}/pass`,
    headers: { cookie, 'csrf-token': token },
    payload: { cells: cellsOf(cells) },
  });
}

describe('keying desk', () => {
  it('serves the desk page with its script and the keys explained', async () => {
    const lan = await loginAs(app, 'lan', 'keyer');
    const { page } = await desk(lan);
    expect(page.body).toContain('<script src="/static/entry.js" defer></script>');
    expect(page.body).toContain('data-campaign="MINI-2026"');
    expect(page.body).toContain('Backspace');
    const js = await app.inject({ method: 'GET', url: '/static/entry.js' });
    expect(js.statusCode).toBe(200);
    // The serial check's table and width reach the script from surveys/serial.ts only: the page carries them.
    const carried = /data-serial-rule="([^"]+)"/.exec(page.body)![1].replaceAll('&quot;', '"');
    expect(JSON.parse(carried)).toEqual({ damm: DAMM, minLength: SERIAL_WIDTH + 1 });
    expect(js.body).not.toMatch(/\[\s*0,\s*3,\s*1,\s*7/);
  });

  it('catches a wrong check character before anything else', async () => {
    const lan = await loginAs(app, 'lan', 'keyer');
    const wrong = serials.g1a.slice(0, -1) + String((Number(serials.g1a.at(-1)) + 1) % 10);
    const res = await app.inject({ method: 'GET', url: `/entry/form/MINI-2026/${wrong}`, headers: { cookie: lan } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toContain('sai ký tự kiểm tra');
  });

  it('answers an unknown serial with 404 in Vietnamese', async () => {
    const lan = await loginAs(app, 'lan', 'keyer');
    const res = await app.inject({ method: 'GET', url: `/entry/form/MINI-2026/${makeSerial(999)}`, headers: { cookie: lan } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe(`Không có phiếu số ${makeSerial(999)} trong đợt điều tra này.`);
  });

  it('shows the form heading and matrix for pass 1, in paper order', async () => {
    const lan = await loginAs(app, 'lan', 'keyer');
    const res = await app.inject({ method: 'GET', url: `/entry/form/MINI-2026/${serials.g2a}`, headers: { cookie: lan } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      serial: serials.g2a,
      pass: 1,
      formCode: 'F1',
      groupName: 'Công chức các sở',
      homeName: 'Sở An',
      units: [{ code: 'SA', name: 'Sở An' }],
      blankKeys: [' ', '0'],
      pages: [{ units: [0], questions: [0, 1, 2] }],
    });
  });

  it('stores pass 1 with the login as operator, then gives pass 2 blind to another keyer', async () => {
    const lan = await loginAs(app, 'lan', 'keyer');
    const saved = await key(lan, serials.g1a, FORM1);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ ok: true, pass: 1, formStatus: 'keyed_once' });
    expect(ledgerForms(app.db, c.id).get(serials.g1a)!.pass1Operator).toBe('lan');

    const minh = await loginAs(app, 'minh', 'keyer');
    const view = await app.inject({ method: 'GET', url: `/entry/form/MINI-2026/${serials.g1a}`, headers: { cookie: minh } });
    expect(view.statusCode).toBe(200);
    const body = view.json();
    expect(body.pass).toBe(2);
    // Blind: nothing but heading and matrix; no keyed value, no keyer.
    expect(Object.keys(body).sort()).toEqual([
      'blankKeys',
      'doubleEntry',
      'formCode',
      'formTitle',
      'groupName',
      'homeName',
      'options',
      'pages',
      'pass',
      'questions',
      'serial',
      'units',
    ]);
    expect(view.body).not.toContain('"lan"');
    expect(view.body).not.toMatch(/answer|cells|values/);
  });

  it('refuses pass 2 by the pass-1 keyer with a clear message', async () => {
    const lan = await loginAs(app, 'lan', 'keyer');
    expect((await key(lan, serials.g1a, FORM1)).statusCode).toBe(200);
    const view = await app.inject({ method: 'GET', url: `/entry/form/MINI-2026/${serials.g1a}`, headers: { cookie: lan } });
    expect(view.statusCode).toBe(409);
    expect(view.json().error).toContain('Lượt 2 phải do một nhân viên khác nhập');
    const again = await key(lan, serials.g1a, FORM1);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toContain('Lượt 2 phải do một nhân viên khác nhập');
  });

  it("refuses the person who loaded pass 1 under another keyer's name as soon as they open the form (one pass rule)", async () => {
    // Pass 1 loaded from a console upload by the admin an, naming the keyer lan as operator.
    const rows = cellsOf(FORM1).map((cell, i) => ({ row: i + 2, cells: { serial: serials.g1a, ...cell } }));
    expect(importKeyedRows(app.db, c, rows, { pass: 1, operator: 'lan', fileName: 'lan.csv', by: 'an' }).ok).toBe(true);
    const an = await loginAs(app, 'an', 'admin');
    const view = await app.inject({ method: 'GET', url: `/entry/form/MINI-2026/${serials.g1a}`, headers: { cookie: an } });
    expect(view.statusCode).toBe(409);
    expect(view.json().error).toBe(`Tài khoản này đã nạp lượt 1 của phiếu ${serials.g1a}. Lượt 2 phải do một người khác nạp (nhập hai lần độc lập).`);
    const save = await key(an, serials.g1a, FORM1);
    expect(save.statusCode).toBe(409);
    expect(save.json().error).toBe(view.json().error);
    expect(ledgerForms(app.db, c.id).get(serials.g1a)!.pass2Operator).toBeNull();
  });

  it('counts a form when pass 2 agrees, and refuses a third keying', async () => {
    const lan = await loginAs(app, 'lan', 'keyer');
    const minh = await loginAs(app, 'minh', 'keyer');
    await key(lan, serials.g1a, FORM1);
    const second = await key(minh, serials.g1a, FORM1);
    expect(second.json()).toMatchObject({ pass: 2, formStatus: 'counted' });
    const hoa = await loginAs(app, 'hoa', 'keyer');
    const third = await app.inject({ method: 'GET', url: `/entry/form/MINI-2026/${serials.g1a}`, headers: { cookie: hoa } });
    expect(third.statusCode).toBe(409);
    expect(third.json().error).toContain('đã được nhập đủ hai lượt');
  });

  it('refuses a form already counted from the web', async () => {
    app.db.update(formInstances).set({ status: 'counted', countedFrom: 'web' }).where(eq(formInstances.serial, serials.g1b)).run();
    const lan = await loginAs(app, 'lan', 'keyer');
    const view = await app.inject({ method: 'GET', url: `/entry/form/MINI-2026/${serials.g1b}`, headers: { cookie: lan } });
    expect(view.statusCode).toBe(409);
    expect(view.json().error).toContain('đã được trả lời trực tuyến');
    expect((await key(lan, serials.g1b, FORM1)).statusCode).toBe(409);
  });

  it('refuses an incomplete form and a post without the CSRF header', async () => {
    const lan = await loginAs(app, 'lan', 'keyer');
    const short = await key(lan, serials.g1a, { 'SA/1': '1' });
    expect(short.statusCode).toBe(400);
    // The keyed-file checker counts what is missing, in the words the console uses for keyed files.
    expect(short.json().error).toBe(`Không lưu được phiếu ${serials.g1a}: Phiếu ${serials.g1a}: thiếu 5 ô (ví dụ SA 2)`);
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/entry/form/MINI-2026/${serials.g1a}/pass`,
      headers: { cookie: lan },
      payload: { cells: cellsOf(FORM1) },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(ledgerForms(app.db, c.id).get(serials.g1a)!.pass1Operator).toBeNull();
  });

  it('lists wrong, repeated, foreign and missing cells in Vietnamese with 400, and stores nothing', async () => {
    const lan = await loginAs(app, 'lan', 'keyer');
    const { token } = await desk(lan);
    const res = await app.inject({
      method: 'POST',
      url: `/entry/form/MINI-2026/${serials.g2a}/pass`,
      headers: { cookie: lan, 'csrf-token': token },
      payload: {
        cells: [
          { unit: 'SA', question: '1', answer: '7' },
          { unit: 'SA', question: '1', answer: '1' },
          { unit: 'SX', question: '1', answer: '' },
          { unit: 'SB', question: '2', answer: '1' },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    const s = serials.g2a;
    expect(res.json().error).toBe(
      `Không lưu được phiếu ${s}: ` +
        [
          'Dòng 1: "7" không phải phương án của bộ MD4 (1, 2, 3, 4, 9; để trống nếu ô trống, "*" nếu ô hỏng)',
          `Dòng 2: trùng với dòng 1 (phiếu ${s}, đơn vị SA, câu 1)`,
          `Dòng 3: không có đơn vị mã "SX" (phiếu ${s} đánh giá: SA)`,
          `Dòng 4: phiếu ${s} không đánh giá đơn vị "SB" (phiếu đánh giá: SA)`,
          `Phiếu ${s}: thiếu 2 ô (ví dụ SA 2)`,
        ].join('; '),
    );
    expect(ledgerForms(app.db, c.id).get(s)).toMatchObject({ status: 'issued', pass1Operator: null });
  });

  it('takes a form keyed with blanks and spoiled cells', async () => {
    const lan = await loginAs(app, 'lan', 'keyer');
    const saved = await key(lan, serials.g2a, { 'SA/1': '1', 'SA/2': '*', 'SA/3': '' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ ok: true, pass: 1, formStatus: 'keyed_once' });
  });
});

describe('reconciliation', () => {
  async function conflicted() {
    const lan = await loginAs(app, 'lan', 'keyer');
    const minh = await loginAs(app, 'minh', 'keyer');
    await key(lan, serials.g1a, FORM1);
    const p2 = await key(minh, serials.g1a, { ...FORM1, 'SA/2': '3', 'SB/3': '*' });
    expect(p2.json()).toMatchObject({ pass: 2, formStatus: 'conflict' });
  }

  it('lists the form and shows each differing cell with both values side by side', async () => {
    await conflicted();
    const hoa = await loginAs(app, 'hoa', 'supervisor');
    const list = await app.inject({ method: 'GET', url: '/entry/conflicts?campaign=MINI-2026', headers: { cookie: hoa } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/entry/conflicts/MINI-2026/${serials.g1a}`);
    const page = await app.inject({ method: 'GET', url: `/entry/conflicts/MINI-2026/${serials.g1a}`, headers: { cookie: hoa } });
    expect(page.body).toContain('2 – Tốt');
    expect(page.body).toContain('3 – Trung bình');
    expect(page.body).toContain('để trống');
    expect(page.body).toContain('hỏng (*)');
    expect(page.body.match(/name="d\.[^"]+" value="pass1"/g)).toHaveLength(2);
  });

  it('settles with one decision per cell and the form counts', async () => {
    await conflicted();
    const hoa = await loginAs(app, 'hoa', 'supervisor');
    const partial = await postForm(app, { from: `/entry/conflicts/MINI-2026/${serials.g1a}`, cookie: hoa, fields: { 'd.SA.2': 'pass2' } });
    expect(partial.statusCode).toBe(303);
    expect(ledgerForms(app.db, c.id).get(serials.g1a)!.status).toBe('conflict');
    const done = await postForm(app, { from: `/entry/conflicts/MINI-2026/${serials.g1a}`, cookie: hoa, fields: { 'd.SB.3': 'other', 'o.SB.3': '4' } });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toContain('outcome=counted');
    expect(ledgerForms(app.db, c.id).get(serials.g1a)!.status).toBe('counted');

    // Accuracy: lan keyed SA/2 = 2 (changed to 3) and SB/3 blank (changed to 4): 2 changes; minh only SB/3 (* → 4).
    const acc = keyerAccuracy(app.db, c.id);
    expect(acc.map((r) => [r.keyer, r.forms, r.cells, r.changed])).toEqual([
      ['lan', 1, 6, 2],
      ['minh', 1, 6, 1],
    ]);
    const report = await app.inject({ method: 'GET', url: '/entry/accuracy?campaign=MINI-2026', headers: { cookie: hoa } });
    expect(report.body).toContain('<td class="num">333,33</td><td class="num">66,67</td>');
  });

  it('takes a value chosen in «another value» without its button (a browser without JavaScript) and says how many decisions it stored', async () => {
    await conflicted();
    const hoa = await loginAs(app, 'hoa', 'supervisor');
    const res = await postForm(app, { from: `/entry/conflicts/MINI-2026/${serials.g1a}`, cookie: hoa, fields: { 'o.SA.2': '4' } });
    expect(res.statusCode).toBe(303);
    const after = await app.inject({ method: 'GET', url: res.headers.location as string, headers: { cookie: hoa } });
    expect(after.body).toContain('Đã lưu 1 quyết định. Còn 1 ô lệch cần đối chiếu.');
    expect(after.body).not.toContain('name="d.SA.2"');

    // A ticked pass beside a chosen other value is refused, naming the cell; nothing is stored.
    const both = await postForm(app, {
      from: after,
      to: `/entry/conflicts/MINI-2026/${serials.g1a}`,
      cookie: hoa,
      fields: { 'd.SB.3': 'pass1', 'o.SB.3': '4' },
    });
    expect(both.statusCode).toBe(400);
    expect(both.body).toContain('Ô SB / câu 3: đã chọn lượt 1 và cả giá trị khác');
    expect(ledgerForms(app.db, c.id).get(serials.g1a)!.status).toBe('conflict');
  });

  it('re-shows the page with an error and the choices kept when "other" has no code', async () => {
    await conflicted();
    const hoa = await loginAs(app, 'hoa', 'admin');
    const res = await postForm(app, {
      from: `/entry/conflicts/MINI-2026/${serials.g1a}`,
      cookie: hoa,
      fields: { 'd.SA.2': 'pass1', 'd.SB.3': 'other', 'o.SB.3': '' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('hãy chọn mã khác');
    expect(res.body).toMatch(/name="d\.SA\.2" value="pass1" checked/);
    expect(ledgerForms(app.db, c.id).get(serials.g1a)!.status).toBe('conflict');
  });
});

describe('invalid forms and the ledger', () => {
  it('marks a form invalid with a listed reason and shows it in the ledger', async () => {
    const hoa = await loginAs(app, 'hoa', 'supervisor');
    const page = await app.inject({ method: 'GET', url: '/entry/ledger?campaign=MINI-2026', headers: { cookie: hoa } });
    expect(page.body).toContain('Phiếu bị tẩy xóa, hư hỏng');
    const res = await postForm(app, {
      from: page,
      to: '/entry/invalidate',
      cookie: hoa,
      fields: { campaign: 'MINI-2026', serial: serials.g2b, reason: 'Nộp sau hạn' },
    });
    expect(res.statusCode).toBe(303);
    const f = listForms(app.db, c.id).find((x) => x.serial === serials.g2b)!;
    expect([f.status, f.invalidReason]).toEqual(['invalid', 'Nộp sau hạn']);
    const ledger = await app.inject({ method: 'GET', url: res.headers.location as string, headers: { cookie: hoa } });
    expect(ledger.body).toContain(`Đã đánh dấu phiếu ${serials.g2b} không hợp lệ`);
    expect(ledger.body).toMatch(new RegExp(`${serials.g2b}</td>.*Không hợp lệ</td><td>Nộp sau hạn`));
  });

  it('takes a free-text reason and refuses a wrong serial, keeping what was typed', async () => {
    const hoa = await loginAs(app, 'hoa', 'admin');
    const page = await app.inject({ method: 'GET', url: '/entry/ledger?campaign=MINI-2026', headers: { cookie: hoa } });
    const bad = await postForm(app, {
      from: page,
      to: '/entry/invalidate',
      cookie: hoa,
      fields: { campaign: 'MINI-2026', serial: '000014', reason: 'other', other: 'Phiếu photo' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('sai ký tự kiểm tra');
    expect(bad.body).toContain('value="Phiếu photo"');
    const ok = await postForm(app, {
      from: bad,
      to: '/entry/invalidate',
      cookie: hoa,
      fields: { campaign: 'MINI-2026', serial: serials.g1b, reason: 'other', other: 'Phiếu photo' },
    });
    expect(ok.statusCode).toBe(303);
    expect(listForms(app.db, c.id).find((x) => x.serial === serials.g1b)!.invalidReason).toBe('Phiếu photo');
    // An invalid form cannot be keyed.
    const lan = await loginAs(app, 'lan', 'keyer');
    const view = await app.inject({ method: 'GET', url: `/entry/form/MINI-2026/${serials.g1b}`, headers: { cookie: lan } });
    expect(view.statusCode).toBe(409);
  });

  it('refuses an unknown, a void or an already invalid form in Vietnamese', async () => {
    app.db.update(formInstances).set({ status: 'void' }).where(eq(formInstances.serial, serials.g1b)).run();
    app.db.update(formInstances).set({ status: 'invalid', invalidReason: 'Phiếu trùng' }).where(eq(formInstances.serial, serials.g2a)).run();
    const hoa = await loginAs(app, 'hoa', 'supervisor');
    let page = await app.inject({ method: 'GET', url: '/entry/ledger?campaign=MINI-2026', headers: { cookie: hoa } });
    for (const [serial, message] of [
      [makeSerial(999), `Không có phiếu số ${makeSerial(999)} trong đợt điều tra này.`],
      [serials.g1b, `Phiếu ${serials.g1b} đã bị hủy.`],
      [serials.g2a, `Phiếu ${serials.g2a} đã được đánh dấu không hợp lệ.`],
    ]) {
      const res = await postForm(app, { from: page, to: '/entry/invalidate', cookie: hoa, fields: { campaign: 'MINI-2026', serial, reason: 'Nộp sau hạn' } });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(message);
      page = res;
    }
    expect(listForms(app.db, c.id).find((x) => x.serial === serials.g2a)!.invalidReason).toBe('Phiếu trùng');
  });
});

describe('roles', () => {
  it.each(['/entry/conflicts', '/entry/ledger', '/entry/accuracy', '/admin/print', '/admin/print/counts.csv?campaign=MINI-2026'])(
    'a keyer cannot reach %s',
    async (url) => {
      const lan = await loginAs(app, 'lan', 'keyer');
      expect((await app.inject({ method: 'GET', url, headers: { cookie: lan } })).statusCode).toBe(403);
    },
  );

  it('a keyer cannot post a decision or an invalidation', async () => {
    const lan = await loginAs(app, 'lan', 'keyer');
    const { token } = await desk(lan);
    const r1 = await app.inject({ method: 'POST', url: `/entry/conflicts/MINI-2026/${serials.g1a}`, headers: { cookie: lan }, payload: { _csrf: token } });
    const r2 = await app.inject({
      method: 'POST',
      url: '/entry/invalidate',
      headers: { cookie: lan },
      payload: { _csrf: token, campaign: 'MINI-2026', serial: serials.g1a, reason: 'Phiếu trùng' },
    });
    expect([r1.statusCode, r2.statusCode]).toEqual([403, 403]);
  });

  it('sends a visitor without a session to the login page', async () => {
    const res = await app.inject({ method: 'GET', url: '/entry' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?next=%2Fentry');
    const api = await app.inject({ method: 'GET', url: `/entry/form/MINI-2026/${serials.g1a}` });
    expect(api.statusCode).toBe(302);
  });

  it("answers the desk's JSON calls with 401 JSON when the session has expired, so the page can say so", async () => {
    const accept = { accept: 'application/json' };
    const open = await app.inject({ method: 'GET', url: `/entry/form/MINI-2026/${serials.g1a}`, headers: accept });
    expect(open.statusCode).toBe(401);
    expect(open.json().error).toContain('Phiên đăng nhập đã hết hạn');
    const save = await app.inject({ method: 'POST', url: `/entry/form/MINI-2026/${serials.g1a}/pass`, headers: accept, payload: { cells: cellsOf(FORM1) } });
    expect(save.statusCode).toBe(401);
    expect(save.json().error).toContain('đăng nhập lại');
  });

  it('lets an admin use the desk too', async () => {
    const an = await loginAs(app, 'an', 'admin');
    const { page } = await desk(an);
    expect(page.body).toContain('Đối chiếu');
    expect(cookieOf(page)).toBeDefined();
  });
});
