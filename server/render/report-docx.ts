/** The results report as a Word file (.docx), laid out as Nghị định 30/2020/NĐ-CP (Phụ lục I) sets out an administrative document: A4, Times New Roman, the heading block, numbered headings as Word heading styles, tables, charts as pictures, «Nơi nhận» and the signer. */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { ReportBlock, ReportCell, ReportDocument } from '../../surveys/report/document';
import { chartPngs, cssPx } from './chart-images';

export type ReportDocxOptions = {
  /** CHROMIUM_PATH for drawing the charts (see chromium.ts). */
  chromium?: string;
};

const twips = (mm: number) => Math.round((mm * 1440) / 25.4);
/** Word sizes fonts in half-points. */
const pt = (points: number) => points * 2;

// Phụ lục I: A4 portrait; margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const PAGE = { width: twips(210), height: twips(297) };
const MARGIN = { top: twips(20), bottom: twips(20), left: twips(30), right: twips(15), header: twips(10), footer: twips(10) };
/** The width of the text between the margins: 165 mm, 9355 twips. */
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const TEXT_WIDTH_MM = 210 - 30 - 15;

const FONT = 'Times New Roman';
const BODY_SIZE = pt(14);
/** First-line indent of body paragraphs: 1.27 cm. */
const FIRST_LINE = twips(12.7);
/** 1.2 lines (240 is one line) and at least 6 pt between paragraphs. */
const BODY_SPACING = { line: 288, lineRule: LineRuleType.AUTO, before: 0, after: 120 };
const SINGLE = { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 };

const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const GRID_BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

type RunStyle = { size?: number; bold?: boolean; italics?: boolean; underline?: boolean };

/**
 * The report as .docx bytes. Charts are drawn to PNG first (one browser for all of them), then the document is
 * assembled; a document without charts never starts a browser.
 */
export async function reportDocx(doc: ReportDocument, opts: ReportDocxOptions = {}): Promise<Buffer> {
  const charts = doc.blocks.filter((b): b is Extract<ReportBlock, { kind: 'chart' }> => b.kind === 'chart');
  const sizes = charts.map((c) => fitToText(c.width, c.height));
  const pngs = await chartPngs(
    charts.map((c, i) => ({ svg: c.svg, ...sizes[i] })),
    { chromium: opts.chromium },
  );

  const children: (Paragraph | Table)[] = [headingBlock(doc), ...titleBlock(doc)];
  let breakBefore = false;
  let chart = 0;
  // The signature closes the report's body; the annex (from `annexFrom`) follows it, as the HTML and PDF lay it out.
  const closeAt = doc.annexFrom ?? doc.blocks.length;
  for (const [i, block] of doc.blocks.entries()) {
    if (i === closeAt) children.push(closingBlock(doc));
    if (block.kind === 'page-break') {
      breakBefore = true;
      continue;
    }
    if (block.kind === 'chart') {
      children.push(...chartBlock(block.caption, pngs[chart], sizes[chart], breakBefore));
      chart++;
    } else if (block.kind === 'table') children.push(...tableBlock(block, breakBefore));
    else if (block.kind === 'heading') children.push(headingParagraph(block.level, block.text, breakBefore, block.center));
    else children.push(bodyParagraph(block.text, { italics: block.italic }, breakBefore));
    breakBefore = false;
  }
  // A break with nothing after it but the closing block: a table row cannot start a page on its own in every reader.
  if (breakBefore) children.push(new Paragraph({ spacing: SINGLE, children: [new PageBreak()] }));
  if (closeAt >= doc.blocks.length) children.push(closingBlock(doc));

  const document = new Document({
    title: doc.name,
    subject: doc.heading.subject,
    creator: 'Sở Nội vụ',
    lastModifiedBy: 'Sở Nội vụ',
    styles: STYLES,
    sections: [
      {
        properties: {
          page: { size: PAGE, margin: MARGIN },
          // Phụ lục I: page numbers centred in the top margin, none on the first page.
          titlePage: true,
        },
        headers: {
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, spacing: SINGLE, children: [new TextRun({ children: [PageNumber.CURRENT] })] })],
          }),
          first: new Header({ children: [new Paragraph({ spacing: SINGLE })] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** Word's own styles, restated in the decree's terms, so headings show in the navigation pane and captions can be listed. */
const STYLES = {
  default: {
    document: {
      run: { font: FONT, size: BODY_SIZE, language: { value: 'vi-VN' } },
      paragraph: { spacing: BODY_SPACING },
    },
    heading1: headingStyle({ bold: true, allCaps: true }, 0),
    heading2: headingStyle({ bold: true }, 1),
    heading3: headingStyle({ bold: true, italics: true }, 2),
    caption: {
      run: { font: FONT, size: pt(13), bold: true, italics: false, color: '000000' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { ...SINGLE, before: 120, after: 120 }, indent: { firstLine: 0 } },
    },
  },
};

function headingStyle(run: { bold?: boolean; italics?: boolean; allCaps?: boolean }, outlineLevel: number) {
  return {
    // Word's built-in headings are coloured and sized for screens; a report to the People's Committee is black on white.
    run: { font: FONT, size: BODY_SIZE, color: '000000', italics: false, ...run },
    paragraph: {
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: FIRST_LINE },
      spacing: { ...BODY_SPACING, before: 120 },
      keepNext: true,
      keepLines: true,
      outlineLevel,
    },
  };
}

/** Text as runs, a line end in it becoming a line break. (docx drops the control characters XML cannot carry.) */
function runs(text: string, style: RunStyle = {}): TextRun[] {
  const { underline, ...rest } = style;
  return text.split(/\r?\n/).map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, underline: underline ? {} : undefined, ...rest }));
}

