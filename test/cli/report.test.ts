/** `report` through the real CLI on the sample campaign with answers: Word, HTML and PDF name every scored unit with its survey points (decimal comma, diacritics intact); bad output paths are refused with exit status 1. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeDb, openDb } from '../../db/open';
import { scoreStored } from '../../db/scores.repo';
import { csvNum, summaryRows } from '../../surveys/exports';
import { answerEveryForm } from '../helpers/answer-all';
import { runCli, tempDir } from '../helpers/cli';
import { zipEntry } from '../helpers/zip';
import { SAMPLE_CAMPAIGN, seedCampaign } from '../helpers/seed';

const dir = tempDir();
const db = join(dir, 'cchc.db');
let units: { name: string; points: string }[] = [];

/** The text of every page of a PDF, as pdfjs reads it from the embedded fonts' character maps. */
async function pdfText(path: string): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(path)) }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((x) => ('str' in x ? x.str : '')).join(''));
  }
  await doc.destroy();
  return pages.join('\n');
}

/** The text of each table row of a .docx (word/document.xml), XML entities decoded: a unit's name and points share a row. */
function docxRows(path: string): string[] {
  const xml = zipEntry(readFileSync(path), 'word/document.xml') ?? '';
  const decode = (t: string) =>
    t
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1])).join(' '),
  );
}

// Names wrap inside table cells: compare without white space, in Unicode NFC.
const squeeze = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

beforeAll(() => {
  const handle = openDb(db);
  const { c } = seedCampaign(handle, { file: SAMPLE_CAMPAIGN });
  answerEveryForm(handle, c.code);
  // The same campaign under another code, nothing answered yet: its levels have no counted answers (issue 14).
  seedCampaign(handle, { file: SAMPLE_CAMPAIGN, patch: (raw) => void (raw.code = 'LCU-2026') });
  units = summaryRows(c.def, scoreStored(handle, c), csvNum).rows.map((r) => ({
    name: String(r.unit_name),
    points: String(r.survey_points).replace('.', ','),
  }));
  closeDb(handle);
});

describe('report', () => {
  it('writes the HTML report with every unit’s name and survey points', () => {
    const out = join(dir, 'bao-cao.html');
    const r = runCli(db, ['report', 'LCU-2020', '--out', out, '--replicates', '200']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('report: 200 replicates');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<h2>I. MỤC ĐÍCH, PHƯƠNG PHÁP VÀ MẪU KHẢO SÁT</h2>');
    expect(units.length).toBe(28);
    for (const u of units) {
      // The ranked table's row: rank, name, then the points right-aligned.
      expect(html, u.name).toContain(`<td class="left">${u.name}</td><td class="right">${u.points}</td>`);
    }
    expect(html).not.toMatch(/\bNaN\b|>null<|undefined/);
  }, 120_000);

  it('says a level without counted answers in one sentence, with no ranking of zeros, and a comparison with it in one sentence (issue 14, findings 3 and 4)', () => {
    const empty = join(dir, 'bao-cao-2026.html');
    const r = runCli(db, ['report', 'LCU-2026', '--out', empty, '--replicates', '100']);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(empty, 'utf8');
    expect(html).toMatch(/Chưa có câu trả lời nào được tính điểm cho \d+ đơn vị thuộc sở, ban, ngành: chưa có điểm và xếp hạng của cấp này\./);
    expect(html).not.toContain('Điểm cao nhất');
    expect(html).not.toContain('thứ tự chưa rõ</td>');
    const compared = join(dir, 'bao-cao-so-sanh.html');
    const c = runCli(db, ['report', 'LCU-2020', '--out', compared, '--replicates', '100', '--compare', 'LCU-2026']);
    expect(c.status, c.stderr).toBe(0);
    const text = readFileSync(compared, 'utf8');
    expect(text).toContain('(LCU-2026) chưa có câu trả lời nào được tính điểm cho các đơn vị này: chưa so sánh được.');
    expect(text).not.toContain('Thay đổi so với đợt LCU-2026');
    expect(text).not.toContain('Điểm đợt trước');
  }, 120_000);

  it('writes the PDF through Chromium: every unit’s name with its diacritics and its points are in the text', async () => {
    const out = join(dir, 'bao-cao.pdf');
    const r = runCli(db, ['report', 'LCU-2020', '--out', out, '--replicates', '200']);
    expect(r.status, r.stderr).toBe(0);
    const text = squeeze(await pdfText(out));
    expect(text).toContain(squeeze('BÁO CÁO'));
    expect(text).toContain(squeeze('III. CHẤT LƯỢNG DỮ LIỆU VÀ HẠN CHẾ'));
    for (const u of units) expect(text, u.name).toContain(squeeze(`${u.name}${u.points}`));
  }, 180_000);

  it('writes the Word file: a table row of word/document.xml holds every unit’s name and its points', () => {
    const out = join(dir, 'bao-cao.docx');
    const r = runCli(db, ['report', 'LCU-2020', '--out', out, '--replicates', '200']);
    expect(r.status, r.stderr).toBe(0);
    const rows = docxRows(out).map(squeeze);
    expect(rows.length).toBeGreaterThan(units.length);
    for (const u of units)
      expect(
        rows.some((row) => row.includes(squeeze(u.name)) && row.includes(squeeze(u.points))),
        u.name,
      ).toBe(true);
    const xml = zipEntry(readFileSync(out), 'word/document.xml') ?? '';
    expect(xml).toContain('III. CHẤT LƯỢNG DỮ LIỆU VÀ HẠN CHẾ');
    expect(xml).not.toMatch(/\bNaN\b|>null<|undefined/);
  }, 180_000);

  it('refuses an output it cannot write with exit status 1, before any work', () => {
    const txt = runCli(db, ['report', 'LCU-2020', '--out', join(dir, 'r.txt')]);
    expect(txt.status).toBe(1);
    expect(txt.stderr).toContain('--out must end in .html, .pdf or .docx');
    expect(runCli(db, ['report', 'LCU-2020']).stderr).toContain('--out is required');
    const bad = runCli(db, ['report', 'LCU-2020', '--out', join(dir, 'r.html'), '--replicates', '5']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--replicates');
    expect(existsSync(join(dir, 'r.html'))).toBe(false);
    expect(runCli(db, ['report', 'LCU-2020', '--out', join(dir, 'r.html'), '--compare', 'NOPE']).stderr).toContain('unknown campaign "NOPE"');
  });
});
