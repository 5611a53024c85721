/** The console's keyed-file upload with inject(): a real multipart post, both passes, every refusal, and nothing written by a bad file. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/audit.repo';
import { addUser } from '../../db/users.repo';
import type { FormRow } from '../../db/forms.repo';
import { MAX_KEYED_UPLOAD } from '../../server/routes/admin-keyed.routes';
import { buildTestApp, csrfOf, loginAs, postForm } from '../helpers/app';
import { seedCampaign } from '../helpers/seed';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let admin: string;
let supervisor: string;
let forms: FormRow[];
const PAGE = '/admin/campaigns/MINI-2026/keyed';

beforeEach(async () => {
  app = await buildTestApp();
  admin = await loginAs(app, 'an', 'admin');
  supervisor = await loginAs(app, 'binh', 'supervisor');
  // Operators of a console upload are keyer accounts (issue 11): lan and minh key on paper.
  for (const name of ['lan', 'minh']) expect((await addUser(app.db, name, 'keyer', 'mật-khẩu-dài', 'test')).ok).toBe(true);
  ({ forms } = seedCampaign(app.db));
});
afterEach(() => app.close());

/** The keyed CSV of whole forms: every rated unit × questions 1–3, answer `answer` (a function of the cell). */
function keyed(fs: FormRow[], answer = (_unit: string, q: string) => q, sep = ','): string {
  const lines = ['serial,unit,question,answer'.replaceAll(',', sep)];
  for (const f of fs) for (const u of f.targets) for (const q of ['1', '2', '3']) lines.push([f.serial, u, q, answer(u, q)].join(sep));
  return lines.join('\r\n') + '\r\n';
}

/** POSTs fields and a file to the upload route as multipart/form-data, the encoding a browser uses for the form. */
async function postMultipart(cookie: string, fields: Record<string, string>, file?: { bytes: string | Uint8Array; name: string }) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append('file', new Blob([typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes)]), file.name);
  const encoded = new Request('http://localhost/', { method: 'POST', body });
  return app.inject({
    method: 'POST',
    url: PAGE,
    headers: { cookie, 'content-type': encoded.headers.get('content-type')! },
    payload: Buffer.from(await encoded.arrayBuffer()),
  });
}

/** Posts the upload form as a browser does, with the page's CSRF token unless told otherwise. */
async function upload(file: string | Buffer | null, fields: Record<string, string>, opts: { cookie?: string; csrf?: boolean; fileName?: string } = {}) {
  const cookie = opts.cookie ?? admin;
  const page = await app.inject({ url: PAGE, headers: { cookie } });
  const csrf: Record<string, string> = opts.csrf === false ? {} : { _csrf: csrfOf(page.body) };
  return postMultipart(cookie, { ...csrf, ...fields }, file === null ? undefined : { bytes: file, name: opts.fileName ?? 'lan-pass1.csv' });
}

