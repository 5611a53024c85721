/** Hostile input through the real paths: markup shown as text on every page and print, formula-safe exports, slowed code guessing, keyers kept out. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCampaign } from '../../db/campaigns.repo';
import { listForms, type FormRow } from '../../db/forms.repo';
import { openDb } from '../../db/open';
import { formatAccessCode } from '../../surveys/access-code';
import { buildTestApp, csrfOf, loginAs, postForm, routesOf } from '../helpers/app';
import { fixture, repoPath, runCli, tableCounts, tempDir } from '../helpers/cli';
import { multipartBody } from '../helpers/multipart';

const C = 'EVIL-2026';
const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const DEF = JSON.parse(readFileSync(fixture('hostile-campaign.json'), 'utf8'));
/** Every cell of the keyed matrix of a form that rates all six departments. */
const UNITS = ['SA', 'SB', 'SC', 'SD', 'SE', 'SF'];
const QUESTIONS = ['1', '2', '3'];

let app: Awaited<ReturnType<typeof buildTestApp>>;
let dir: string;
let dbPath: string;
let manifestCsv: string;
let admin: string;
let supervisor: string;
let lan: string;
let minh: string;
/** Forms by role in the story: G1 rates every unit; G2 forms rate their home department. */
let f: { webDone: FormRow; conflict: FormRow; open: FormRow; g2: Map<string, FormRow> };

/** Undoes the entities Handlebars and the SVG charts write, so that a page can be searched for the text a person sees. */
function shown(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;|&#34;|&#x22;/g, '"')
    .replace(/&#x27;|&#39;|&apos;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&#x3D;|&#61;/g, '=')
    .replace(/&amp;/g, '&');
}

/** The page carries no live markup from the campaign file, yet shows each given text (escaped) to the reader. */
function expectEscaped(where: string, html: string, ...texts: string[]) {
  expect(html, `${where}: raw <script> from a campaign text`).not.toContain('<script>alert');
  expect(html, `${where}: raw <img> from a campaign text`).not.toContain('<img src=x');
  expect(html, `${where}: a tag with an event handler`).not.toMatch(/<[a-z]+[^<>]*\sonerror=/i);
  const text = shown(html);
  for (const t of texts) expect(text, `${where}: shows ${t}`).toContain(t);
}

const CELL_FORMULA = /^[=+\-@]/;
/** Each CLI run is a fresh tsx process (about 3 s on a busy two-core machine), so tests that run several get room. */
const CLI_TIMEOUT = { timeout: 120_000 };

/** Every cell of a CSV file (header included) that a spreadsheet would read as a formula. */
function formulaCellsOfCsv(csv: string): string[] {
  const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  return rows.flat().filter((v) => CELL_FORMULA.test(v));
}

/** Every text cell of a workbook that starts like a formula, and every cell that holds one. */
async function formulaCellsOfXlsx(buf: Buffer): Promise<{ texts: string[]; formulas: string[]; all: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const texts: string[] = [];
  const formulas: string[] = [];
  const all: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.formula !== undefined || cell.type === ExcelJS.ValueType.Formula) formulas.push(`${ws.name}!${cell.address}`);
        if (typeof cell.value === 'string') {
          all.push(cell.value);
          if (CELL_FORMULA.test(cell.value)) texts.push(`${ws.name}!${cell.address}: ${cell.value}`);
        }
      }),
    ),
  );
  return { texts, formulas, all };
}

async function get(url: string, cookie: string, remoteAddress?: string) {
  return app.inject({ method: 'GET', url, headers: { cookie }, ...(remoteAddress ? { remoteAddress } : {}) });
}

/** The keying desk's CSRF token for a session. */
async function deskToken(cookie: string): Promise<string> {
  const page = await get(`/entry?campaign=${C}`, cookie);
  expect(page.statusCode).toBe(200);
  return /data-csrf="([^"]+)"/.exec(page.body)![1];
}

