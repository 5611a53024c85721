/** The results report as a file: which formats exist, their media types, and the one dispatch from a format to its renderer (the CLI and the console share it). */
import type { ReportDocument } from '../../surveys/report/document';
import type { PdfOptions } from './pdf';
import { reportHtml, reportPdf } from './report-html';

export const REPORT_FORMATS = ['html', 'pdf', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

type Renderer = (doc: ReportDocument, opts: PdfOptions) => Promise<Buffer>;

/** The Word renderer (server/render/report-docx.ts) is wired in at the merge with its one line here: `docx: (doc) => reportDocx(doc)`. */
const RENDERERS: Partial<Record<ReportFormat, Renderer>> = {
  html: async (doc) => Buffer.from(reportHtml(doc), 'utf8'),
  pdf: (doc, opts) => reportPdf(doc, opts),
};

export type ReportFileProblem = { kind: 'format-unavailable'; format: ReportFormat; where: string };

/** Whether the format can be rendered by this build: a refusal value to word at the edge otherwise. */
export function reportFormatProblem(format: ReportFormat, where: string): ReportFileProblem | null {
  return RENDERERS[format] ? null : { kind: 'format-unavailable', format, where };
}

/** The report's bytes in `format`; call reportFormatProblem first (an unavailable format here is a bug). */
export function renderReport(doc: ReportDocument, format: ReportFormat, opts: PdfOptions = {}): Promise<Buffer> {
  const render = RENDERERS[format];
  if (!render) throw new Error(`report format ${format} is not available`);
  return render(doc, opts);
}

/** The format an output path names by its extension (.html, .htm, .pdf, .docx), or null. */
export function reportFormatOf(path: string): ReportFormat | null {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === 'htm') return 'html';
  return (REPORT_FORMATS as readonly string[]).includes(ext ?? '') ? (ext as ReportFormat) : null;
}
