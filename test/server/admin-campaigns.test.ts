/** The console's campaign files with inject(): multipart upload, check page, confirm by hash, replace rules, definition page, downloads, roles and CSRF. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/audit.repo';
import { getCampaign, listCampaigns, loadCampaign } from '../../db/campaigns.repo';
import ExcelJS from 'exceljs';
import { campaignWorkbook, readCampaignFile } from '../../server/render/campaign-workbook';
import { checkCampaign, checkCampaignText } from '../../surveys/campaign';
import { numberVi } from '../../surveys/format-vi';
import { scaleCampaign } from '../../bench/scale.bench';
import { closeDb, openDb } from '../../db/open';
import { buildTestApp, csrfOf, loginAs } from '../helpers/app';
import { tempDir } from '../helpers/cli';
import { fixture } from '../helpers/cli';
import { multipartBody, type UploadFile } from '../helpers/multipart';
import { miniCampaign } from '../helpers/campaigns';
import { MISTAKE_TEXTS, mistakenWorkbook } from '../helpers/mistaken-workbook';
import { zipOf } from '../helpers/zip';
import { seedMini } from './admin-seed';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let admin: string;

const MINI = readFileSync(fixture('mini-campaign.json'), 'utf8');

/** Posts the console's upload form (multipart) with the CSRF token of /admin, as a browser does. */
async function upload(files: UploadFile[], opts: { cookie?: string; csrf?: boolean } = {}) {
  const cookie = opts.cookie ?? admin;
  const home = await app.inject({ url: '/', headers: { cookie } });
  const { contentType, payload } = await multipartBody(opts.csrf === false ? {} : { _csrf: csrfOf(home.body) }, files);
  return app.inject({ method: 'POST', url: '/admin/campaigns', headers: { cookie, 'content-type': contentType }, payload });
}

/** Presses «Nạp vào hệ thống» on a check page. */
async function confirm(checkPage: string, opts: { cookie?: string; csrf?: boolean; hash?: string } = {}) {
  const hash = opts.hash ?? /name="hash" value="([0-9a-f]{64})"/.exec(checkPage)?.[1];
  if (!hash) throw new Error('no confirm form on the check page');
  const fields = new URLSearchParams(opts.csrf === false ? { hash } : { hash, _csrf: csrfOf(checkPage) });
  return app.inject({
    method: 'POST',
    url: '/admin/campaigns/load',
    headers: { cookie: opts.cookie ?? admin, 'content-type': 'application/x-www-form-urlencoded' },
    payload: fields.toString(),
  });
}

beforeEach(async () => {
  app = await buildTestApp();
  admin = await loginAs(app, 'an', 'admin');
});
afterEach(() => app.close());

