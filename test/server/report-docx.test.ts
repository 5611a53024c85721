/** The Word report (issue 14): the .docx opened as a zip and its XML read by a browser's strict parser — the package's parts, the heading block, page set-up, every text of the model, tables, pictures and properties. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportDocx } from '../../server/render/report-docx';
import type { ReportBlock, ReportDocument } from '../../surveys/report/document';
import { launchBrowser } from '../helpers/browser';
import { REPORT_FIXTURE } from '../helpers/report-fixture';
import { zipBytes, zipEntry, zipNames } from '../helpers/zip';

/** A paragraph as the test sees it: its text (every w:t joined), style, and the properties the layout rules set. */
type P = {
  kind: 'p';
  text: string;
  style: string | null;
  jc: string | null;
  pageBreakBefore: boolean;
  firstLine: string | null;
  /** Run properties of the first run: bold, italic, underline, size in half-points. */
  b: boolean;
  i: boolean;
  u: boolean;
  sz: string | null;
  drawing: boolean;
};
type Tbl = { kind: 'tbl'; grid: number[]; borders: string[]; rows: { header: boolean; cells: P[][] }[] };
type Parsed = { error?: string; body?: (P | Tbl)[] };

/**
 * Runs in the browser: DOMParser in XML mode is a strict, namespace-aware parser, so a part that is not well-formed
 * comes back as an error; otherwise the body's paragraphs (of a part that has a body) and tables are summarised.
 */
const summarise = (xml: string): Parsed => {
  const NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const d = new DOMParser().parseFromString(xml, 'application/xml');
  const err = d.getElementsByTagName('parsererror')[0];
  if (err) return { error: err.textContent ?? 'parsererror' };
  const kids = (el: Element, name: string) => Array.from(el.children).filter((c) => c.namespaceURI === NS && c.localName === name);
  const one = (el: Element | undefined, name: string) => (el ? (el.getElementsByTagNameNS(NS, name)[0] as Element | undefined) : undefined);
  const val = (el: Element | undefined) => el?.getAttributeNS(NS, 'val') ?? el?.getAttribute('w:val') ?? null;
  const para = (p: Element): P => {
    const pPr = kids(p, 'pPr')[0];
    const rPr = one(kids(p, 'r')[0], 'rPr');
    return {
      kind: 'p',
      text: Array.from(p.getElementsByTagNameNS(NS, 't'))
        .map((t) => t.textContent)
        .join(''),
      style: val(one(pPr, 'pStyle')),
      jc: val(one(pPr, 'jc')),
      pageBreakBefore: !!one(pPr, 'pageBreakBefore'),
      firstLine: one(pPr, 'ind')?.getAttributeNS(NS, 'firstLine') ?? null,
      b: !!one(rPr, 'b'),
      i: !!one(rPr, 'i'),
      u: !!one(rPr, 'u'),
      sz: val(one(rPr, 'sz')),
      drawing: p.getElementsByTagNameNS(NS, 'drawing').length > 0,
    };
  };
  const body = d.getElementsByTagNameNS(NS, 'body')[0];
  if (!body) return {};
  return {
    body: Array.from(body.children)
      .filter((el) => el.localName === 'p' || el.localName === 'tbl')
      .map((el): P | Tbl =>
        el.localName === 'p'
          ? para(el)
          : {
              kind: 'tbl',
              grid: Array.from(el.getElementsByTagNameNS(NS, 'gridCol')).map((g) => Number(g.getAttributeNS(NS, 'w'))),
              borders: Array.from(one(el, 'tblBorders')?.children ?? []).map((b) => `${b.localName}:${val(b)}`),
              rows: kids(el, 'tr').map((tr) => ({
                header: !!one(kids(tr, 'trPr')[0], 'tblHeader'),
                cells: kids(tr, 'tc').map((tc) => kids(tc, 'p').map(para)),
              })),
            },
      ),
  };
};

let browser: Browser;
let page: Page;
let docx: Buffer;
let body: (P | Tbl)[];

async function parse(xml: string): Promise<Parsed> {
  return page.evaluate(summarise, xml);
}

beforeAll(async () => {
  docx = await reportDocx(REPORT_FIXTURE);
  browser = await launchBrowser();
  page = await browser.newPage();
  const parsed = await parse(zipEntry(docx, 'word/document.xml')!);
  expect(parsed.error).toBeUndefined();
  body = parsed.body!;
});
afterAll(async () => {
  await browser?.close();
});