function bodyParagraph(text: string, style: RunStyle, breakBefore: boolean): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE },
    spacing: BODY_SPACING,
    pageBreakBefore: breakBefore || undefined,
    children: runs(text, style),
  });
}

function headingParagraph(level: 1 | 2 | 3, text: string, breakBefore: boolean, center = false): Paragraph {
  return new Paragraph({
    heading: HEADINGS[level],
    pageBreakBefore: breakBefore || undefined,
    ...(center ? { alignment: AlignmentType.CENTER, indent: { firstLine: 0 } } : {}),
    children: runs(text),
  });
}

/** A centred line of the heading block, single-spaced, in its own size. */
function centred(text: string, style: RunStyle, after = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...SINGLE, after }, indent: { firstLine: 0 }, children: runs(text, style) });
}

/**
 * The width in mm that a line of text takes in Times New Roman, roughly: capitals about 0.72 em, other letters and
 * figures about 0.5 em, spaces 0.25 em. Good enough to size a rule under it; Word never sees this number.
 */
function textWidthMm(text: string, sizePt: number): number {
  const em = (sizePt * 25.4) / 72;
  let width = 0;
  for (const ch of text) width += ch === ' ' ? 0.25 : ch !== ch.toLocaleLowerCase('vi') ? 0.72 : 0.5;
  return width * em;
}

/**
 * The short rule that Phụ lục I draws under the issuing body's name and under the subject line, 1/3 to 1/2 as long
 * as the text above it and centred on it: an empty paragraph one point high whose lower border, narrowed by its
 * indents, draws the line in a column `column` mm wide.
 */
function ruleUnder(text: string, sizePt: number, column: number, after = 0): Paragraph {
  const length = Math.min(column, Math.max(10, 0.4 * Math.min(column, textWidthMm(text, sizePt))));
  const side = twips((column - length) / 2);
  return new Paragraph({
    spacing: { ...SINGLE, after },
    indent: { left: side, right: side, firstLine: 0 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: { size: 2 },
    children: [],
  });
}

/** A borderless cell of a layout table. */
function layoutCell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE }, children });
}

// The heading block's columns: the issuing body on the left (6 cm), the national name and motto on the right (10.5 cm).
const LEFT_MM = 60;
const LEFT = twips(LEFT_MM);

/**
 * Ô 1–4 of Phụ lục I as a borderless table: parent body (13 pt, upper case) over the issuing body (bold, a short rule
 * under it) beside «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM» (bold 12 pt) over the motto (bold 13 pt, underlined); on the
 * row below, the number under the body and the place and date (italic) under the motto.
 */