async function keyOnDesk(cookie: string, serial: string, answer: (unit: string, q: string) => string) {
  const token = await deskToken(cookie);
  const cells = UNITS.flatMap((unit) => QUESTIONS.map((question) => ({ unit, question, answer: answer(unit, question) })));
  return app.inject({
    method: 'POST',
    url: `/entry/form/${C}/${encodeURIComponent(serial)}/pass`,
    headers: { cookie, 'csrf-token': token },
    payload: { cells },
  });
}

/** A respondent on their own client IP: open the form, post every cell. */
async function respond(form: FormRow, answers: Record<string, string>, action: 'save' | 'submit', ip: string) {
  const code = formatAccessCode(form.accessCode);
  const page = await app.inject({ method: 'GET', url: `/r/${code}`, remoteAddress: ip });
  expect(page.statusCode).toBe(200);
  return postForm(app, { from: page, to: `/r/${code}`, remoteAddress: ip, fields: { action, ...answers } });
}

const fullAnswers = (targets: string[], code = '2') => Object.fromEntries(targets.flatMap((u) => QUESTIONS.map((q) => [`a.${u}.${q}`, code])));

beforeAll(async () => {
  dir = tempDir();
  dbPath = join(dir, 'cchc.db');
  // The real path: the campaign file through the CLI's whole-file check, then issued for the web.
  const load = runCli(dbPath, ['campaign', 'load', fixture('hostile-campaign.json')]);
  expect(load.status, load.stderr).toBe(0);
  const issue = runCli(dbPath, ['issue', C, '--channel', 'web']);
  expect(issue.status, issue.stderr).toBe(0);
  manifestCsv = issue.stdout;

  app = await buildTestApp(openDb(dbPath));
  admin = await loginAs(app, 'an', 'admin');
  supervisor = await loginAs(app, 'binh', 'supervisor');
  lan = await loginAs(app, 'lan', 'keyer');
  minh = await loginAs(app, 'minh', 'keyer');

  const forms = listForms(app.db, getCampaign(app.db, C)!.id);
  const g1 = forms.filter((x) => x.groupCode === '-G1');
  f = { webDone: g1[0], conflict: g1[1], open: g1[2], g2: new Map(forms.filter((x) => x.groupCode === '-G2').map((x) => [x.homeUnit!, x])) };

  // Answers from the web: one G1 form and three G2 forms, so that every unit and criterion has scores.
  let ip = 1;
  for (const [form, targets] of [
    [f.webDone, UNITS],
    [f.g2.get('SA')!, ['SA']],
    [f.g2.get('SB')!, ['SB']],
    [f.g2.get('SE')!, ['SE']],
  ] as const) {
    const res = await respond(form, fullAnswers([...targets], ip % 2 ? '1' : '3'), 'submit', `192.0.2.${ip++}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  }

  // Paper from the keying desk: two keyers disagree on two cells, so the form waits for a supervisor.
  expect((await keyOnDesk(lan, f.conflict.serial, () => '2')).statusCode).toBe(200);
  const p2 = await keyOnDesk(minh, f.conflict.serial, (u, q) => (u === 'SA' && q === '1' ? '3' : u === 'SB' && q === '3' ? '9' : '2'));
  expect(p2.json()).toMatchObject({ pass: 2, formStatus: 'conflict' });

  // Paper from CSV files, keyed by operators whose names look like formulas (the CLI takes any name).
  const rows = [
    'serial,unit,question,answer',
    ...['SC', 'SD'].flatMap((u) => QUESTIONS.map((q) => `${f.g2.get(u)!.serial},${u},${q},${q === '3' ? '4' : '1'}`)),
  ].join('\n');
  const csv = join(dir, 'keyed.csv');
  writeFileSync(csv, rows + '\n');
  for (const [pass, operator] of [
    ['1', "=cmd|' /C calc'!A0"],
    ['2', '@evil'],
  ]) {
    const out = runCli(dbPath, ['entry', 'import', C, csv, '--pass', pass, '--operator', operator]);
    expect(out.status, out.stderr).toBe(0);
  }
}, 120_000);
afterAll(() => app?.close());

describe('campaign texts with markup are shown as text', () => {
  it('on the respondent form, its error re-display, the closed-form page and the code box', async () => {
    const code = formatAccessCode(f.open.accessCode);
    const form = await app.inject({ method: 'GET', url: `/r/${code}`, remoteAddress: '198.51.100.1' });
    expect(form.statusCode).toBe(200);
    expectEscaped(
      '/r/<code>',
      form.body,
      DEF.name,
      DEF.province,
      DEF.forms[0].title,
      DEF.forms[0].intro,
      DEF.groups[0].name,
      ...DEF.units.map((u: { name: string }) => u.name),
      ...DEF.forms[0].questions.map((q: { text: string }) => q.text),
      ...DEF.optionSets[0].options.map((o: { label: string }) => o.label),
    );

    // Answers are option codes; a crafted post with markup in a cell is refused and re-shown, never echoed live.
    const crafted = await respond(f.open, { ...fullAnswers(UNITS), 'a.SA.1': SCRIPT, 'a.SB.2': IMG }, 'submit', '198.51.100.2');
    expect(crafted.statusCode).toBe(400);
    expectEscaped('/r/<code> refused post', crafted.body, DEF.units[0].name);

    const closed = await app.inject({ method: 'GET', url: `/r/${formatAccessCode(f.webDone.accessCode)}`, remoteAddress: '198.51.100.3' });
    expect(closed.statusCode).toBe(409);
    expectEscaped('/r/<submitted code>', closed.body);

    // A typed "code" full of markup comes back in the code box as text.
    for (const typed of [SCRIPT, IMG]) {
      const missing = await app.inject({ method: 'GET', url: `/r/${encodeURIComponent(typed)}`, remoteAddress: '198.51.100.4' });
      expect(missing.statusCode).toBe(404);
      expectEscaped('/r/<markup>', missing.body);
      const boxed = await app.inject({ method: 'POST', url: '/r', payload: { code: typed }, remoteAddress: '198.51.100.4' });
      // Both typed strings are non-empty once spaces and hyphens are dropped, so both are sent on to /r/<code> (a 400 is only for an empty box).
      expect(boxed.statusCode).toBe(303);
      expect(boxed.headers.location).toBe(`/r/${encodeURIComponent(formatAccessCode(typed))}`);
      expectEscaped('POST /r', boxed.body);
      expect(String(boxed.headers.location ?? '')).not.toMatch(/[<>"]/);
    }
  });

  it('on the keying desk: its page is escaped and the form arrives as JSON data for text nodes', async () => {
    const desk = await get(`/entry?campaign=${C}`, lan);
    expectEscaped('/entry', desk.body, DEF.name);
    const view = await get(`/entry/form/${C}/${f.open.serial}`, lan);
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toMatch(/^application\/json/);
    expect(view.headers['x-content-type-options']).toBe('nosniff');
    expect(view.json().units.map((u: { name: string }) => u.name)).toEqual(DEF.units.map((u: { name: string }) => u.name));
    // The desk puts those strings on the page as text: no script of ours builds markup from strings.
    for (const js of ['entry.js', 'respond.js', 'admin.js']) {
      const src = readFileSync(repoPath('server', 'public', js), 'utf8');
      expect(src, js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });

  it('on the conflicts list and page, the ledger and the accuracy report', async () => {
    const list = await get(`/entry/conflicts?campaign=${C}`, supervisor);
    expect(list.statusCode).toBe(200);
    expectEscaped('/entry/conflicts', list.body, DEF.groups[0].name);
    const page = await get(`/entry/conflicts/${C}/${f.conflict.serial}`, supervisor);
    expect(page.statusCode).toBe(200);
    expectEscaped(
      '/entry/conflicts/<serial>',
      page.body,
      DEF.units[0].name,
      DEF.units[1].name,
      DEF.forms[0].questions[0].text,
      DEF.forms[0].questions[2].text,
      DEF.optionSets[0].options[2].label,
    );
    const ledger = await get(`/entry/ledger?campaign=${C}`, supervisor);
    expect(ledger.statusCode).toBe(200);
    expectEscaped('/entry/ledger', ledger.body, DEF.groups[0].name, DEF.groups[1].name);
    const accuracy = await get(`/entry/accuracy?campaign=${C}`, supervisor);
    expect(accuracy.statusCode).toBe(200);
    expectEscaped('/entry/accuracy', accuracy.body, "=cmd|' /C calc'!A0");
  });

  it('in the print run, from the CLI and from /admin/print', CLI_TIMEOUT, async () => {
    const out = join(dir, 'phieu.html');
    const cli = runCli(dbPath, ['print', C, '--out', out]);
    expect(cli.status, cli.stderr).toBe(0);
    const texts = [
      DEF.name,
      DEF.province,
      DEF.forms[0].title,
      DEF.forms[0].intro,
      DEF.groups[0].name,
      DEF.groups[1].name,
      ...DEF.units.map((u: { name: string }) => u.name),
      ...DEF.forms[0].questions.map((q: { text: string }) => q.text),
      ...DEF.optionSets[0].options.map((o: { label: string }) => o.label),
    ];
    expectEscaped('cli print', readFileSync(out, 'utf8'), ...texts);
    const web = await get(`/admin/print?campaign=${C}`, admin);
    expect(web.statusCode).toBe(200);
    expectEscaped('/admin/print?campaign', web.body, ...texts);
    const one = await get(`/admin/print?campaign=${C}&group=${encodeURIComponent('-G1')}`, supervisor);
    expect(one.statusCode).toBe(200);
    expectEscaped('/admin/print?group', one.body, DEF.groups[0].name);
    const choose = await get('/admin/print', admin);
    expectEscaped('/admin/print', choose.body, DEF.name, DEF.groups[1].name);
  });

  it('in the web invitations and the access-code list, from the CLI and from the console', CLI_TIMEOUT, async () => {
    const texts = [DEF.name, DEF.province, DEF.groups[0].name, DEF.groups[1].name];
    const out = join(dir, 'giay-moi.html');
    const cli = runCli(dbPath, ['invitations', C, '--base-url', 'https://ks.example.gov.vn', '--out', out]);
    expect(cli.status, cli.stderr).toBe(0);
    expectEscaped('cli invitations', readFileSync(out, 'utf8'), ...texts);
    const web = await get(`/admin/print/invitations?campaign=${C}`, supervisor);
    expect(web.statusCode).toBe(200);
    expectEscaped('/admin/print/invitations', web.body, ...texts);
    const codes = runCli(dbPath, ['access-codes', C, '--base-url', 'https://ks.example.gov.vn']);
    expect(codes.status, codes.stderr).toBe(0);
    for (const csv of [codes.stdout, (await get(`/admin/print/access-codes.csv?campaign=${C}`, admin)).body]) {
      expect(csv.split('\r\n').length).toBeGreaterThan(3);
      expect(formulaCellsOfCsv(csv)).toEqual([]);
    }
  });

  it('on every console page: campaigns, campaign, quotas, scores, drill-down, self-assessment, definition, audit', async () => {
    const pages: [string, string[]][] = [
      ['/admin', [DEF.name]],
      [`/admin/campaigns/${C}`, [DEF.name, DEF.groups[0].name, DEF.groups[1].name]],
      [`/admin/campaigns/${C}/quotas`, [DEF.groups[0].name, DEF.units[1].name]],
      [`/admin/campaigns/${C}/quotas?group=${encodeURIComponent('-G2')}&short=1`, [DEF.groups[1].name]],
      [`/admin/campaigns/${C}/scores`, [DEF.units[0].name, DEF.units[1].name, DEF.criteria[0].name, DEF.criteria[1].name]],
      [`/admin/campaigns/${C}/self`, []],
      // The whole definition (issue 13): every name, title, question and label of the file as text.
      [
        `/admin/campaigns/${C}/definition`,
        [
          DEF.name,
          ...DEF.units.map((u: { name: string }) => u.name),
          ...DEF.criteria.map((c: { name: string }) => c.name),
          DEF.groups[0].name,
          DEF.forms[0].title,
          DEF.forms[0].questions[0].text,
          DEF.optionSets[0].options[0].label,
        ],
      ],
      ['/admin/audit', ["=cmd|' /C calc'!A0"]],
    ];
    for (const u of UNITS)
      for (const cr of ['C1', 'C2'])
        pages.push([`/admin/campaigns/${C}/scores/${u}/${encodeURIComponent(cr)}`, [DEF.units[UNITS.indexOf(u)].name, DEF.criteria[cr === 'C1' ? 0 : 1].name]]);
    for (const [url, texts] of pages) {
      const res = await get(url, admin);
      expect(res.statusCode, url).toBe(200);
      expectEscaped(url, res.body, ...texts);
    }
    // The score matrix links every cell to its drill-down (codes hold no character that could leave the href).
    const scores = await get(`/admin/campaigns/${C}/scores`, supervisor);
    expect(scores.body).toMatch(/href="\/admin\/campaigns\/EVIL-2026\/scores\/SA\/C2"/);
  });

  it('on the campaign check page, for a valid file and for one whose problems quote the markup', async () => {
    const send = async (def: unknown) => {
      const home = await get('/admin', admin);
      const { contentType, payload } = await multipartBody({ _csrf: csrfOf(home.body) }, [{ bytes: JSON.stringify(def), name: 'evil.json' }]);
      return app.inject({ method: 'POST', url: '/admin/campaigns', headers: { cookie: admin, 'content-type': contentType }, payload });
    };
    const check = await send({ ...DEF, code: 'EVIL-2027' });
    expect(check.statusCode).toBe(200);
    expectEscaped('campaign check', check.body, DEF.name);
    // A refused file's problems quote what it holds: a name that closes a tag must stay text.
    const refused = await send({ ...DEF, code: 'EVIL-2027', name: `</textarea>${SCRIPT}`, groups: [{ ...DEF.groups[0], form: SCRIPT }, DEF.groups[1]] });
    expect(refused.statusCode).toBe(400);
    expectEscaped('campaign check problems', refused.body, SCRIPT);
    expect(refused.body).not.toContain('</textarea><script');
    expect(refused.body).toContain('groups[0].form');
  });
});

describe('exports neutralise cells that a spreadsheet reads as formulas', () => {
  it('CLI: scores, summary, quotas, manifest, counts and anonymised answers with codebook, as CSV', CLI_TIMEOUT, () => {
    const files: Record<string, string> = { manifest: manifestCsv };
    const run = (name: string, args: string[]) => {
      const out = runCli(dbPath, args);
      expect(out.status, `${name}: ${out.stderr}`).toBe(0);
      files[name] = out.stdout;
    };
    run('scores', ['scores', C]);
    run('summary', ['scores', C, '--summary']);
    run('quotas', ['quotas', C]);
    run('manifest again', ['manifest', C]);
    run('counts', ['manifest', C, '--counts']);
    const answers = join(dir, 'answers.csv');
    run('answers', ['export', 'answers', C, '--out', answers]);
    files.answers = readFileSync(answers, 'utf8');
    files.codebook = readFileSync(answers.replace(/\.csv$/, '.codebook.csv'), 'utf8');
    for (const [name, csv] of Object.entries(files)) {
      expect(csv.split('\n').length, `${name} has rows`).toBeGreaterThan(1);
      expect(formulaCellsOfCsv(csv), name).toEqual([]);
    }
    // The neutralised text is still there, behind its apostrophe.
    expect(files.scores).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(files.summary).toContain("'+1 Sở D");
    expect(files.counts).toContain("'-2 Sở E");
    expect(files.codebook).toContain("'@SUM(A1) {{constructor}}");
    expect(files.quotas).toContain("'-G2");
  });

  it('web and API: counts sheet, every CSV export and both workbooks', async () => {
    const csvUrls = [
      '/admin/print/counts.csv?campaign=' + C,
      ...['scores', 'summary', 'quotas', 'conflicts', 'answers', 'codebook', 'accuracy'].map((x) => `/api/v1/campaigns/${C}/${x}?format=csv`),
    ];
    for (const url of csvUrls) {
      const res = await get(url, supervisor);
      expect(res.statusCode, url).toBe(200);
      expect(formulaCellsOfCsv(res.body), url).toEqual([]);
    }
    const accuracy = await get(`/api/v1/campaigns/${C}/accuracy?format=csv`, admin);
    expect(accuracy.body).toContain(`\n'=cmd|' /C calc'!A0,`);
    for (const url of [`/api/v1/campaigns/${C}/workbook.xlsx`, `/api/v1/campaigns/${C}/answers.xlsx`]) {
      const res = await get(url, admin);
      expect(res.statusCode, url).toBe(200);
      const cells = await formulaCellsOfXlsx(res.rawPayload);
      expect(cells.texts, url).toEqual([]);
      expect(cells.formulas, url).toEqual([]);
      expect(
        cells.all.some((v) => v.startsWith("'")),
        `${url} holds neutralised text`,
      ).toBe(true);
    }
  });

  it("console: the campaign's own workbook keeps formula-like names as text, with formulas only in its per-level sums and its option-set list", async () => {
    // The campaign workbook is the file people edit and load back, so names stay exactly as filed (no leading '):
    // they are text cells, which a spreadsheet shows and never runs; its only formulas are the sums it writes itself.
    const res = await get(`/admin/campaigns/${C}/definition.xlsx`, admin);
    expect(res.statusCode).toBe(200);
    const cells = await formulaCellsOfXlsx(res.rawPayload);
    expect(cells.formulas.length).toBeGreaterThan(0);
    // Its own formulas: the per-level sums, and «Danh mục» columns G and H that list each option set once for a dropdown.
    expect(cells.formulas.filter((f) => !f.startsWith('Tổng điểm theo cấp!') && !/^Danh mục![GH]\d+$/.test(f))).toEqual([]);
    expect(cells.all).toContain('=HYPERLINK("http://x","y")');
    expect(cells.all).toContain('=1+1');
  });

  it('CLI: the scores workbook and the answers workbook', CLI_TIMEOUT, async () => {
    for (const [file, args] of [
      ['scores.xlsx', ['scores', C, '--format', 'xlsx', '--out']],
      ['answers.xlsx', ['export', 'answers', C, '--out']],
    ] as const) {
      const out = join(dir, file);
      const r = runCli(dbPath, [...args, out]);
      expect(r.status, r.stderr).toBe(0);
      const cells = await formulaCellsOfXlsx(readFileSync(out));
      expect(cells.texts, file).toEqual([]);
      expect(cells.formulas, file).toEqual([]);
      expect(cells.all, file).toContain(`'=HYPERLINK("http://x","y")`);
    }
  });
});

