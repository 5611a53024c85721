/** Renders a print run (one HTML document, one A4 sheet per printed page) from the print templates, with each page's QR code (serial, page, pages) as inline SVG and the Noto fonts embedded. */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import QRCode from 'qrcode';
import type { Campaign } from '../../surveys/campaign';
import { qrPayload } from '../../surveys/omr/layout-map';
import { buildPrintRun, type PrintableForm } from '../../surveys/print-layout';
import { embeddedFontsCss } from './fonts';

const read = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

const hbs = Handlebars.create();
hbs.registerPartial('print-css', read('print-css.hbs'));
const runTemplate = hbs.compile(read('run.hbs'), { strict: false });

/**
 * The QR code of one printed page ("serial/page/pages/tag", qrPayload) as SVG markup built by the qrcode library from
 * digits, capitals and slashes only (trusted for `{{{ }}}`). Error correction M, and the standard quiet zone of 4 modules inside
 * the SVG: the bottom-left registration mark ends where the footer's QR code begins, so the code brings its own white
 * border (19 mm for 29 modules: 0.66 mm a module, 3.9 pixels at 150 dpi).
 */
export function pageQr(serial: string, page: number, pages: number, campaign: string): Promise<string> {
  return QRCode.toString(qrPayload(serial, page, pages, campaign), { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

/** One HTML document for the forms given, in their order; page breaks between sheets, orientation per form. */
export async function renderPrintRun(c: Campaign, forms: PrintableForm[], title?: string): Promise<string> {
  const sheets = buildPrintRun(c, forms);
  const withQr = [];
  for (const s of sheets) {
    const pages = [];
    for (const p of s.pages) pages.push({ ...p, qr: await pageQr(s.serial, p.number, p.count, c.code) });
    withQr.push({ ...s, pages });
  }
  // The fonts are our own @font-face rules built from the @fontsource files (trusted for `{{{ }}}`).
  return runTemplate({ title: title ?? `${c.name} — phiếu in`, fontFaces: embeddedFontsCss(), sheets: withQr });
}

/**
 * Forms per PDF piece: small enough for steady progress and modest browser memory, large enough that joining stays
 * cheap. Measured on 360 sample forms, two pieces at a time (2026-11-29): 30 forms a piece took 11.3 s with the
 * packaged Chromium and 25.4 s with Debian's, against 17.3 s and 29.6 s at 60 (Chromium's time per page grows with
 * the document).
 */
export const FORMS_PER_PIECE = 30;

/** The run cut into documents of whole forms, in order, for printing in parallel; `forms` counts the forms of each piece. */
export async function renderPrintPieces(c: Campaign, forms: PrintableForm[], size = FORMS_PER_PIECE): Promise<{ html: string; forms: number }[]> {
  const pieces = [];
  for (let i = 0; i < forms.length; i += size) {
    const slice = forms.slice(i, i + size);
    pieces.push({ html: await renderPrintRun(c, slice), forms: slice.length });
  }
  return pieces;
}