describe('campaign upload', () => {
  it('offers a file upload (multipart), not a text box', async () => {
    const home = await app.inject({ url: '/admin', headers: { cookie: admin } });
    expect(home.body).toMatch(/<form method="post" action="\/admin\/campaigns" enctype="multipart\/form-data"/);
    expect(home.body).toContain('name="file" accept=".xlsx,.json');
    expect(home.body).not.toContain('<textarea id="definition"');
  });

  it('checks a file and shows what will be loaded, writing nothing; the confirm step loads it, audited', async () => {
    const res = await upload([{ bytes: MINI, name: 'mini.json' }]);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Tệp hợp lệ: MINI-2026');
    // 2 departments, 2 criteria with 2,25 + 1,5 = 3,75 points; one form of 3 questions; 2 groups, 2 + 2 × 1 = 4 forms.
    expect(res.body).toMatch(/Sở, ban, ngành<\/td><td class="num">2<\/td><td class="num">2<\/td><td class="num">3,75/);
    expect(res.body).toContain('Sẽ nạp: 2 tiêu chí, 1 mẫu phiếu với 3 câu hỏi, 2 nhóm đối tượng, tổng chỉ tiêu 4 phiếu.');
    expect(res.body).toContain('Đợt điều tra mới: mã MINI-2026 chưa có trong hệ thống.');
    expect(listCampaigns(app.db)).toEqual([]);
    expect(listAudit(app.db).filter((a) => a.action.startsWith('campaign.'))).toEqual([]);

    const loaded = await confirm(res.body);
    expect(loaded.statusCode).toBe(303);
    expect(loaded.headers.location).toBe('/admin/campaigns/MINI-2026?loaded=1');
    expect(getCampaign(app.db, 'MINI-2026')?.def).toEqual((checkCampaignText(MINI) as { campaign: unknown }).campaign);
    expect(listAudit(app.db)[0]).toMatchObject({ actor: 'an', action: 'campaign.load' });
    // Pressing the button again loads nothing twice: it says the file is loaded.
    const again = await confirm(res.body);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Tệp này đã được nạp vào hệ thống');
    expect(getCampaign(app.db, 'MINI-2026')?.version).toBe(1);
  });

  it('lists every problem of a file at once, loads nothing and offers no confirm button', async () => {
    const bad = JSON.parse(MINI);
    bad.groups[1].scope = 'parent';
    bad.criteria[0].maxPoints = -1;
    bad.year = 1990;
    const res = await upload([{ bytes: JSON.stringify(bad), name: 'bad.json' }]);
    expect(res.statusCode).toBe(400);
    // All four at once, in Vietnamese, each at its JSON path (the scope is wrong for both home units of the group).
    expect(res.body).toContain('Tệp có 4 lỗi, chưa nạp gì.');
    expect(res.body).toContain('<li>year: không được nhỏ hơn 2000</li>');
    expect(res.body).toContain('<li>criteria[0].maxPoints: phải lớn hơn 0</li>');
    expect(res.body).toContain('<li>groups[1].scope: phạm vi &quot;parent&quot;: đơn vị công tác &quot;SA&quot; không có đơn vị cha cấp &quot;so&quot;</li>');
    expect(res.body).toContain('<li>groups[1].scope: phạm vi &quot;parent&quot;: đơn vị công tác &quot;SB&quot; không có đơn vị cha cấp &quot;so&quot;</li>');
    expect(res.body).not.toContain('name="hash"');
    expect(listCampaigns(app.db)).toEqual([]);
  });

  it('checks a workbook and lists every mistake at once in Vietnamese by sheet, row and column; the fixed workbook loads', async () => {
    const res = await upload([{ bytes: await mistakenWorkbook(), name: 'tinh.xlsx' }]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(`Tệp có ${MISTAKE_TEXTS.length} lỗi, chưa nạp gì.`);
    for (const text of MISTAKE_TEXTS) expect(res.body).toContain(`<li>${text}</li>`);
    expect(res.body).not.toContain('name="hash"');
    expect(listCampaigns(app.db)).toEqual([]);
    const fixed = await upload([{ bytes: await campaignWorkbook(miniCampaign()), name: 'tinh.xlsx' }]);
    expect(fixed.body).toContain('Tệp hợp lệ: MINI-2026');
    expect((await confirm(fixed.body)).headers.location).toBe('/admin/campaigns/MINI-2026?loaded=1');
    expect(getCampaign(app.db, 'MINI-2026')?.def).toEqual(miniCampaign());
  });

  it('loads a sample shipped as a workbook to the same definition as its JSON twin', async () => {
    const bytes = readFileSync(new URL('../../surveys/samples/two-tier-2026.xlsx', import.meta.url));
    const res = await upload([{ bytes, name: 'two-tier-2026.xlsx' }]);
    expect(res.statusCode).toBe(200);
    await confirm(res.body);
    const json = checkCampaignText(readFileSync(new URL('../../surveys/samples/two-tier-2026.json', import.meta.url), 'utf8'));
    if (!json.ok) throw new Error('sample');
    expect(getCampaign(app.db, json.campaign.code)?.def).toEqual(json.campaign);
  });

  it('lists the first 500 problems of a file wrong on every row and counts the rest', async () => {
    const def = JSON.parse(MINI);
    def.units = Array.from({ length: 600 }, (_, i) => ({ code: `U${i}`, name: `Đơn vị ${i}`, level: 'so', parent: 'NOPE' }));
    const res = await upload([{ bytes: JSON.stringify(def), name: 'many.json' }]);
    expect(res.statusCode).toBe(400);
    const listed = res.body.match(/<li>units\[\d+\]\.parent: /g) ?? [];
    expect(listed).toHaveLength(500);
    const check = checkCampaign(def);
    const total = check.ok ? 0 : check.problems.length;
    expect(total).toBe(600);
    expect(res.body).toContain(`Tệp có ${numberVi(total)} lỗi, chưa nạp gì.`);
    expect(res.body).toContain(`… và ${numberVi(total - 500)} lỗi nữa`);
  });

  it('refuses what is not a campaign file (a CSV, an old .xls, a file not in UTF-8, no file) in Vietnamese, with the upload form again', async () => {
    const csv = await upload([{ bytes: 'code,name\nSA,Sở An\n', name: 'units.csv' }]);
    expect(csv.statusCode).toBe(400);
    // One sentence, not «Tệp có 1 lỗi… Sửa tất cả các lỗi dưới đây»: there is nothing in the file to fix line by line.
    expect(csv.body).toContain('<p class="error" role="alert">Đây là tệp văn bản (CSV), không phải sổ tính Excel');
    expect(csv.body).not.toContain('Tệp có 1 lỗi');
    expect(csv.body).not.toContain('(file)');
    expect(csv.body).toContain('enctype="multipart/form-data"');
    const xls = await upload([{ bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), name: 'old.xls' }]);
    expect(xls.body).toContain('>Đây là tệp Excel đời cũ (.xls)');
    const latin = await upload([{ bytes: new Uint8Array([0x7b, 0xe0, 0x7d]), name: 'x.json' }]);
    expect(latin.body).toContain('>Tệp không phải văn bản UTF-8');
    const empty = await upload([{ bytes: new Uint8Array(0), name: 'empty.xlsx' }]);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Tệp rỗng (0 byte): tệp chưa được lưu xong hoặc chép chưa đủ; hãy lưu lại rồi chọn lại. Chưa nạp gì.');
    const locked = await upload([
      {
        bytes: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100), Buffer.from('EncryptionInfo', 'utf16le')]),
        name: 'khoa.xlsx',
      },
    ]);
    expect(locked.body).toContain('Tệp → Thông tin → Bảo vệ sổ làm việc');
    const none = await upload([]);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Chọn tệp đợt điều tra (.xlsx hoặc .json).');
    expect(listCampaigns(app.db)).toEqual([]);
  });

  it('refuses a zip bomb in Vietnamese with its byte limit, not with a server error', async () => {
    // 70 MB of zeros deflate to about 70 KB; the directory says 70 MB, over the 64 MiB = 67.108.864 byte limit.
    const bomb = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(70 * 2 ** 20) }]);
    const res = await upload([{ bytes: bomb, name: 'bomb.xlsx' }]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Sổ tính khi giải nén lớn hơn 67.108.864 byte, quá lớn so với một đợt điều tra. Chưa nạp gì.');
    expect(listCampaigns(app.db)).toEqual([]);
  });

  it('refuses a file over the size cap while it arrives (413), and a second file (400)', async () => {
    const big = await upload([{ bytes: ' '.repeat(10 * 1024 * 1024 + 1), name: 'big.json' }]);
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('Tệp lớn hơn 10 MB, trong khi sổ tính của một tỉnh chỉ khoảng vài chục KB.');
    // Not only the command line: what a clerk can do, and whom to ask.
    expect(big.body).toContain('bỏ trang phụ và hình ảnh');
    expect(big.body).toContain('nhờ cán bộ công nghệ thông tin');
    const two = await upload([
      { bytes: MINI, name: 'a.json' },
      { bytes: MINI, name: 'b.json' },
    ]);
    expect(two.statusCode).toBe(400);
    expect(two.body).toContain('Mỗi lần chỉ chọn một tệp.');
    expect(listCampaigns(app.db)).toEqual([]);
  });

  it('says a file pressed «Nạp vào hệ thống» twice is already loaded, and an identical file has no changes', async () => {
    const page = (await upload([{ bytes: MINI, name: 'mini.json' }])).body;
    expect((await confirm(page)).statusCode).toBe(303);
    const again = await confirm(page); // a double click, or the browser resending the form
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain(
      'Tệp này đã được nạp vào hệ thống: đợt MINI-2026, phiên bản 1. <a href="/admin/campaigns/MINI-2026">Mở trang của đợt MINI-2026</a>.',
    );
    expect(again.body).not.toContain('không còn trên máy chủ');
    const same = await upload([{ bytes: MINI, name: 'mini.json' }]);
    expect(same.body).toContain('Không có thay đổi: tệp giống hệt định nghĩa đợt MINI-2026 đang có (phiên bản 1), không cần nạp lại.');
    expect(same.body).not.toContain('name="hash"');
    expect(getCampaign(app.db, 'MINI-2026')!.version).toBe(1);
    expect(listAudit(app.db).filter((a) => a.action.startsWith('campaign.')).length).toBe(1);
  });

  it('loads by the hash of the checked bytes only: an unknown or malformed hash loads nothing', async () => {
    const res = await upload([{ bytes: MINI, name: 'mini.json' }]);
    for (const hash of ['0'.repeat(64), 'not-a-hash']) {
      const out = await confirm(res.body, { hash });
      expect(out.statusCode).toBe(400);
      expect(out.body).toContain('Chọn lại tệp và bấm «Kiểm tra tệp».');
    }
    expect(listCampaigns(app.db)).toEqual([]);
  });

  it('says when a file replaces a stored campaign, with its issued forms kept, and replaces it on confirm', async () => {
    seedMini(app.db);
    // Answers freeze a campaign: seedMini keyed forms, so a fresh copy without answers is needed to show a replace.
    const other = { ...JSON.parse(MINI), code: 'REPL-2026' };
    const first = await confirm((await upload([{ bytes: JSON.stringify(other), name: 'r.json' }])).body);
    expect(first.statusCode).toBe(303);
    const renamed = JSON.stringify({ ...other, name: 'Điều tra thử nghiệm (sửa)' });
    const res = await upload([{ bytes: renamed, name: 'r2.json' }]);
    expect(res.body).toContain(
      'Tệp sẽ thay thế đợt REPL-2026 đang có (phiên bản 1 → 2); đợt chưa có câu trả lời nên còn thay được. Chưa có phiếu nào được phát.',
    );
    // The preview wrote nothing: the stored definition and the audit log are as before.
    expect(getCampaign(app.db, 'REPL-2026')?.version).toBe(1);
    expect(listAudit(app.db).filter((a) => a.action === 'campaign.replace')).toEqual([]);
    const out = await confirm(res.body);
    expect(out.headers.location).toBe('/admin/campaigns/REPL-2026?loaded=2');
    expect(getCampaign(app.db, 'REPL-2026')?.name).toBe('Điều tra thử nghiệm (sửa)');
    expect(listAudit(app.db)[0]).toMatchObject({ action: 'campaign.replace' });
  });

  it('says a campaign with answers cannot be replaced, and offers no confirm button', async () => {
    seedMini(app.db);
    const res = await upload([{ bytes: MINI.replace('Điều tra thử nghiệm', 'Điều tra thử nghiệm (sửa)'), name: 'mini.json' }]);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Đợt MINI-2026 đã có trong hệ thống và đã có câu trả lời: định nghĩa của đợt đã khóa, không thể thay thế.');
    expect(res.body).not.toContain('name="hash"');
  });

  it('counts issued forms in the replace preview and refuses a file that drops a group of issued forms', async () => {
    const def = { ...JSON.parse(MINI), code: 'ISS-2026' };
    await confirm((await upload([{ bytes: JSON.stringify(def), name: 'i.json' }])).body);
    const page = await app.inject({ url: '/admin/campaigns/ISS-2026', headers: { cookie: admin } });
    await app.inject({
      method: 'POST',
      url: '/admin/campaigns/ISS-2026/issue',
      headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ channel: 'paper', _csrf: csrfOf(page.body) }).toString(),
    });
    const same = await upload([{ bytes: JSON.stringify({ ...def, name: 'Tên mới' }), name: 'i2.json' }]);
    expect(same.body).toContain('4 phiếu đã phát được giữ nguyên số phiếu và mã truy cập');
    expect(same.body).toContain('name="hash"');
    const dropped = await upload([{ bytes: JSON.stringify({ ...def, groups: [def.groups[0]] }), name: 'i3.json' }]);
    expect(dropped.body).toContain('Đợt ISS-2026 đã có trong hệ thống (phiên bản 1) và không thể thay thế bằng tệp này:');
    expect(dropped.body).not.toContain('name="hash"');
    expect(getCampaign(app.db, 'ISS-2026')?.def.groups).toHaveLength(2);
  });

  it('still takes a raw JSON body from scripts, with the CSRF header', async () => {
    const page = await app.inject({ url: '/admin', headers: { cookie: admin } });
    const headers = { cookie: admin, 'content-type': 'application/json', 'x-csrf-token': csrfOf(page.body) };
    const checked = await app.inject({ method: 'POST', url: '/admin/campaigns?action=check', headers, payload: MINI });
    expect(checked.json()).toMatchObject({ ok: true, summary: { code: 'MINI-2026' } });
    const res = await app.inject({ method: 'POST', url: '/admin/campaigns', headers, payload: MINI });
    expect(res.json()).toEqual({ ok: true, code: 'MINI-2026', version: 1, replaced: false });
  });
});