function headingBlock(doc: ReportDocument): Table {
  const h = doc.heading;
  const body = h.body.toLocaleUpperCase('vi');
  return layoutTable(LEFT, [
    [
      [centred(h.parent.toLocaleUpperCase('vi'), { size: pt(13) }), centred(body, { size: pt(13), bold: true }), ruleUnder(body, 13, LEFT_MM, 120)],
      [
        centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: pt(12), bold: true }),
        centred('Độc lập - Tự do - Hạnh phúc', { size: pt(13), bold: true, underline: true }, 120),
      ],
    ],
    [[centred(h.number, { size: pt(13) })], [centred(h.placeDate, { size: pt(14), italics: true })]],
  ]);
}

/** A borderless two-column table of the text's width (`left` twips, then the rest) laying out blocks side by side; rows never split across pages. */
function layoutTable(left: number, rows: [Paragraph[], Paragraph[]][]): Table {
  const right = TEXT_WIDTH - left;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    margins: { left: 0, right: 0 },
    rows: rows.map(([l, r]) => new TableRow({ cantSplit: true, children: [layoutCell(left, l), layoutCell(right, r)] })),
  });
}

/** Ô 5: the kind of document (BÁO CÁO) and its subject, bold and centred, a short rule under them. */
function titleBlock(doc: ReportDocument): Paragraph[] {
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { ...SINGLE, before: 360 },
    indent: { firstLine: 0 },
    keepNext: true,
    children: runs(doc.heading.title.toLocaleUpperCase('vi'), { bold: true }),
  });
  const subject = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: SINGLE,
    indent: { firstLine: 0 },
    keepNext: true,
    children: runs(doc.heading.subject, { bold: true }),
  });
  return [title, subject, ruleUnder(doc.heading.subject, 14, TEXT_WIDTH_MM, 240)];
}

/** Tables with many columns get a smaller type so that each column keeps room for a number. */
function tableFontSize(columns: number): number {
  if (columns <= 4) return pt(13);
  if (columns <= 7) return pt(12);
  if (columns <= 10) return pt(11);
  return pt(10);
}

/**
 * Relative widths as twips of the text width: each column's share rounded down, then the twips that rounding left
 * over given one each to the columns that lost most, so the columns add up to the text width exactly and each is
 * within a twip of its share. A missing or non-positive width counts as 1.
 */
function columnTwips(widths: number[], columns: number): number[] {
  const w = Array.from({ length: columns }, (_, i) => (widths[i] !== undefined && widths[i] > 0 ? widths[i] : 1));
  const total = w.reduce((a, b) => a + b, 0);
  const exact = w.map((x) => (x / total) * TEXT_WIDTH);
  const out = exact.map(Math.floor);
  const left = TEXT_WIDTH - out.reduce((a, b) => a + b, 0);
  const byLoss = exact.map((x, i) => ({ i, loss: x - out[i] })).sort((a, b) => b.loss - a.loss || a.i - b.i);
  for (let k = 0; k < left; k++) out[byLoss[k].i]++;
  return out;
}

/** Body rows kept with the caption and head, as the HTML keeps them (server/render/report-html.ts). */
const LEAD_ROWS = 3;

