/** The results report as one self-contained HTML document (A4, the margins of Nghị định 30/2020/NĐ-CP, the Noto fonts embedded), which Chromium also prints to PDF. */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { ReportDocument } from '../../surveys/report/document';
import { reportFontsCss } from './fonts';
import { htmlToPdf, type PdfOptions } from './pdf';

/** Tables with more columns than this are set in the dense style. */
const DENSE_COLUMNS = 8;
/** Tables of at most this many rows are kept on one page; a longer one keeps its first LEAD_ROWS rows with its caption. */
const SHORT_ROWS = 12;
const LEAD_ROWS = 3;

const hbs = Handlebars.create();
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hbs.registerHelper('lt', (a: number, b: number) => a < b);
hbs.registerPartial('report-block', readFileSync(new URL('./report-block.hbs', import.meta.url), 'utf8'));
const template = hbs.compile(readFileSync(new URL('./report.hbs', import.meta.url), 'utf8'), { strict: false });

/**
 * The document's blocks as the template lays them out: a table's relative widths become percentages of the text
 * width. Charts are our own SVG built from numbers with every label escaped (surveys/charts.ts): the one `{{{ }}}`.
 */
export function reportHtml(doc: ReportDocument): string {
  const blocks = doc.blocks.map((b) => {
    if (b.kind !== 'table') return b;
    const sum = b.widths.reduce((s, w) => s + w, 0) || 1;
    // Many columns (a unit × criterion table) get a smaller type so that codes and numbers stay on one line.
    return {
      ...b,
      dense: b.widths.length > DENSE_COLUMNS,
      short: b.rows.length <= SHORT_ROWS,
      leadRows: LEAD_ROWS,
      colWidths: b.widths.map((w) => Math.round((10_000 * w) / sum) / 100),
    };
  });
  const split = doc.annexFrom ?? blocks.length;
  return template({ ...doc, blocks: blocks.slice(0, split), annex: blocks.slice(split), fontFaces: reportFontsCss() });
}

/** The report printed by Chromium: the HTML document's @page rules give the size, margins and page numbers. */
export function reportPdf(doc: ReportDocument, opts: PdfOptions = {}): Promise<Buffer> {
  return htmlToPdf(reportHtml(doc), opts);
}