describe('who may upload and load', () => {
  it('refuses the upload and the confirm without the CSRF token', async () => {
    const res = await upload([{ bytes: MINI, name: 'mini.json' }], { csrf: false });
    expect(res.statusCode).toBe(403);
    const checked = await upload([{ bytes: MINI, name: 'mini.json' }]);
    const out = await confirm(checked.body, { csrf: false });
    expect(out.statusCode).toBe(403);
    expect(listCampaigns(app.db)).toEqual([]);
  });

  it('refuses supervisors, keyers and strangers before reading the file', async () => {
    const checked = await upload([{ bytes: MINI, name: 'mini.json' }]);
    for (const [role, status] of [
      ['supervisor', 403],
      ['keyer', 403],
    ] as const) {
      const cookie = await loginAs(app, `u-${role}`, role);
      expect((await upload([{ bytes: MINI, name: 'mini.json' }], { cookie })).statusCode, role).toBe(status);
      const hash = /name="hash" value="([0-9a-f]{64})"/.exec(checked.body)![1];
      const home = await app.inject({ url: '/', headers: { cookie } });
      const out = await app.inject({
        method: 'POST',
        url: '/admin/campaigns/load',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ hash, _csrf: csrfOf(home.body) }).toString(),
      });
      expect(out.statusCode, role).toBe(status);
    }
    const { contentType, payload } = await multipartBody({}, [{ bytes: MINI, name: 'mini.json' }]);
    const stranger = await app.inject({ method: 'POST', url: '/admin/campaigns', headers: { 'content-type': contentType }, payload });
    expect(stranger.statusCode).toBe(401);
    expect(listCampaigns(app.db)).toEqual([]);
  });
});