const paragraphs = () => body.filter((b): b is P => b.kind === 'p');
const tables = () => body.filter((b): b is Tbl => b.kind === 'tbl');
const paragraph = (text: string) => {
  const found = paragraphs().filter((p) => p.text === text);
  expect(found, text).toHaveLength(1);
  return found[0];
};
const modelTables = REPORT_FIXTURE.blocks.filter((b): b is Extract<ReportBlock, { kind: 'table' }> => b.kind === 'table');
const attr = (xml: string, element: string, name: string) => new RegExp(`<${element}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];

describe('the .docx package', () => {
  it('is a well-formed package: content types, relationships and every XML part parse strictly', async () => {
    const names = zipNames(docx);
    const types = zipEntry(docx, '[Content_Types].xml')!;
    expect(types).toContain(
      '<Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" PartName="/word/document.xml"/>',
    );
    expect(types).toContain('<Default ContentType="image/png" Extension="png"/>');
    // Every part named by an override is in the zip.
    for (const [, part] of types.matchAll(/PartName="\/([^"]+)"/g)) expect(names, part).toContain(part);
    // The package's root relationship leads to the document.
    expect(zipEntry(docx, '_rels/.rels')).toMatch(
      /Type="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships\/officeDocument" Target="word\/document.xml"/,
    );
    // Every relationship of the document points at a part that exists, and every id the document uses is defined.
    const rels = zipEntry(docx, 'word/_rels/document.xml.rels')!;
    const ids = new Set<string>();
    for (const [, id, target] of rels.matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"/g)) {
      ids.add(id);
      expect(names, target).toContain(`word/${target}`);
    }
    const document = zipEntry(docx, 'word/document.xml')!;
    for (const [, id] of document.matchAll(/r:(?:embed|id)="([^"]+)"/g)) expect(ids, id).toContain(id);
    for (const name of names.filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
      expect((await parse(zipEntry(docx, name)!)).error, name).toBeUndefined();
    }
  });

  it('sets A4 and the decree margins in twips (top and bottom 20 mm, left 30 mm, right 15 mm), page numbers in the top margin from page 2', () => {
    const xml = zipEntry(docx, 'word/document.xml')!;
    expect(attr(xml, 'w:pgSz', 'w:w')).toBe('11906');
    expect(attr(xml, 'w:pgSz', 'w:h')).toBe('16838');
    expect(attr(xml, 'w:pgMar', 'w:top')).toBe('1134');
    expect(attr(xml, 'w:pgMar', 'w:bottom')).toBe('1134');
    expect(attr(xml, 'w:pgMar', 'w:left')).toBe('1701');
    expect(attr(xml, 'w:pgMar', 'w:right')).toBe('850');
    // A first page of its own (titlePg) with an empty header; the other pages' header holds the PAGE field.
    expect(xml).toContain('<w:titlePg/>');
    const first = /<w:headerReference w:type="first" r:id="([^"]+)"/.exec(xml)![1];
    const others = /<w:headerReference w:type="default" r:id="([^"]+)"/.exec(xml)![1];
    const rels = zipEntry(docx, 'word/_rels/document.xml.rels')!;
    const part = (id: string) => zipEntry(docx, `word/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1]}`)!;
    expect(part(others)).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
    expect(part(others)).toContain('<w:jc w:val="center"/>');
    expect(part(first)).not.toContain('PAGE');
  });

  it('names Times New Roman 14 pt in Vietnamese as the document default, with 1.2 lines and 6 pt between paragraphs', () => {
    const styles = zipEntry(docx, 'word/styles.xml')!;
    const defaults = /<w:docDefaults>.*<\/w:docDefaults>/.exec(styles)![0];
    expect(defaults).toContain('<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"/>');
    expect(defaults).toContain('<w:sz w:val="28"/>');
    expect(defaults).toContain('<w:lang w:val="vi-VN"/>');
    expect(defaults).toContain('<w:spacing w:after="120" w:before="0" w:line="288" w:lineRule="auto"/>');
  });

  it('carries the document properties: title from the model, creator «Sở Nội vụ»', () => {
    const core = zipEntry(docx, 'docProps/core.xml')!;
    expect(core).toContain('<dc:title>Báo cáo kết quả điều tra xã hội học LCU-2020</dc:title>');
    expect(core).toContain('<dc:creator>Sở Nội vụ</dc:creator>');
  });
});

describe('the heading block and title', () => {
  it('is a borderless two-column table: the parent and the body over the number, the national name and motto over the place and date', () => {
    const head = body[0] as Tbl;
    expect(head.kind).toBe('tbl');
    expect(head.grid).toHaveLength(2);
    expect(head.grid[0] + head.grid[1]).toBe(9355);
    expect(head.borders.every((b) => b.endsWith(':none'))).toBe(true);
    const [top, bottom] = head.rows;
    const [parent, org, rule] = top.cells[0];
    expect(parent).toMatchObject({ text: 'UBND TỈNH LAI CHÂU', b: false, sz: '26', jc: 'center' });
    expect(org).toMatchObject({ text: 'SỞ NỘI VỤ', b: true, sz: '26', jc: 'center' });
    expect(rule.text).toBe('');
    const [nation, motto] = top.cells[1];
    expect(nation).toMatchObject({ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', b: true, sz: '24', jc: 'center' });
    expect(motto).toMatchObject({ text: 'Độc lập - Tự do - Hạnh phúc', b: true, u: true, sz: '26' });
    expect(bottom.cells[0][0]).toMatchObject({ text: 'Số:      /BC-SNV', jc: 'center' });
    expect(bottom.cells[1][0]).toMatchObject({ text: 'Lai Châu, ngày 15 tháng 12 năm 2020', i: true, jc: 'center' });
    // The short rule under the body's name: a bottom border on an empty paragraph, narrowed and centred by equal indents.
    expect(zipEntry(docx, 'word/document.xml')!).toMatch(
      /SỞ NỘI VỤ<\/w:t><\/w:r><\/w:p><w:p><w:pPr><w:pBdr><w:bottom w:val="single"[^>]*\/><\/w:pBdr><w:spacing [^>]*\/><w:ind w:left="(\d+)" w:right="\1"/,
    );
  });

  it('follows with «BÁO CÁO» and the subject, bold and centred', () => {
    expect(body[1]).toMatchObject({ kind: 'p', text: 'BÁO CÁO', b: true, jc: 'center' });
    expect(body[2]).toMatchObject({ kind: 'p', text: REPORT_FIXTURE.heading.subject, b: true, jc: 'center' });
  });
});

describe('the blocks of the model', () => {
  it('writes every heading in its Word heading style (I. Heading1, 1. Heading2, a) Heading3) so the navigation pane lists them', () => {
    for (const b of REPORT_FIXTURE.blocks) if (b.kind === 'heading') expect(paragraph(b.text).style).toBe(`Heading${b.level}`);
    const styles = zipEntry(docx, 'word/styles.xml')!;
    const style = (id: string) => new RegExp(`<w:style w:type="paragraph" w:styleId="${id}">.*?</w:style>`).exec(styles)![0];
    expect(style('Heading1')).toContain('<w:outlineLvl w:val="0"/>');
    expect(style('Heading1')).toContain('<w:caps/>');
    expect(style('Heading2')).toContain('<w:outlineLvl w:val="1"/>');
    expect(style('Heading3')).toContain('<w:outlineLvl w:val="2"/>');
    expect(style('Heading3')).toMatch(/<w:b\/>.*<w:i\/>/);
    for (const id of ['Heading1', 'Heading2', 'Heading3']) {
      expect(style(id)).toContain('<w:color w:val="000000"/>');
      expect(style(id)).toContain('w:ascii="Times New Roman"');
    }
  });

  it('writes every paragraph whole, justified with a 1.27 cm first-line indent, italic where the model says', () => {
    for (const b of REPORT_FIXTURE.blocks) {
      if (b.kind !== 'paragraph') continue;
      expect(paragraph(b.text)).toMatchObject({ jc: 'both', firstLine: '720', i: !!b.italic });
    }
  });

  it('writes every table cell of the model in order, escaped and with every diacritic, captions above and notes below in italic', () => {
    const docTables = tables().slice(1, -1); // the heading block and the closing block are layout tables
    expect(docTables).toHaveLength(modelTables.length);
    modelTables.forEach((m, k) => {
      const t = docTables[k];
      const texts = t.rows.map((r) => r.cells.map((c) => c.map((p) => p.text).join('\n')));
      expect(texts).toEqual([...m.head, ...m.rows].map((r) => r.map((c) => c.text)));
      // The caption is the paragraph just before the table, the note (if any) just after.
      const at = body.indexOf(t);
      expect(body[at - 1]).toMatchObject({ kind: 'p', text: m.caption, style: 'Caption' });
      if (m.note) expect(body[at + 1]).toMatchObject({ kind: 'p', text: m.note, i: true });
    });
    // «&» and «<» in a unit's name are escaped in the XML and read back as written.
    const xml = zipEntry(docx, 'word/document.xml')!;
    expect(xml).toContain('Ban Quản lý Khu kinh tế &amp; Khu công nghiệp &lt;Ma Lù Thàng&gt;');
    expect(paragraphs().some((p) => p.text === 'Ban Quản lý Khu kinh tế & Khu công nghiệp <Ma Lù Thàng>')).toBe(false);
    expect(docTables[1].rows.some((r) => r.cells[1][0].text === 'Ban Quản lý Khu kinh tế & Khu công nghiệp <Ma Lù Thàng>')).toBe(true);
  });

  it('repeats exactly the head rows on every page and sets column widths from the model, numbers right-aligned', () => {
    const docTables = tables().slice(1, -1);
    modelTables.forEach((m, k) => {
      const t = docTables[k];
      expect(t.rows.map((r) => r.header)).toEqual([...m.head.map(() => true), ...m.rows.map(() => false)]);
      expect(t.borders).toEqual(['top:single', 'left:single', 'bottom:single', 'right:single', 'insideH:single', 'insideV:single']);
      // Relative widths become twips of the 165 mm text width, each within a twip of its share, adding up exactly.
      const total = m.widths.reduce((a, b) => a + b, 0);
      expect(t.grid.reduce((a, b) => a + b, 0)).toBe(9355);
      t.grid.forEach((w, i) => expect(Math.abs(w - (m.widths[i] / total) * 9355), `${m.caption} column ${i}`).toBeLessThan(1));
      m.rows.forEach((row, r) =>
        row.forEach((cell, c) =>
          expect(t.rows[m.head.length + r].cells[c][0].jc).toBe(cell.align === 'right' ? 'right' : cell.align === 'center' ? 'center' : 'left'),
        ),
      );
    });
    // The unit × criterion table (13 columns) is set in a smaller type than the settings table (2 columns).
    expect(docTables[2].rows[2].cells[0][0].sz).toBe('20');
    expect(docTables[3].rows[1].cells[0][0].sz).toBe('26');
  });

  it('embeds each chart as a 300 dpi PNG at its size on the page, its caption below', () => {
    const media = zipNames(docx).filter((n) => n.startsWith('word/media/'));
    const charts = REPORT_FIXTURE.blocks.filter((b): b is Extract<ReportBlock, { kind: 'chart' }> => b.kind === 'chart');
    expect(media).toHaveLength(charts.length);
    const xml = zipEntry(docx, 'word/document.xml')!;
    const extents = [...xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => [Number(m[1]), Number(m[2])]);
    charts.forEach((c, i) => {
      const png = zipBytes(docx, media[i])!;
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(png.length).toBeGreaterThan(20_000);
      // 160 mm at 300 dpi is 1890 pixels; the IHDR chunk holds width and height.
      expect(Math.abs(png.readUInt32BE(16) - (c.width / 25.4) * 300)).toBeLessThan(3);
      expect(Math.abs(png.readUInt32BE(20) - (c.height / 25.4) * 300)).toBeLessThan(3);
      // On the page: the model's size in EMU (914,400 to the inch), to the pixel.
      expect(Math.abs(extents[i][0] - (c.width / 25.4) * 914_400)).toBeLessThan(9525);
      expect(Math.abs(extents[i][1] - (c.height / 25.4) * 914_400)).toBeLessThan(9525);
      const picture = paragraphs().filter((p) => p.drawing)[i];
      expect(body[body.indexOf(picture) + 1]).toMatchObject({ text: c.caption, style: 'Caption' });
    });
  });

  it('starts the block after a page break on a new page, without an empty paragraph', () => {
    const after = REPORT_FIXTURE.blocks.flatMap((b, i) => (b.kind === 'page-break' ? [REPORT_FIXTURE.blocks[i + 1]] : []));
    expect(after.length).toBeGreaterThan(0);
    for (const b of after) expect(paragraph((b as { text: string }).text).pageBreakBefore).toBe(true);
    expect(paragraphs().filter((p) => p.pageBreakBefore)).toHaveLength(after.length);
  });

  it('ends with «Nơi nhận:» (bold italic 12 pt) and the recipients (11 pt, «- …;», the last closed with a full stop) beside the signer', () => {
    const end = tables().at(-1)!;
    expect(end.borders.every((b) => b.endsWith(':none'))).toBe(true);
    const [left, right] = end.rows[0].cells;
    expect(left[0]).toMatchObject({ text: 'Nơi nhận:', b: true, i: true, sz: '24' });
    expect(left.slice(1).map((p) => p.text)).toEqual([
      '- UBND tỉnh (b/c);',
      '- Hội đồng thẩm định Chỉ số CCHC tỉnh;',
      '- Các sở, ban, ngành tỉnh;',
      '- UBND các huyện, thành phố;',
      '- Lưu: VT, CCHC.',
    ]);
    expect(left.slice(1).every((p) => p.sz === '22')).toBe(true);
    expect(right[0]).toMatchObject({ text: 'GIÁM ĐỐC', b: true, jc: 'center' });
    // Room to sign and seal below the title.
    expect(right.slice(1).filter((p) => p.text === '').length).toBeGreaterThanOrEqual(4);
  });
});

describe('edge cases', () => {
  const bare = (blocks: ReportBlock[], recipients = ['- Như trên;', 'Lưu: VT.']): ReportDocument => ({ ...REPORT_FIXTURE, blocks, recipients });

  it('starts no browser for a document without charts', async () => {
    // A Chromium path that does not exist fails the moment a browser is launched.
    const out = await reportDocx(bare([{ kind: 'paragraph', text: 'Không có biểu đồ.' }]), { chromium: '/nonexistent/chromium' });
    expect(zipNames(out).filter((n) => n.startsWith('word/media/'))).toEqual([]);
    await expect(reportDocx(bare([REPORT_FIXTURE.blocks.find((b) => b.kind === 'chart')!]), { chromium: '/nonexistent/chromium' })).rejects.toThrow(
      /Chromium not found/,
    );
  });

  it('leaves out a table with no rows, which Word cannot open, keeping its caption and note', async () => {
    const out = await reportDocx(
      bare([{ kind: 'table', caption: 'Bảng 9. Không có số liệu', head: [], rows: [], widths: [1, 1], note: 'Ghi chú: chưa có phiếu.' }]),
    );
    const xml = zipEntry(out, 'word/document.xml')!;
    // Only the heading block and the closing block remain as tables.
    expect(xml.match(/<w:tbl>/g)).toHaveLength(2);
    expect(xml.match(/<w:tbl>.*?<\/w:tbl>/gs)!.every((t) => t.includes('<w:tr>'))).toBe(true);
    expect(xml).toContain('Bảng 9. Không có số liệu');
    expect(xml).toContain('Ghi chú: chưa có phiếu.');
  });

  it('puts a page break that ends the blocks before «Nơi nhận», the closing block then starting the next page', async () => {
    const out = await reportDocx(bare([{ kind: 'paragraph', text: 'Kết luận.' }, { kind: 'page-break' }]));
    expect(zipEntry(out, 'word/document.xml')!).toMatch(
      /Kết luận\.<\/w:t><\/w:r><\/w:p><w:p>(?:(?!<\/w:p>).)*<w:br w:type="page"\/>(?:(?!<w:tbl>).)*<w:tbl>(?:(?!<\/w:tbl>).)*Nơi nhận:/s,
    );
  });

  it('spans a group row across its columns, centres the annex title and keeps a caption with the first rows (issue 14, finding 13)', async () => {
    const rows = [
      [
        { text: 'Sở, ban, ngành', bold: true, span: 2 },
        { text: '20,00', align: 'right' as const },
      ],
      ...['C1', 'C2', 'C3', 'C4'].map((x) => [{ text: x }, { text: 'Tiêu chí' }, { text: '2,00' }]),
    ];
    const xml = zipEntry(
      await reportDocx(
        bare([
          { kind: 'table', caption: 'Bảng 18. Tiêu chí', head: [[{ text: 'Mã' }, { text: 'Tiêu chí' }, { text: 'Điểm tối đa' }]], rows, widths: [10, 60, 30] },
          { kind: 'heading', level: 1, text: 'PHỤ LỤC', center: true },
        ]),
      ),
      'word/document.xml',
    )!;
    const table = /<w:tbl>((?:(?!<\/w:tbl>).)*Sở, ban, ngành(?:(?!<\/w:tbl>).)*)<\/w:tbl>/s.exec(xml)![1];
    const trs = table.match(/<w:tr>.*?<\/w:tr>/gs)!;
    // The level's row: one cell over the code and name columns (70 % of the text width), then the maximum: 2 cells.
    expect(trs[1].match(/<w:tc>/g)).toHaveLength(2);
    expect(trs[1]).toContain('<w:gridSpan w:val="2"/>');
    // Head and the first three rows keep with the next; the last rows do not.
    expect(trs.map((tr) => tr.includes('<w:keepNext/>'))).toEqual([true, true, true, true, false, false]);
    expect(xml).toMatch(/<w:p><w:pPr><w:pStyle w:val="Heading1"\/>(?:(?!<\/w:pPr>).)*<w:jc w:val="center"\/>(?:(?!<\/w:p>).)*PHỤ LỤC/s);
  });

  it('signs before the annex: «Nơi nhận» and the signer come after the body and before the block at annexFrom', async () => {
    const doc = { ...bare([{ kind: 'paragraph', text: 'Kết luận.' }, { kind: 'page-break' }, { kind: 'heading', level: 1, text: 'PHỤ LỤC' }]), annexFrom: 1 };
    const xml = zipEntry(await reportDocx(doc), 'word/document.xml')!;
    const [body, signed, annex] = ['Kết luận.', 'Nơi nhận:', 'PHỤ LỤC'].map((t) => xml.indexOf(t));
    expect(body).toBeGreaterThan(0);
    expect(body < signed && signed < annex).toBe(true);
    expect(xml.match(/Nơi nhận:/g)).toHaveLength(1);
  });

  it('drops characters XML cannot carry (docx does), scales a chart wider than the text, and does not double the recipients’ dashes', async () => {
    const chart = REPORT_FIXTURE.blocks.find((b): b is Extract<ReportBlock, { kind: 'chart' }> => b.kind === 'chart')!;
    const out = await reportDocx(
      bare([
        { kind: 'paragraph', text: 'Mở\u0001 đầu\u000b' },
        { ...chart, width: 330, height: 100 },
      ]),
    );
    const parsed = await parse(zipEntry(out, 'word/document.xml')!);
    expect(parsed.error).toBeUndefined();
    expect(parsed.body!.some((b) => b.kind === 'p' && b.text === 'Mở đầu')).toBe(true);
    // 330 × 100 mm becomes 165 × 50 mm, the width between the margins.
    const [, cx, cy] = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(zipEntry(out, 'word/document.xml')!)!;
    expect(Math.abs(Number(cx) - (165 / 25.4) * 914_400)).toBeLessThan(9525);
    expect(Math.abs(Number(cy) - (50 / 25.4) * 914_400)).toBeLessThan(9525);
    const end = parsed.body!.filter((b): b is Tbl => b.kind === 'tbl').at(-1)!;
    expect(end.rows[0].cells[0].map((p) => p.text)).toEqual(['Nơi nhận:', '- Như trên;', '- Lưu: VT.']);
  });
});

/** Checks by programs that read .docx files themselves, where the machine has them (python-docx, LibreOffice); skipped otherwise. */
const hasPythonDocx = spawnSync('python3', ['-c', 'import docx'], { stdio: 'ignore' }).status === 0;
const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' }).status === 0;

describe('read by other programs', () => {
  it.skipIf(!hasPythonDocx)('opens in python-docx with its headings and tables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-docx-'));
    try {
      writeFileSync(join(dir, 'r.docx'), docx);
      const out = execFileSync(
        'python3',
        [
          '-c',
          'import docx,sys; d=docx.Document(sys.argv[1]); print(len(d.tables)); print("\\n".join(p.text for p in d.paragraphs if p.style.name.startswith("Heading")))',
          join(dir, 'r.docx'),
        ],
        { encoding: 'utf8' },
      );
      const [count, ...headings] = out.trim().split('\n');
      expect(Number(count)).toBe(modelTables.length + 2);
      expect(headings).toEqual(REPORT_FIXTURE.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : [])));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasSoffice)('converts to PDF in LibreOffice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-docx-'));
    try {
      writeFileSync(join(dir, 'r.docx'), docx);
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'r.docx')], { stdio: 'ignore', timeout: 120_000 });
      expect(readFileSync(join(dir, 'r.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