describe('guessed access codes', () => {
  it('are slowed down per client IP, while the right code still opens from another client', async () => {
    const code = formatAccessCode(f.open.accessCode);
    const guesser = '203.0.113.66';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await app.inject({ method: 'GET', url: `/r/GUESS-${i}XYZ-ABCD`, remoteAddress: guesser })).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Blocked means blocked: the guesser learns nothing even from a right code, and cannot post either.
    const right = await app.inject({ method: 'GET', url: `/r/${code}`, remoteAddress: guesser });
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(right.body).not.toContain('name="a.');
    const posted = await app.inject({ method: 'POST', url: `/r/${code}`, remoteAddress: guesser, payload: { action: 'save' } });
    expect(posted.statusCode).toBe(429);
    // The respondent on another address is not slowed down, however often they come back.
    for (let i = 0; i < 15; i++) expect((await app.inject({ method: 'GET', url: `/r/${code}`, remoteAddress: '198.51.100.77' })).statusCode).toBe(200);
  });
});

describe('a keyer', () => {
  it('cannot reach any /admin or /api/v1 route, and nothing is written', async () => {
    await app.ready();
    const routes = routesOf(app).filter((r) => r.route.startsWith('/admin') || r.route.startsWith('/api/v1'));
    expect(routes.length).toBeGreaterThan(25);
    const token = await deskToken(lan);
    const before = tableCounts(dbPath);
    const got: string[] = [];
    for (const r of routes) {
      const url = r.route.replace(':code', C).replace(':unit', 'SA').replace(':criterion', 'C1').replace(':id', '1');
      const res =
        r.method === 'GET'
          ? await get(url + (url.startsWith('/admin/print') ? `?campaign=${C}` : ''), lan)
          : await app.inject({
              method: r.method as 'POST',
              url,
              headers: { cookie: lan, 'content-type': 'application/x-www-form-urlencoded' },
              payload: new URLSearchParams({
                _csrf: token,
                definition: JSON.stringify(DEF),
                action: 'load',
                channel: 'web',
                name: 'x1',
                role: 'admin',
                password: 'mật-khẩu-dài',
                serial: f.open.serial,
                reason: 'x',
              }).toString(),
            });
      if (![401, 403].includes(res.statusCode)) got.push(`${r.method} ${url}: ${res.statusCode}`);
    }
    expect(got).toEqual([]);
    const after = tableCounts(dbPath);
    // Logging in writes nothing either; only the audit log could have grown, and it has not.
    expect(after).toEqual(before);
  });

  it('cannot read conflicts or resolve them, by page, API or post', async () => {
    const token = await deskToken(minh);
    const refused = [
      await get(`/entry/conflicts?campaign=${C}`, minh),
      await get(`/entry/conflicts/${C}/${f.conflict.serial}`, minh),
      await get(`/api/v1/campaigns/${C}/conflicts?format=csv`, minh),
      await app.inject({
        method: 'POST',
        url: `/entry/conflicts/${C}/${f.conflict.serial}`,
        headers: { cookie: minh },
        payload: { _csrf: token, 'd.SA.1': 'pass2', 'd.SB.3': 'pass2' },
      }),
      await app.inject({
        method: 'POST',
        url: '/entry/invalidate',
        headers: { cookie: minh },
        payload: { _csrf: token, campaign: C, serial: f.conflict.serial, reason: 'Phiếu trùng' },
      }),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403]);
    for (const r of refused) expect(r.body).not.toMatch(/pass1|"lan"/);
    const status = listForms(app.db, getCampaign(app.db, C)!.id).find((x) => x.serial === f.conflict.serial)!.status;
    expect(status).toBe('conflict');
  });

  it("never receives another keyer's pass: the desk sends pass 2 the matrix only", async () => {
    // lan keys pass 1 of a fresh form with a telltale pattern; another keyer then opens it for pass 2.
    const serial = f.g2.get('SF')!.serial;
    const token = await deskToken(lan);
    const saved = await app.inject({
      method: 'POST',
      url: `/entry/form/${C}/${serial}/pass`,
      headers: { cookie: lan, 'csrf-token': token },
      payload: { cells: QUESTIONS.map((question, i) => ({ unit: 'SF', question, answer: ['4', '*', ''][i] })) },
    });
    expect(saved.json()).toMatchObject({ pass: 1, formStatus: 'keyed_once' });
    const hoa = await loginAs(app, 'hoa', 'keyer');
    const view = await get(`/entry/form/${C}/${serial}`, hoa);
    expect(view.statusCode).toBe(200);
    const body = view.json();
    expect(body.pass).toBe(2);
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
    // Nothing anywhere in it names a keyed value, a cell state or who keyed.
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          keys.add(k);
          walk(x);
        }
    };
    walk(body);
    expect([...keys].filter((k) => /answer|value|cell|keyed|operator|pass1/i.test(k))).toEqual([]);
    expect(view.body).not.toContain('"lan"');
    expect(view.body).not.toContain('"*"');
    // The desk page itself carries no pass either.
    const desk = await get(`/entry?campaign=${C}`, hoa);
    expect(desk.body).not.toMatch(/\blan\b/);
    // The pass-1 keyer cannot take pass 2 of their own form.
    expect((await get(`/entry/form/${C}/${serial}`, lan)).statusCode).toBe(409);
  });
});