describe('downloads', () => {
  it('sends the empty template workbook with its guide first', async () => {
    const res = await app.inject({ url: '/admin/campaign-template.xlsx', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="mau-dot-dieu-tra.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].name).toBe('Hướng dẫn');
  });

  it('sends a campaign as a workbook named <code>.xlsx that reads back to the same definition', async () => {
    seedMini(app.db);
    const res = await app.inject({ url: '/admin/campaigns/MINI-2026/definition.xlsx', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="MINI-2026.xlsx"');
    const back = await readCampaignFile(res.rawPayload, 'MINI-2026.xlsx');
    expect(back.ok && back.campaign).toEqual(getCampaign(app.db, 'MINI-2026')!.def);
  });

  it('sends a campaign as JSON named <code>.json that checks back to the same definition', async () => {
    seedMini(app.db);
    const res = await app.inject({ url: '/admin/campaigns/MINI-2026/definition.json', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="MINI-2026.json"');
    const back = checkCampaignText(res.body);
    expect(back.ok && back.campaign).toEqual(getCampaign(app.db, 'MINI-2026')!.def);
  });

  it('is for admins only', async () => {
    seedMini(app.db);
    const sup = await loginAs(app, 'binh', 'supervisor');
    const keyer = await loginAs(app, 'chi', 'keyer');
    for (const url of ['/admin/campaigns/MINI-2026/definition.json', '/admin/campaigns/MINI-2026/definition.xlsx', '/admin/campaign-template.xlsx']) {
      expect((await app.inject({ url, headers: { cookie: sup } })).statusCode, url).toBe(403);
      expect((await app.inject({ url, headers: { cookie: keyer } })).statusCode, url).toBe(403);
      expect((await app.inject({ url })).statusCode, url).toBe(302);
    }
    expect((await app.inject({ url: '/admin/campaigns/NOPE/definition.json', headers: { cookie: admin } })).statusCode).toBe(404);
    expect((await app.inject({ url: '/admin/campaigns/NOPE/definition.xlsx', headers: { cookie: admin } })).statusCode).toBe(404);
  });
});

describe('definition page', () => {
  it('shows units by level with parents, criteria with maxima and their sum, forms with questions, groups with homes', async () => {
    const codes: string[] = [];
    for (const name of ['lai-chau-2020', 'two-tier-2026']) {
      const text = readFileSync(new URL(`../../surveys/samples/${name}.json`, import.meta.url), 'utf8');
      await confirm((await upload([{ bytes: text, name: `${name}.json` }])).body);
      codes.push(JSON.parse(text).code);
    }
    const lai = getCampaign(app.db, codes[0])!;
    const res = await app.inject({ url: `/admin/campaigns/${lai.code}/definition`, headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    const commune = lai.def.units.find((u) => u.parent)!;
    const parent = lai.def.units.find((u) => u.code === commune.parent)!;
    expect(res.body).toContain(`<tr><td>${commune.code}</td><td>${commune.name}</td><td>${parent.name} (${parent.code})</td>`);
    const q = lai.def.forms[0].questions[0];
    expect(res.body).toContain(`<td class="long">${q.criterion} — ${lai.def.criteria.find((x) => x.code === q.criterion)!.name}</td>`);
    expect(res.body).toContain('Tổng điểm tối đa của cấp');
    expect(res.body).toContain(`href="/admin/campaigns/${lai.code}/definition.json"`);
    const two = getCampaign(app.db, codes[1])!;
    const twoPage = await app.inject({ url: `/admin/campaigns/${two.code}/definition`, headers: { cookie: admin } });
    const linked = two.def.groups.find((g) => g.scope === 'linked')!;
    expect(twoPage.body).toContain(`<details id="links-${linked.code}">`);
  });

  it('sums criterion maxima per level exactly and writes them with a decimal comma', async () => {
    seedMini(app.db);
    const res = await app.inject({ url: '/admin/campaigns/MINI-2026/definition', headers: { cookie: admin } });
    // 2,25 + 1,5 = 3,75 (the mini campaign's two criteria of level "so").
    expect(res.body).toMatch(/Tổng điểm tối đa của cấp<\/th><th class="num">3,75<\/th>/);
    expect(res.body).toContain('<td>C1</td><td class="long">Chỉ đạo điều hành CCHC</td><td class="num">2,25</td><td>F1/1, F1/2</td>');
    // G1: 2 forms for the province; G2: 1 form in each of the 2 departments.
    expect(res.body).toContain('<dt>Chỉ tiêu</dt><dd>2 phiếu (toàn tỉnh); tổng 2 phiếu</dd>');
    expect(res.body).toContain('<dt>Đơn vị nơi công tác</dt><dd>Mọi đơn vị Sở, ban, ngành (2)</dd>');
    expect(res.body).toContain('<dt>Chỉ tiêu</dt><dd>1 phiếu (mỗi đơn vị); tổng 2 phiếu</dd>');
  });

  it('shows the codes a unit replaces (formerly) only where some unit has them', async () => {
    seedMini(app.db);
    const plain = await app.inject({ url: '/admin/campaigns/MINI-2026/definition', headers: { cookie: admin } });
    expect(plain.body).not.toContain('Thay cho các đơn vị cũ');
    const merged = JSON.parse(MINI);
    merged.code = 'MERGED-2026';
    merged.units[0].formerly = ['SA-OLD', 'SC-OLD'];
    await confirm((await upload([{ bytes: JSON.stringify(merged), name: 'merged.json' }])).body);
    const res = await app.inject({ url: '/admin/campaigns/MERGED-2026/definition', headers: { cookie: admin } });
    expect(res.body).toContain('<th>Thay cho các đơn vị cũ</th>');
    expect(res.body).toContain('<tr><td>SA</td><td>Sở An</td><td></td><td>SA-OLD, SC-OLD</td></tr>');
  });

  it('is open to supervisors without downloads or copying, refused to keyers', async () => {
    seedMini(app.db);
    const sup = await loginAs(app, 'binh', 'supervisor');
    const res = await app.inject({ url: '/admin/campaigns/MINI-2026/definition', headers: { cookie: sup } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('definition.json');
    const keyer = await loginAs(app, 'chi', 'keyer');
    expect((await app.inject({ url: '/admin/campaigns/MINI-2026/definition', headers: { cookie: keyer } })).statusCode).toBe(403);
  });

  it('pages the unit list of a 10,000-unit campaign, collapsed', async () => {
    const base = JSON.parse(MINI);
    const units = [...base.units, ...Array.from({ length: 10_000 }, (_, i) => ({ code: `X${i}`, name: `Xã số ${i}`, level: 'xa', parent: 'SA' }))];
    const check = checkCampaign({ ...base, code: 'BIG-2026', units });
    if (!check.ok) throw new Error(JSON.stringify(check.problems.slice(0, 3)));
    loadCampaign(app.db, check.campaign, 'test');
    const res = await app.inject({ url: '/admin/campaigns/BIG-2026/definition', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<details id="units-xa">');
    expect(res.body).toContain('Danh sách 10.000 đơn vị UBND cấp xã (trang 1/50: đơn vị 1–200)');
    expect(res.body).toContain('<td>X199</td>');
    expect(res.body).not.toContain('<td>X200</td>');
    // A page of the level that was asked for opens its list; a page past the end shows the last one.
    const p3 = await app.inject({ url: '/admin/campaigns/BIG-2026/definition?level=xa&page=3', headers: { cookie: admin } });
    expect(p3.body).toContain('<details id="units-xa" open>');
    expect(p3.body).toContain('<td>X400</td>');
    expect(p3.body).not.toContain('<td>X399</td>');
    const last = await app.inject({ url: '/admin/campaigns/BIG-2026/definition?level=xa&page=999', headers: { cookie: admin } });
    expect(last.body).toContain('<td>X9999</td>');
    // The small level stays open on every page.
    expect(res.body).toContain('<details id="units-so" open>');
    expect(res.body.length).toBeLessThan(200_000);
  });

  it('is linked from the campaign list and the campaign page', async () => {
    seedMini(app.db);
    const list = await app.inject({ url: '/admin', headers: { cookie: admin } });
    expect(list.body).toContain('href="/admin/campaigns/MINI-2026/definition"');
    const page = await app.inject({ url: '/admin/campaigns/MINI-2026', headers: { cookie: admin } });
    expect(page.body).toContain('href="/admin/campaigns/MINI-2026/definition"');
    expect(page.body).toContain('href="/admin/campaigns/MINI-2026/definition.xlsx" download>MINI-2026.xlsx</a>');
    expect(page.body).toContain('href="/admin/campaigns/MINI-2026/definition.json" download>MINI-2026.json</a>');
  });
});

describe("next year's copy", () => {
  /** Posts the copy form of a campaign's definition page with that page's CSRF token. */
  async function copy(from: string, fields: Record<string, string>, opts: { cookie?: string; csrf?: boolean } = {}) {
    const cookie = opts.cookie ?? admin;
    const page = await app.inject({ url: `/admin/campaigns/${from}/definition`, headers: { cookie } });
    const body = new URLSearchParams(opts.csrf === false ? fields : { ...fields, _csrf: csrfOf(page.body) });
    return app.inject({
      method: 'POST',
      url: `/admin/campaigns/${from}/copy`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  }

  it('offers next year and its name on the definition page, and creates the copy with no forms issued', async () => {
    seedMini(app.db);
    const page = await app.inject({ url: '/admin/campaigns/MINI-2026/definition', headers: { cookie: admin } });
    expect(page.body).toContain('name="year" value="2027"');
    expect(page.body).toContain('placeholder="ví dụ MINI-2027"'); // the code with the next year, not MINI-2026-2027
    const res = await copy('MINI-2026', { code: 'MINI-2027', year: '', name: '' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/campaigns/MINI-2027?copied=MINI-2026');
    const c = getCampaign(app.db, 'MINI-2027')!;
    const from = getCampaign(app.db, 'MINI-2026')!;
    expect(c.def).toEqual({ ...from.def, code: 'MINI-2027', year: 2027 });
    expect(listCampaigns(app.db).find((x) => x.code === 'MINI-2027')).toMatchObject({ issued: 0, counted: 0 });
    const next = await app.inject({ url: res.headers.location as string, headers: { cookie: admin } });
    expect(next.body).toContain('Đã tạo đợt MINI-2027 từ đợt MINI-2026, chưa phát phiếu nào.');
    expect(listAudit(app.db)[0]).toMatchObject({ actor: 'an', action: 'campaign.load' });
  });

  it('takes the year and name typed', async () => {
    seedMini(app.db);
    await copy('MINI-2026', { code: 'MINI-2030', year: '2030', name: 'Điều tra năm 2030' });
    expect(getCampaign(app.db, 'MINI-2030')?.def).toMatchObject({ year: 2030, name: 'Điều tra năm 2030' });
  });

  it('never copies over a stored campaign, and refuses a bad code or year in Vietnamese with what was typed', async () => {
    seedMini(app.db);
    const over = await copy('MINI-2026', { code: 'MINI-2026', year: '', name: '' });
    expect(over.statusCode).toBe(400);
    expect(over.body).toContain('Đã có đợt điều tra mã MINI-2026. Chọn mã khác');
    expect(getCampaign(app.db, 'MINI-2026')?.version).toBe(1);
    const bad = await copy('MINI-2026', { code: 'MINI 2027', year: '27', name: 'x' });
    expect(bad.statusCode).toBe(400);
    // Both mistakes at once: the year's and the code's.
    expect(bad.body).toContain('Năm gồm 4 chữ số, ví dụ 2027.');
    expect(bad.body).toMatch(/<li>Mã đợt mới: chỉ được gồm [^<]+<\/li>/);
    const badCode = await copy('MINI-2026', { code: 'MINI 2027', year: '', name: '' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.body).toMatch(/<li>Mã đợt mới: chỉ được gồm [^<]+<\/li>/);
    expect(badCode.body).toContain('value="MINI 2027"');
    expect(listCampaigns(app.db).map((c) => c.code)).toEqual(['MINI-2026']);
  });

  it('is for admins with the CSRF token only', async () => {
    seedMini(app.db);
    expect((await copy('MINI-2026', { code: 'MINI-2027', year: '', name: '' }, { csrf: false })).statusCode).toBe(403);
    const sup = await loginAs(app, 'binh', 'supervisor');
    expect((await copy('MINI-2026', { code: 'MINI-2027', year: '', name: '' }, { cookie: sup })).statusCode).toBe(403);
    const page = await app.inject({ url: '/admin/campaigns/MINI-2026/definition', headers: { cookie: sup } });
    expect(page.body).not.toContain('/copy"');
    expect(listCampaigns(app.db).map((c) => c.code)).toEqual(['MINI-2026']);
  });
});

describe('campaign workbooks on the worker thread', () => {
  // Not a test that the server keeps answering meanwhile: exceljs yields often enough that GET / gets through even on
  // the request thread, so an order of answers would prove nothing. This checks that the worker's tasks give whole files.
  it('writes a 5,000-unit campaign and the template, and reads an upload, through the worker pool of a file database', async () => {
    // A database file, so that the app has a worker pool (an in-memory database runs tasks on the request thread).
    const dbPath = join(tempDir(), 'cchc.db');
    const db = openDb(dbPath);
    const c = scaleCampaign(5_000);
    expect(loadCampaign(db, c, 'test').ok).toBe(true);
    const big = await buildTestApp(db, { DATABASE_PATH: dbPath });
    try {
      const cookie = await loginAs(big, 'an', 'admin');
      const xlsx = await big.inject({ url: `/admin/campaigns/${c.code}/definition.xlsx`, headers: { cookie } });
      expect(xlsx.statusCode).toBe(200);
      const back = await readCampaignFile(xlsx.rawPayload, 'big.xlsx');
      expect(back.ok && back.campaign).toEqual(getCampaign(db, c.code)!.def);
      const template = await big.inject({ url: '/admin/campaign-template.xlsx', headers: { cookie } });
      expect(template.statusCode).toBe(200);
      const home = await big.inject({ url: '/', headers: { cookie } });
      const { contentType, payload } = await multipartBody({ _csrf: csrfOf(home.body) }, [{ bytes: xlsx.rawPayload, name: 'big.xlsx' }]);
      const check = await big.inject({ method: 'POST', url: '/admin/campaigns', headers: { cookie, 'content-type': contentType }, payload });
      expect(check.statusCode).toBe(200);
      // The stored definition itself: nothing to replace.
      expect(check.body).toContain(`Không có thay đổi: tệp giống hệt định nghĩa đợt ${c.code} đang có (phiên bản 1)`);
    } finally {
      await big.close();
      closeDb(db);
    }
  }, 120_000);
});
