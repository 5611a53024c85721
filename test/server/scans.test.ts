/** The scan routes with inject() and a constructed reader: the console upload (roles before the body, progress, the result and every problem in Vietnamese), the verification screen and its posts, the row crops, and the reconciliation of a machine pass showing them. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importKeyedRows } from '../../db/entry.repo';
import { getFormBySerial } from '../../db/forms.repo';
import type { PageReading } from '../../surveys/omr/reading';
import { buildTestApp, cookieOf, csrfOf, loginAs, postForm } from '../helpers/app';
import { multipartBody } from '../helpers/multipart';
import { fakeDeps, readCell, readPageOf, scanPng, scanTiff } from '../helpers/scans';
import { seedCampaign, serialsOf } from '../helpers/seed';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let a = '';
let b = '';
let readings: PageReading[] = [];
const UPLOAD = '/admin/campaigns/MINI-2026/scans';
const VERIFY = '/entry/verify?campaign=MINI-2026';

// Forms a and b of group G1 (SA, SB × questions 1–3) on two pages each; b's SA/1 is faint and SA/3 has two marks.
function scan(a: string, b: string): PageReading[] {
  const p1 = (sa1: string, faint: boolean) => [
    readCell('SA', '1', sa1, 40, faint ? 'faint' : undefined),
    readCell('SB', '1', '2', 50),
    readCell('SA', '2', '3', 60),
    readCell('SB', '2', '', 70),
  ];
  const p2 = (several: boolean) => [readCell('SA', '3', '*', 40, several ? 'several' : undefined), readCell('SB', '3', '9', 50)];
  return [
    readPageOf(a, 1, 2, p1('1', false)),
    readPageOf(b, 2, 2, p2(true)),
    readPageOf(a, 2, 2, p2(false)),
    readPageOf(b, 1, 2, p1('4', true)),
    { ok: false, problem: { kind: 'qr-not-found' } },
  ];
}

async function setup(scanCompletion: 'verify' | 'doubleEntry') {
  const db = (await import('../../db/open')).openDb(':memory:');
  const { forms } = seedCampaign(db, { patch: (raw) => (raw.scanCompletion = scanCompletion) });
  [a, b] = serialsOf(forms, 'G1', null);
  readings = scan(a, b);
  app = await buildTestApp(db, { SCANS_PATH: mkdtempSync(join(tmpdir(), 'scans-')) }, fakeDeps(readings));
}
afterEach(() => app.close());

async function upload(cookie: string, fields: Record<string, string>, file?: { bytes: Uint8Array; name: string }) {
  const page = await app.inject({ url: UPLOAD, headers: { cookie } });
  const { contentType, payload } = await multipartBody({ ...fields, _csrf: csrfOf(page.body) }, file ? [file] : []);
  return app.inject({ method: 'POST', url: UPLOAD, headers: { cookie: cookieOf(page) || cookie, 'content-type': contentType }, payload });
}

/** The upload page once its job has ended (the job runs in the background; each look is one request, no clock involved). */
async function finished(cookie: string): Promise<LightMyRequestResponse> {
  for (let i = 0; i < 500; i++) {
    const res = await app.inject({ url: UPLOAD, headers: { cookie } });
    if (!res.headers.refresh) return res;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('the scan job did not end');
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replaceAll('&quot;', '"')
    .trim();

describe('console upload', () => {
  beforeEach(() => setup('verify'));

  it('reads the file in the background, then says what was read, what waits for a person and every page it could not use', async () => {
    const cookie = await loginAs(app, 'hoa', 'supervisor');
    const res = await upload(cookie, { scannedBy: 'Thu' }, { bytes: await scanTiff(readings), name: 'lo 1.tif' });
    expect([res.statusCode, res.headers.location]).toEqual([303, UPLOAD]);
    const page = text((await finished(cookie)).body);
    expect(page).toContain('Đã đọc 5 trang');
    expect(page).toContain('2 phiếu thành một lượt nhập của máy (lượt 1: 2, lượt 2: 0); 2 ô chờ người xác nhận.');
    expect(page).toContain('Trang chưa dùng được (1)');
    expect(page).toContain('Tệp lo 1.tif, trang 5: không đọc được trang: không tìm thấy mã QR');
    expect(getFormBySerial(app.db, 1, a)).toMatchObject({ status: 'counted' });
    expect(getFormBySerial(app.db, 1, b)).toMatchObject({ status: 'keyed_once' });
  });

  it('refuses a file that is not a scan, and a form without the scanner’s name, in Vietnamese; nothing written', async () => {
    const cookie = await loginAs(app, 'an', 'admin');
    const none = await upload(cookie, { scannedBy: '' }, { bytes: await scanTiff(readings), name: 'a.tif' });
    expect([none.statusCode, text(none.body).includes('Ghi tên người đã quét phiếu.')]).toEqual([400, true]);
    await upload(cookie, { scannedBy: 'Thu' }, { bytes: new TextEncoder().encode('serial,unit,question,answer\n'), name: 'nhap.csv' });
    expect(text((await finished(cookie)).body)).toContain('Tệp chưa được nạp, không có gì được ghi. Các lỗi: Tệp nhap.csv không phải PDF, TIFF, PNG hay JPEG.');
    expect(getFormBySerial(app.db, 1, a)).toMatchObject({ status: 'issued' });
  });

  it('a keyer is refused before the body is read', async () => {
    const cookie = await loginAs(app, 'lan', 'keyer');
    const { contentType, payload } = await multipartBody({ scannedBy: 'Thu' }, [{ bytes: await scanTiff(readings), name: 'a.tif' }]);
    const res = await app.inject({ method: 'POST', url: UPLOAD, headers: { cookie, 'content-type': contentType }, payload });
    expect(res.statusCode).toBe(403);
  });
});

describe('console upload: a stack loaded again, several files, a refusal after an upload (issue 15, findings 7, 8, 9, 17)', () => {
  beforeEach(() => setup('verify'));

  it('the same stack loaded twice: its pages are listed as already read (when, which file), apart from the pages a rescan helps', async () => {
    const cookie = await loginAs(app, 'hoa', 'supervisor');
    const tiff = await scanTiff(readings);
    await upload(cookie, { scannedBy: 'Thu' }, { bytes: tiff, name: 'lo-1.tif' });
    await finished(cookie);
    await upload(cookie, { scannedBy: 'Thu' }, { bytes: tiff, name: 'lo-1 lan 2.tif' });
    const page = text((await finished(cookie)).body);
    expect(page).toContain('0 phiếu thành một lượt nhập của máy');
    expect(page).toMatch(/Quét lại các trang này \(1\) .* Tệp lo-1 lan 2\.tif, trang 5: không đọc được trang: không tìm thấy mã QR Không cần quét lại \(4\)/);
    const when = /trang 1: trang này đã được đọc lúc (\d\d\/\d\d\/\d{4} \d\d:\d\d) \(tệp lo-1\.tif\)/.exec(page);
    expect(when).not.toBeNull();
    for (const n of [2, 3, 4]) expect(page).toContain(`Tệp lo-1 lan 2.tif, trang ${n}: trang này đã được đọc lúc ${when![1]} (tệp lo-1.tif)`);
    expect(page).not.toContain('phải do một người khác nhập');
  });

  it('names who scanned (typed on the form) beside who loaded (signed in)', async () => {
    const cookie = await loginAs(app, 'hoa', 'supervisor');
    await upload(cookie, { scannedBy: 'Nguyễn Thu' }, { bytes: await scanTiff(readings), name: 'lo.tif' });
    expect(text((await finished(cookie)).body)).toMatch(/Bắt đầu lúc \d\d\/\d\d\/\d{4} \d\d:\d\d; người quét Nguyễn Thu, người nạp hoa\./);
  });

  it('takes several files in one upload (one PNG a page): a form whose pages are in different files is read', async () => {
    const cookie = await loginAs(app, 'hoa', 'supervisor');
    const form = await app.inject({ url: UPLOAD, headers: { cookie } });
    expect(form.body).toMatch(/<input type="file" id="scan-file" name="file"[^>]* multiple/);
    // The picker worded in Vietnamese («Chọn tệp…», the chosen files' names) by admin.js, as on the console's other uploads.
    expect(form.body).toContain('<script src="/static/admin.js" defer></script>');
    const pngs = await Promise.all([0, 1, 2, 3].map(async (i) => ({ bytes: await scanPng(readings, i), name: `trang-${i + 1}.png` })));
    const { contentType, payload } = await multipartBody({ scannedBy: 'Thu', _csrf: csrfOf(form.body) }, pngs);
    const res = await app.inject({ method: 'POST', url: UPLOAD, headers: { cookie: cookieOf(form) || cookie, 'content-type': contentType }, payload });
    expect(res.statusCode).toBe(303);
    const page = text((await finished(cookie)).body);
    expect(page).toContain('4 tệp: trang-1.png, trang-2.png, trang-3.png, trang-4.png');
    expect(page).toContain('Đã đọc 4 trang');
    expect(page).toContain('2 phiếu thành một lượt nhập của máy (lượt 1: 2, lượt 2: 0)');
    expect(getFormBySerial(app.db, 1, a)).toMatchObject({ status: 'counted' });
  });

  it('a form whose pages come in two uploads: the first keeps its page, the second reads the form with it', async () => {
    const cookie = await loginAs(app, 'hoa', 'supervisor');
    await upload(cookie, { scannedBy: 'Thu' }, { bytes: await scanPng(readings, 0), name: 'trang-1.png' });
    const first = text((await finished(cookie)).body);
    expect(first).toContain(
      `Tệp trang-1.png, trang 1: phiếu ${a} thiếu trang 2 (trong 2 trang); phiếu chưa được đọc: các trang đã có được giữ lại, phiếu sẽ được đọc khi nạp trang 2`,
    );
    expect(getFormBySerial(app.db, 1, a)).toMatchObject({ status: 'issued' });
    // Listed as waiting, from any upload (the CLI's too), until its page comes.
    expect(first).toMatch(
      new RegExp(
        `Phiếu chờ trang còn thiếu \\(1\\) .* Phiếu ${a}: đã có trang 1 \\(trong 2 trang; tệp trang-1\\.png, lúc \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d\\), còn thiếu trang 2\\.`,
      ),
    );
    await upload(cookie, { scannedBy: 'Lan' }, { bytes: await scanPng(readings, 2), name: 'trang-2.png' });
    const second = text((await finished(cookie)).body);
    expect(second).toContain('1 phiếu thành một lượt nhập của máy');
    expect(second).not.toContain('thiếu trang');
    expect(second).not.toContain('Phiếu chờ trang còn thiếu');
    expect(getFormBySerial(app.db, 1, a)).toMatchObject({ status: 'counted' });
    // Page 1's cells came from the first upload, as read then: its row crop is the first upload's image.
    const pagesOfA = app.db.$client.prepare('SELECT file_name, scanned_by, batch_id IS NOT NULL AS used FROM scan_pages WHERE serial = ? ORDER BY id').all(a);
    expect(pagesOfA).toEqual([
      { file_name: 'trang-1.png', scanned_by: 'Thu', used: 0 },
      { file_name: 'trang-2.png', scanned_by: 'Lan', used: 1 },
      { file_name: 'trang-1.png', scanned_by: 'Thu', used: 1 },
    ]);
    const crop = await app.inject({ url: `/entry/scan-crop/MINI-2026/${a}/SA/1`, headers: { cookie } });
    expect(crop.statusCode).toBe(200);
  });

  // A tester's findings: the completing upload did not say where the form's other page came from; a rescan of page 1
  // later was «already read» in the file and at the time of the upload that completed the form; a page twice beside a
  // page missing asked for the missing one only, and the doubled page was then missing.
  it('a form completed across uploads says so; its pages read before are named by their own file; a page twice is asked for again', async () => {
    const cookie = await loginAs(app, 'hoa', 'supervisor');
    const both = async (files: { bytes: Uint8Array; name: string }[]) => {
      const form = await app.inject({ url: UPLOAD, headers: { cookie } });
      const { contentType, payload } = await multipartBody({ scannedBy: 'Thu', _csrf: csrfOf(form.body) }, files);
      await app.inject({ method: 'POST', url: UPLOAD, headers: { cookie: cookieOf(form) || cookie, 'content-type': contentType }, payload });
      return text((await finished(cookie)).body);
    };
    await both([{ bytes: await scanPng(readings, 0), name: 'a-1.png' }]);
    const second = await both([{ bytes: await scanPng(readings, 2), name: 'a-2.png' }]);
    expect(second).toMatch(new RegExp(`Phiếu ${a} được đọc cùng trang 1 đã nạp trước \\(tệp a-1\\.png, lúc \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d\\)\\.`));
    const again = await both([{ bytes: await scanPng(readings, 0), name: 'a-1 lan 2.png' }]);
    expect(again).toContain('(tệp a-1.png), phiếu');
    // Form b: page 1 twice and page 2 once; page 2 is kept, page 1 asked for again, once.
    const twice = await both([
      { bytes: await scanPng(readings, 3), name: 'b-1.png' },
      { bytes: await scanPng(readings, 3), name: 'b-1 lan 2.png' },
      { bytes: await scanPng(readings, 1), name: 'b-2.png' },
    ]);
    expect(twice).toContain(
      `phiếu ${b} có trang 1 quét hai lần; phiếu chưa được đọc: các trang đã có được giữ lại, phiếu sẽ được đọc khi nạp trang 1 (mỗi trang một lần)`,
    );
    const done = await both([{ bytes: await scanPng(readings, 3), name: 'b-1 lan 3.png' }]);
    expect(done).toContain(`Phiếu ${b} được đọc cùng trang 2 đã nạp trước (tệp b-2.png`);
  });

  it('a refusal of the new upload comes first, apart from the earlier upload, which is labelled as such', async () => {
    const cookie = await loginAs(app, 'hoa', 'supervisor');
    await upload(cookie, { scannedBy: 'Thu' }, { bytes: await scanTiff(readings), name: 'stack.tif' });
    await finished(cookie);
    const refused = await upload(cookie, { scannedBy: '' }, { bytes: await scanTiff(readings), name: 'stack-2.tif' });
    expect(refused.statusCode).toBe(400);
    const page = text(refused.body);
    const error = page.indexOf('Tệp vừa chọn chưa được nạp, không có gì được ghi: Ghi tên người đã quét phiếu.');
    const earlier = page.indexOf('Lần nạp trước — Tệp stack.tif Bắt đầu lúc');
    expect([error > 0, earlier > error]).toEqual([true, true]);
    expect(page.indexOf('Đã đọc 5 trang')).toBeGreaterThan(earlier);
  });
});

describe('verification screen', () => {
  beforeEach(() => setup('verify'));

  it('shows one unsure cell at a time with its row image; Enter alone confirms, a key corrects; the last one settles the form', async () => {
    const admin = await loginAs(app, 'an', 'admin');
    await upload(admin, { scannedBy: 'Thu' }, { bytes: await scanTiff(readings), name: 'lo.tif' });
    await finished(admin);
    const keyer = await loginAs(app, 'lan', 'keyer');

    const first = await app.inject({ url: VERIFY, headers: { cookie: keyer } });
    const page = text(first.body);
    expect(page).toContain('còn 2 ô');
    expect(page).toContain(`Phiếu ${b} · mẫu F1 · Sở An (SA)`);
    expect(page).toContain('Máy đọc: 4 – Kém (dấu mờ)');
    const src = /<img src="([^"]+)"/.exec(first.body)![1];
    expect(src).toBe(`/entry/scan-crop/MINI-2026/${b}/SA/1`);

    // The crop: the row (60 × 5 mm at y = 40 mm) with 4 mm around, at 8 px/mm: 544 × 104 px, the dark bar in the middle.
    const png = await app.inject({ url: src, headers: { cookie: keyer } });
    expect([png.statusCode, png.headers['content-type']]).toEqual([200, 'image/png']);
    const { data, info } = await sharp(png.rawPayload).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([544, 104]);
    expect([data[52 * 544 + 272] < 128, data[5 * 544 + 5] > 200]).toEqual([true, true]);

    const confirm = await postForm(app, { from: first, to: '/entry/verify', cookie: keyer, fields: fieldsOf(first.body, '') });
    expect([confirm.statusCode, confirm.headers.location]).toEqual([303, VERIFY]);

    const second = await app.inject({ url: VERIFY, headers: { cookie: keyer } });
    expect(text(second.body)).toContain('còn 1 ô');
    expect(text(second.body)).toContain('Máy đọc: hỏng (*) (có nhiều dấu)');
    const wrong = await postForm(app, { from: second, to: '/entry/verify', cookie: keyer, fields: fieldsOf(second.body, '7') });
    expect([wrong.statusCode, text(wrong.body).includes('"7" không phải mã phương án (1, 2, 3, 4, 9), "*" (ô hỏng) hay "-" (ô trống)')]).toEqual([400, true]);
    const last = await postForm(app, { from: second, to: '/entry/verify', cookie: keyer, fields: fieldsOf(second.body, '2') });
    expect([last.statusCode, last.headers.location]).toEqual([303, `${VERIFY}&settled=${b}&outcome=counted`]);
    const done = text((await app.inject({ url: String(last.headers.location), headers: { cookie: keyer } })).body);
    expect(done).toContain(`Phiếu ${b} đã xác nhận xong và được tính.`);
    expect(done).toContain('Không còn ô nào chờ xác nhận.');
    expect(getFormBySerial(app.db, 1, b)).toMatchObject({ status: 'counted', countedFrom: 'paper' });

    // The accuracy page names the machine and counts the one cell a person changed.
    const acc = text((await app.inject({ url: '/entry/accuracy?campaign=MINI-2026', headers: { cookie: admin } })).body);
    expect(acc).toContain('Máy đọc phiếu quét (omr) 2 12 1 83,33 91,67');
  });

  // A tester's finding: the navigation's «Xác nhận ô phiếu quét» opened the newest campaign, with no cell waiting, while
  // another had 122, and the page offered no way to it.
  it('opened without a campaign, shows the one with cells waiting, and links the other campaigns that have some', async () => {
    const admin = await loginAs(app, 'an', 'admin');
    await upload(admin, { scannedBy: 'Thu' }, { bytes: await scanTiff(readings), name: 'lo.tif' });
    await finished(admin);
    seedCampaign(app.db, { patch: (raw) => (raw.code = 'MOI-2027') });
    const keyer = await loginAs(app, 'lan', 'keyer');
    const plain = text((await app.inject({ url: '/entry/verify', headers: { cookie: keyer } })).body);
    expect(plain).toContain('MINI-2026 —');
    expect(plain).toContain('còn 2 ô');
    const other = await app.inject({ url: '/entry/verify?campaign=MOI-2027', headers: { cookie: keyer } });
    expect(text(other.body)).toContain('Đợt khác còn ô chờ xác nhận: MINI-2026 (2 ô)');
    expect(other.body).toContain('href="/entry/verify?campaign=MINI-2026"');
  });

  it('a form waiting for verification is not offered for a keyed pass 2 at the desk', async () => {
    const admin = await loginAs(app, 'an', 'admin');
    await upload(admin, { scannedBy: 'Thu' }, { bytes: await scanTiff(readings), name: 'lo.tif' });
    await finished(admin);
    const keyer = await loginAs(app, 'lan', 'keyer');
    const res = await app.inject({ url: `/entry/form/MINI-2026/${b}`, headers: { cookie: keyer, accept: 'application/json' } });
    expect([res.statusCode, res.json().error]).toEqual([
      409,
      `Phiếu ${b} đã được máy đọc từ bản quét; các ô máy chưa chắc được xác nhận ở trang «Xác nhận ô phiếu quét», không nhập lượt 2.`,
    ]);
  });

  it('a post without the CSRF token is refused', async () => {
    const keyer = await loginAs(app, 'lan', 'keyer');
    const res = await app.inject({
      method: 'POST',
      url: '/entry/verify',
      headers: { cookie: keyer, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `campaign=MINI-2026&serial=${b}&unit=SA&question=1&answer=`,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('reconciliation of a machine pass', () => {
  beforeEach(() => setup('doubleEntry'));

  it('shows the scanned row beside each differing cell', async () => {
    const admin = await loginAs(app, 'an', 'admin');
    await upload(admin, { scannedBy: 'Thu' }, { bytes: await scanTiff(readings), name: 'lo.tif' });
    await finished(admin);
    const c = (await import('../../db/campaigns.repo')).getCampaign(app.db, 'MINI-2026')!;
    const rows = ['1', '2', '3'].flatMap((q) => ['SA', 'SB'].map((u) => ({ unit: u, question: q })));
    const keyed = rows.map((x, i) => ({
      row: i + 2,
      cells: {
        serial: a,
        ...x,
        answer: x.unit === 'SB' && x.question === '2' ? '1' : ({ '1': '1', '2': '3', '3': '*' } as Record<string, string>)[x.question],
      },
    }));
    // a's machine pass: SA/1 1, SB/1 2, SA/2 3, SB/2 blank, SA/3 *, SB/3 9; the person keys SB/1 1 and SB/2 1, SB/3 *.
    expect(importKeyedRows(app.db, c, keyed, { pass: 2, operator: 'minh', fileName: 'p2.csv' }).ok).toBe(true);
    const page = await app.inject({ url: `/entry/conflicts/MINI-2026/${a}`, headers: { cookie: admin } });
    const crops = [...page.body.matchAll(/<img src="(\/entry\/scan-crop\/[^"]+)"/g)].map((m) => m[1]);
    expect(crops).toEqual([`/entry/scan-crop/MINI-2026/${a}/SB/1`, `/entry/scan-crop/MINI-2026/${a}/SB/2`, `/entry/scan-crop/MINI-2026/${a}/SB/3`]);
    expect((await app.inject({ url: crops[0], headers: { cookie: admin } })).statusCode).toBe(200);
    // The machine named as such (a tester read «Lượt 1 do omr nhập»).
    expect(text(page.body)).toContain('Lượt 1 do máy đọc phiếu quét (omr) nhập, lượt 2 do minh nhập.');
    // None of a's cells was read unsure; b's SA/1 and SA/3 were, and its reconciliation says so under their images.
    expect(page.body).not.toContain('Máy đọc chưa chắc ô này.');
    const keyedB = keyed.map((r) => ({
      ...r,
      cells: { ...r.cells, serial: b, answer: r.cells.unit === 'SA' && r.cells.question === '3' ? '2' : r.cells.answer },
    }));
    expect(importKeyedRows(app.db, c, keyedB, { pass: 2, operator: 'minh', fileName: 'p2b.csv' }).ok).toBe(true);
    const pageB = text((await app.inject({ url: `/entry/conflicts/MINI-2026/${b}`, headers: { cookie: admin } })).body);
    expect(pageB).toContain('Sở An (SA) 1 . Lãnh đạo sở quan tâm chỉ đạo CCHC Máy đọc chưa chắc ô này.');
    expect(pageB).toContain('Sở An (SA) 3 . Thủ tục hành chính được công khai đầy đủ Máy đọc chưa chắc ô này.');
    expect(pageB.match(/Máy đọc chưa chắc ô này/g)).toHaveLength(2);
  });
});

/** The verification form's hidden fields as the page carries them, with what the person typed. */
function fieldsOf(html: string, answer: string): Record<string, string> {
  const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)![1];
  return { campaign: value('campaign'), serial: value('serial'), unit: value('unit'), question: value('question'), answer };
}
