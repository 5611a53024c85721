/** Renders invitations (giấy mời) to answer on the web: one HTML document, two per A4 sheet, each with a QR code of its link. */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import QRCode from 'qrcode';
import type { Invitation } from '../../surveys/invitations';

const hbs = Handlebars.create();
const template = hbs.compile(readFileSync(new URL('./invitations.hbs', import.meta.url), 'utf8'), { strict: false });

export const INVITATIONS_PER_SHEET = 2;

/**
 * The QR code of a link as SVG markup from the qrcode library (path data only, whatever the link holds), so it is
 * trusted for `{{{ }}}`; the link itself is printed escaped.
 */
function linkQr(link: string): Promise<string> {
  return QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

export async function renderInvitations(invitations: Invitation[], title: string): Promise<string> {
  const sheets: (Invitation & { qr: string })[][] = [];
  for (let i = 0; i < invitations.length; i += INVITATIONS_PER_SHEET) {
    const sheet = [];
    for (const inv of invitations.slice(i, i + INVITATIONS_PER_SHEET)) sheet.push({ ...inv, qr: await linkQr(inv.link) });
    sheets.push(sheet);
  }
  return template({ title, sheets });
}
