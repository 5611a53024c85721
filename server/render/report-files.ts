/** The results report as a file: which formats exist, their media types, and the one dispatch from a format to its renderer (the CLI and the console share it). */
import type { ReportDocument } from '../../surveys/report/document';
import type { PdfOptions } from './pdf';
import { reportDocx } from './report-docx';
import { reportHtml, reportPdf } from './report-html';

export const REPORT_FORMATS = ['html', 'pdf', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

type Renderer = (doc: ReportDocument, opts: PdfOptions) => Promise<Buffer>;

// PDF and Word both start Chromium (the page, the chart pictures): the same browser choice reaches both.
const RENDERERS: Record<ReportFormat, Renderer> = {
  html: async (doc) => Buffer.from(reportHtml(doc), 'utf8'),
  pdf: (doc, opts) => reportPdf(doc, opts),
  docx: (doc, opts) => reportDocx(doc, { chromium: opts.chromium }),
};

/** The report's bytes in `format`. */
export function renderReport(doc: ReportDocument, format: ReportFormat, opts: PdfOptions = {}): Promise<Buffer> {
  return RENDERERS[format](doc, opts);
}

/** The format an output path names by its extension (.html, .htm, .pdf, .docx), or null. */
export function reportFormatOf(path: string): ReportFormat | null {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === 'htm') return 'html';
  return (REPORT_FORMATS as readonly string[]).includes(ext ?? '') ? (ext as ReportFormat) : null;
}
