/** The layout map of printed forms for optical mark reading (issue 15): where every registration mark, QR code and tick box sits on each printed page, in millimetres from the sheet's top-left corner. */

/** A rectangle on the sheet, in mm: top-left corner (x right, y down from the sheet's top-left corner as printed), width, height. */
export type Rect = { x: number; y: number; w: number; h: number };

/**
 * One tick box: the cell it belongs to (rated unit code, question code) and the option code it stands for;
 * `codeInside` when the option code is printed inside the box (banded forms) rather than before it.
 */
export type BoxMap = Rect & { unit: string; question: string; answer: string; codeInside?: true };

/**
 * One printed page of one form instance. `marks` are the four registration marks in the order top-left, top-right,
 * bottom-right, bottom-left; `boxes` every tick box on the page in keying order (question by question, unit by unit,
 * option by option).
 */
export type PageMap = {
  page: number;
  pages: number;
  orientation: 'portrait' | 'landscape';
  /** Sheet size in mm: 210 × 297 portrait, 297 × 210 landscape. */
  width: number;
  height: number;
  marks: [Rect, Rect, Rect, Rect];
  qr: Rect;
  boxes: BoxMap[];
};

/** Every page of one printed form instance. */
export type FormMap = { serial: string; form: string; group: string; home: string | null; pages: PageMap[] };

/** What `print <campaign> --layout F.json` writes and the scan reader reads. */
export type LayoutMap = { campaign: string; unit: 'mm'; forms: FormMap[] };

/**
 * Registration marks: solid black squares `size` mm wide whose outer edges sit `inset` mm in from the sheet's edges,
 * one near each corner, inside the 10 mm print margin (most office printers print from about 4 mm of the edge).
 */
export const REGISTRATION_MARK = { size: 5, inset: 5 } as const;

/** The four registration marks of a sheet of the given size (mm), in PageMap order. */
export function registrationMarks(width: number, height: number): [Rect, Rect, Rect, Rect] {
  const { size: s, inset: i } = REGISTRATION_MARK;
  return [
    { x: i, y: i, w: s, h: s },
    { x: width - i - s, y: i, w: s, h: s },
    { x: width - i - s, y: height - i - s, w: s, h: s },
    { x: i, y: height - i - s, w: s, h: s },
  ];
}

/**
 * A campaign's tag in its pages' QR codes: four characters (digits and capitals, QR alphanumeric) from the FNV-1a hash
 * of its code. Serials are numbered per campaign, so the same serial exists in several campaigns: the tag tells a page
 * of LCU-2020 from one of LCU-2026 (a clash between two campaigns is one in 36⁴ ≈ 1.7 million). "LCU-2020" → "WUAM".
 */
export function campaignTag(code: string): string {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(code)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return (h % 36 ** 4).toString(36).toUpperCase().padStart(4, '0');
}

/**
 * The text of a page's QR code: serial, page, page count and the campaign's tag, e.g. "012344/2/3/WUAM" (15 characters
 * in QR alphanumeric mode: version 1, 21 modules, as the serial alone was). Forms printed before carry "serial/page/pages"
 * or, before issue 15, the serial alone.
 */
export const qrPayload = (serial: string, page: number, pages: number, campaign: string) => `${serial}/${page}/${pages}/${campaignTag(campaign)}`;

/** A page's QR code read back: `page` null for a QR code that carries the serial alone, `campaign` (the tag) null when it has none. Null when the text is not ours. */
export function parseQrPayload(text: string): { serial: string; page: number | null; pages: number | null; campaign: string | null } | null {
  const m = /^(\d{6,})(?:\/(\d{1,3})\/(\d{1,3})(?:\/([0-9A-Z]{4}))?)?$/.exec(text.trim());
  if (!m) return null;
  if (m[2] === undefined) return { serial: m[1], page: null, pages: null, campaign: null };
  const page = Number(m[2]);
  const pages = Number(m[3]);
  return page >= 1 && page <= pages ? { serial: m[1], page, pages, campaign: m[4] ?? null } : null;
}