function tableBlock(block: Extract<ReportBlock, { kind: 'table' }>, breakBefore: boolean): (Paragraph | Table)[] {
  const columns = Math.max(block.widths.length, ...block.head.map((r) => r.length), ...block.rows.map((r) => r.length), 1);
  const widths = columnTwips(block.widths, columns);
  const size = tableFontSize(columns);
  // A cell spanning columns takes their widths; columns a row leaves uncovered get empty cells.
  const laidOut = (cells: ReportCell[]) => {
    const out: { cell: ReportCell; width: number; span: number }[] = [];
    let col = 0;
    for (const cell of cells) {
      if (col >= columns) break;
      const span = Math.max(1, Math.min(cell.span ?? 1, columns - col));
      out.push({ cell, width: widths.slice(col, col + span).reduce((s, w) => s + w, 0), span });
      col += span;
    }
    for (; col < columns; col++) out.push({ cell: { text: '' }, width: widths[col], span: 1 });
    return out;
  };
  // A table's caption, head and first rows stay together (keep with next), so that it never starts at a page's foot.
  const row = (cells: ReportCell[], head: boolean, keepNext: boolean) =>
    new TableRow({
      // Head rows repeat at the top of every page the table runs onto; no row is split across two pages.
      tableHeader: head || undefined,
      cantSplit: true,
      children: laidOut(cells).map(({ cell, width, span }) => {
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          columnSpan: span > 1 ? span : undefined,
          verticalAlign: VerticalAlignTable.CENTER,
          children: [
            new Paragraph({
              alignment: head ? AlignmentType.CENTER : ALIGN[cell.align ?? 'left'],
              spacing: { ...SINGLE, before: 20, after: 20 },
              indent: { firstLine: 0 },
              keepNext: keepNext || undefined,
              children: runs(cell.text, { size, bold: head || cell.bold }),
            }),
          ],
        });
      }),
    });
  const lead = Math.min(LEAD_ROWS, block.rows.length - 1);
  const rows = [...block.head.map((r) => row(r, true, lead > 0)), ...block.rows.map((r, i) => row(r, false, i < lead))];
  const out: (Paragraph | Table)[] = [
    new Paragraph({ style: 'Caption', keepNext: rows.length > 0, pageBreakBefore: breakBefore || undefined, children: runs(block.caption) }),
  ];
  // Word refuses to open a file with a table of no rows; a table with nothing in it keeps only its caption and note.
  if (rows.length > 0) {
    out.push(
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        borders: GRID_BORDERS,
        margins: { left: twips(1.5), right: twips(1.5) },
        rows,
      }),
    );
  }
  if (block.note) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: { ...SINGLE, before: 60, after: 120 },
        indent: { firstLine: 0 },
        children: runs(block.note, { size: pt(12), italics: true }),
      }),
    );
  } else {
    // Word runs a table into a following one unless a paragraph stands between them.
    out.push(new Paragraph({ spacing: { ...SINGLE, after: 120 }, run: { size: pt(6) }, children: [] }));
  }
  return out;
}

/** A chart's size in mm on the page: as the model asks, scaled down to the width between the margins. */
function fitToText(width: number, height: number): { width: number; height: number } {
  if (width <= TEXT_WIDTH_MM) return { width, height };
  return { width: TEXT_WIDTH_MM, height: (height * TEXT_WIDTH_MM) / width };
}

function chartBlock(caption: string, png: Buffer, size: { width: number; height: number }, breakBefore: boolean): Paragraph[] {
  const picture: ParagraphChild = new ImageRun({
    type: 'png',
    data: png,
    transformation: { width: cssPx(size.width), height: cssPx(size.height) },
    altText: { name: caption, description: caption, title: caption },
  });
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...SINGLE, before: 120 },
      indent: { firstLine: 0 },
      keepNext: true,
      pageBreakBefore: breakBefore || undefined,
      children: [picture],
    }),
    new Paragraph({ style: 'Caption', children: runs(caption) }),
  ];
}

/**
 * Ô 9a and 7: «Nơi nhận:» (bold italic 12 pt) and its recipients (11 pt), each on a line «- …;» and the last closed
 * with a full stop, on the left; the signer's title (bold, upper case) on the right with room to sign and seal.
 */
function closingBlock(doc: ReportDocument): Table {
  const half = Math.round(TEXT_WIDTH * 0.45);
  const names = doc.recipients.map((r) =>
    r
      .trim()
      .replace(/^[-–]\s*/, '')
      .replace(/[;.]$/, ''),
  );
  const recipients = names.map(
    (name, i) =>
      new Paragraph({
        spacing: SINGLE,
        indent: { firstLine: 0 },
        children: runs(`- ${name}${i === names.length - 1 ? '.' : ';'}`, { size: pt(11) }),
      }),
  );
  return layoutTable(half, [
    [
      [
        new Paragraph({
          spacing: { ...SINGLE, before: 240 },
          indent: { firstLine: 0 },
          children: runs('Nơi nhận:', { size: pt(12), bold: true, italics: true }),
        }),
        ...recipients,
      ],
      [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { ...SINGLE, before: 240 },
          indent: { firstLine: 0 },
          children: runs(doc.signer.toLocaleUpperCase('vi'), { bold: true }),
        }),
        // About 3 cm for the signature and the seal.
        ...Array.from({ length: 5 }, () => new Paragraph({ spacing: SINGLE, children: [] })),
      ],
    ],
  ]);
}