const count = (table: string) => (app.db.$client.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
const status = (serial: string) => (app.db.$client.prepare('select status from form_instances where serial = ?').get(serial) as { status: string }).status;

describe('keyed file upload', () => {
  it('shows the format, both passes of a double-entry campaign and the keyer name to fill in', async () => {
    const res = await app.inject({ url: PAGE, headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<code>serial,unit,question,answer</code>');
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toMatch(/name="pass" value="2"/);
    expect(res.body).toContain('Chưa nạp tệp nào');
    expect((await app.inject({ url: '/admin/campaigns/MINI-2026', headers: { cookie: admin } })).body).toContain(`href="${PAGE}"`);
  });

  it('loads pass 1 and pass 2 from two keyers; the forms count; the uploader and the keyer are both recorded', async () => {
    const two = forms.slice(0, 2);
    const first = await upload(keyed(two), { pass: '1', operator: 'lan' });
    expect(first.statusCode).toBe(303);
    const shown = await app.inject({ url: first.headers.location as string, headers: { cookie: admin } });
    expect(shown.body).toContain('Đã nạp tệp lan-pass1.csv: 12 ô, lượt 1, người nhập lan.');
    expect(two.map((f) => status(f.serial))).toEqual(['keyed_once', 'keyed_once']);

    // Pass 2 as Excel in a `;` locale writes it: BOM, semicolons.
    // Loaded by another signed-in person than pass 1 (the supervisor), as double entry needs.
    const second = await upload('\uFEFF' + keyed(two, undefined, ';'), { pass: '2', operator: 'minh' }, { fileName: 'minh-pass2.csv', cookie: supervisor });
    expect(second.statusCode).toBe(303);
    expect(two.map((f) => status(f.serial))).toEqual(['counted', 'counted']);
    const list = (await app.inject({ url: PAGE, headers: { cookie: admin } })).body;
    expect(list).toMatch(/<td>minh-pass2.csv<\/td><td class="num">2<\/td><td>minh<\/td><td class="num">12<\/td>/);
    expect(list.indexOf('minh-pass2.csv')).toBeLessThan(list.indexOf('lan-pass1.csv'));
    const entry = listAudit(app.db).find((a) => a.action === 'entry.import')!;
    expect(entry.actor).toBe('binh');
    expect(entry.detail).toMatchObject({ file: 'minh-pass2.csv', pass: 2, operator: 'minh', forms: 2, cells: 12 });
  });

  it('lists every problem of a bad file by row and writes nothing', async () => {
    const before = { submissions: count('submission_cells'), batches: count('import_batches'), audit: count('audit_log') };
    const text = keyed(forms.slice(0, 1), (u, q) => (u === 'SB' && q === '2' ? '7' : q)).replace(forms[0].serial, 'ZZ-0000');
    const res = await upload(text, { pass: '1', operator: 'lan' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Tệp chưa được nạp, không có gì được ghi.');
    expect(res.body).toContain('<li>Dòng 2: số phiếu &quot;ZZ-0000&quot; chỉ được có chữ số</li>');
    expect(res.body).toContain('<li>Phiếu 000013: thiếu 1 ô (SA 1)</li>');
    expect(res.body).toMatch(/<li>Dòng \d+: &quot;7&quot; không phải phương án của bộ MD4/);
    expect(res.body).toContain('<option selected>lan</option>');
    expect({ submissions: count('submission_cells'), batches: count('import_batches'), audit: count('audit_log') }).toEqual(before);
  });

  it('refuses pass 2 by the keyer of pass 1, a file that is not UTF-8, a wrong header, and a post without a file or keyer', async () => {
    const one = forms.slice(0, 1);
    expect((await upload(keyed(one), { pass: '1', operator: 'lan' })).statusCode).toBe(303);
    const same = await upload(keyed(one), { pass: '2', operator: 'lan' });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain(`lượt 2 của phiếu ${one[0].serial} phải do một người khác nhập, không phải người đã nhập lượt 1 (lan)`);

    const cp1258 = Buffer.concat([Buffer.from('serial,unit,question,answer\r\n'), Buffer.from([0x53, 0xd4, 0x20, 0xf2, 0x0d, 0x0a])]);
    const notUtf8 = await upload(cp1258, { pass: '1', operator: 'lan' });
    expect(notUtf8.statusCode).toBe(400);
    expect(notUtf8.body).toContain('Tệp không phải văn bản UTF-8');

    const header = await upload('ma,don_vi,cau,tra_loi\r\n', { pass: '1', operator: 'lan' });
    expect(header.statusCode).toBe(400);
    expect(header.body).toContain('Dòng 1: dòng tiêu đề phải là &quot;serial,unit,question,answer&quot;');

    const noFile = await upload(null, { pass: '1', operator: ' ' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.body).toContain('Chọn tệp CSV.');
    expect(noFile.body).toContain('Chọn người đã nhập tệp này.');
    expect(count('import_batches')).toBe(1);
  });

  it('words every refusal in Vietnamese, a header with two quote problems too', async () => {
    const res = await upload('"serial"x,unit,question,"answer\r\n', { pass: '1', operator: 'lan' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Dòng 1: có ô còn chữ sau dấu ngoặc kép đóng');
    expect(res.body).toContain('Dòng 1: có ô mở dấu ngoặc kép &quot; mà không đóng');
    expect(res.body).not.toMatch(/quoted field|never closed|closing quote/);
    expect(count('import_batches')).toBe(0);
  });

  it('shows a file name and a keyer name holding markup as text', async () => {
    const res = await upload(keyed(forms.slice(0, 1)), { pass: '1', operator: 'lan' }, { fileName: '<img src=x onerror=alert(1)>.csv' });
    expect(res.statusCode).toBe(303);
    const page = (await app.inject({ url: res.headers.location as string, headers: { cookie: admin } })).body;
    expect(page).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;.csv');
    expect(page).not.toContain('<img src=x');
    // A crafted operator name is no account: refused, and shown as text.
    const crafted = await upload(keyed(forms.slice(1, 2)), { pass: '1', operator: '<b>lan</b>' });
    expect(crafted.statusCode).toBe(400);
    expect(crafted.body).toContain('&lt;b&gt;lan&lt;/b&gt;');
    expect(crafted.body).not.toContain('<b>lan</b>');
  });

  it('takes operators only from keyer accounts, and an admin can add one who keys offline, without a login', async () => {
    const one = forms.slice(0, 1);
    const unknown = await upload(keyed(one), { pass: '1', operator: 'hoà' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('không phải là tài khoản người nhập phiếu');
    expect(count('import_batches')).toBe(0);
    // Admins and supervisors are not operators of an upload either.
    expect((await upload(keyed(one), { pass: '1', operator: 'binh' })).statusCode).toBe(400);

    const users = await app.inject({ url: '/admin/users', headers: { cookie: admin } });
    const added = await postForm(app, { from: users, to: '/admin/users/offline', cookie: admin, fields: { name: 'Hoà' } });
    expect(added.statusCode).toBe(302);
    expect((await app.inject({ url: PAGE, headers: { cookie: admin } })).body).toContain('<option>Hoà</option>');
    // Typed decomposed (a + U+0300), it is the same account, stored in the account's spelling.
    expect((await upload(keyed(one), { pass: '1', operator: 'hoa\u0300' })).statusCode).toBe(303);
    expect(app.db.$client.prepare('select operator from import_batches').get()).toEqual({ operator: 'Hoà' });
    // A keyer account whose password was never shown: a login with the others' password, or the name, is refused.
    expect(app.db.$client.prepare("select role from users where name = 'Hoà'").get()).toEqual({ role: 'keyer' });
    for (const password of ['mật-khẩu-dài', 'Hoà']) {
      const tried = await postForm(app, { from: '/login', fields: { name: 'Hoà', password } });
      expect(tried.statusCode).toBe(401);
    }
  });

  it('refuses both passes of a form loaded by one signed-in person, whatever operator names they give (issue 11)', async () => {
    const two = forms.slice(0, 2);
    expect((await upload(keyed(two), { pass: '1', operator: 'lan' })).statusCode).toBe(303);
    const again = await upload(keyed(two), { pass: '2', operator: 'minh' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain(`lượt 2 của phiếu ${two[0].serial} phải do một người khác nạp, không phải người đã nạp lượt 1 (an)`);
    expect(two.map((f) => status(f.serial))).toEqual(['keyed_once', 'keyed_once']);
    // The same file from the supervisor's login counts.
    expect((await upload(keyed(two), { pass: '2', operator: 'minh' }, { cookie: supervisor })).statusCode).toBe(303);
    expect(two.map((f) => status(f.serial))).toEqual(['counted', 'counted']);
  });

  it('stops a file over the limit with a message that points to the CLI', async () => {
    const res = await upload(Buffer.alloc(MAX_KEYED_UPLOAD + 1, 0x41), { pass: '1', operator: 'lan' });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('entry import');
    expect(count('import_batches')).toBe(0);
  });

  it('refuses a post without the CSRF token, and keyers altogether', async () => {
    const noToken = await upload(keyed(forms.slice(0, 1)), { pass: '1', operator: 'lan' }, { csrf: false });
    expect(noToken.statusCode).toBe(403);
    const keyer = await loginAs(app, 'lan', 'keyer');
    expect((await app.inject({ url: PAGE, headers: { cookie: keyer } })).statusCode).toBe(403);
    const page = await app.inject({ url: '/entry', headers: { cookie: keyer } });
    const res = await postMultipart(keyer, { _csrf: csrfOf(page.body), pass: '1', operator: 'lan' }, { bytes: keyed(forms.slice(0, 1)), name: 'x.csv' });
    expect(res.statusCode).toBe(403);
    expect(count('import_batches')).toBe(0);
  });

  it('refuses a keyer and a stranger before reading an oversized file: no 413 console page, no crash', async () => {
    await upload(keyed(forms.slice(0, 1)), { pass: '1', operator: 'lan' });
    const big = (cookie: string) => postMultipart(cookie, { pass: '1', operator: 'lan' }, { bytes: new Uint8Array(MAX_KEYED_UPLOAD + 1024), name: 'big.csv' });
    const consolePage = (html: string) => {
      // Nothing of the upload page: its title, the file list, a CSRF field.
      expect(html).not.toContain('Nạp tệp phiếu đã nhập');
      expect(html).not.toContain('lan-pass1.csv');
      expect(html).not.toContain('entry import');
      expect(html).not.toContain('name="_csrf"');
    };
    const keyer = await loginAs(app, 'lan', 'keyer');
    const asKeyer = await big(keyer);
    expect(asKeyer.statusCode).toBe(403);
    expect(asKeyer.body).toContain('Tài khoản đang đăng nhập không có quyền truy cập trang này.');
    consolePage(asKeyer.body.replace(/<form method="post" action="\/logout"[\s\S]*?<\/form>/, ''));

    const stranger = await big('');
    expect(stranger.statusCode).toBe(401);
    expect(stranger.body).toContain('Vui lòng đăng nhập.');
    consolePage(stranger.body);
    expect(count('import_batches')).toBe(1);
  });
});
