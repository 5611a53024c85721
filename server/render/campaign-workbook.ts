/** The campaign workbook (.xlsx) for people: a campaign written as sheets with a guide and dropdowns, and a file (workbook or JSON) read back and checked. */
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { type Campaign, checkCampaignText } from '../../surveys/campaign';
import type { CampaignProblem, CampaignWarning, NotWorkbookReason } from '../../surveys/campaign-problems';
import { campaignSheets, checkCampaignGrid, type GridCell, type GridSheet, type OutSheet } from '../../surveys/campaign-workbook';
import { utf8Text } from '../../surveys/csv';

export type CampaignFileCheck = { ok: true; campaign: Campaign; warnings: CampaignWarning[] } | { ok: false; problems: CampaignProblem[] };

/**
 * How much a campaign workbook may unpack to. A national campaign (100,000 units) is about 25 MB of sheet XML; a
 * file that unpacks to more is refused before anything is inflated (a zip bomb unpacks to gigabytes).
 */
export const WORKBOOK_LIMITS = { unpacked: 64 * 2 ** 20, entries: 1_000 } as const;

/** Rows a dropdown or column format reaches: as many as a national campaign's units. */
const FORMATTED_ROWS = 100_001;

/** The workbook of a campaign; `null` gives the empty template (guide, headings and dropdowns, no rows). */
export async function campaignWorkbook(def: Campaign | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cchc-survey';
  wb.created = new Date(0);
  // The per-level sums are formulas: Excel computes them afresh on opening (and after every edit).
  wb.calcProperties.fullCalcOnLoad = true;
  for (const s of campaignSheets(def)) writeSheet(wb, s);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function writeSheet(wb: ExcelJS.Workbook, s: OutSheet) {
  const ws = wb.addWorksheet(s.name, { state: s.hidden ? 'hidden' : 'visible', views: [{ state: 'frozen', ySplit: s.frozen }] });
  ws.columns = s.columns.map((c, i) => ({
    key: c.key,
    // At least the layout's width and its heading's (no heading is cut), wider for what the column holds (long texts
    // wrap instead), at most 60 characters.
    width: Math.max(c.heading.length + 3, c.kind === 'longtext' ? c.width : Math.min(60, Math.max(c.width, ...s.rows.map((r) => longest(r[i]) + 2)))),
    // Everything but numbers is formatted as Text: codes stay as typed ("1.10", "007", not a date for "3-4"), and a
    // name that starts with "=" stays text when someone edits its cell (Excel evaluates what is typed into a General
    // cell). Long texts wrap (a question may hold line breaks).
    style: {
      ...(c.kind === 'number' ? (c.numFmt ? { numFmt: c.numFmt } : {}) : { numFmt: '@' }),
      ...(c.kind === 'longtext' ? { alignment: { wrapText: true, vertical: 'top' as const } } : {}),
    },
  }));
  const head = ws.addRow(s.columns.map((c) => c.heading));
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', wrapText: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.numFmt = 'General';
  });
  for (const row of s.rows) ws.addRow(row.map((v) => (v !== null && typeof v === 'object' ? { formula: v.formula, result: v.result } : v)));
  s.columns.forEach((c, i) => {
    if (!c.list) return;
    const letter = ws.getColumn(i + 1).letter;
    // One validation over the whole column range (exceljs writes it as one sqref; its typings lack this member).
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${letter}2:${letter}${FORMATTED_ROWS}`,
      dropdown(c.list),
    );
  });
  for (const x of s.cellLists ?? []) ws.getCell(x.row, x.column).dataValidation = dropdown(x.list);
}

/** The longest line of what a cell shows, in characters (a formula's cell shows a number). */
const longest = (v: OutSheet['rows'][number][number]) =>
  typeof v === 'string' ? Math.max(...v.split('\n').map((l) => [...l].length)) : typeof v === 'number' ? String(v).length : 0;

/** A dropdown from a range; a value outside it asks before it is kept (a province may add a level of its own). */
function dropdown(list: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [list],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: 'Giá trị không có trong danh sách',
    error: 'Giá trị này không có trong danh sách. Vẫn giữ?',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

const refuse = (reason: NotWorkbookReason, limit?: number): CampaignFileCheck => ({
  ok: false,
  // The whole file: no place inside it to point at.
  problems: [{ kind: 'not-a-workbook', reason, ...(limit !== undefined ? { limit } : {}) }],
});

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/**
 * Reads a campaign file, a workbook (.xlsx) or JSON, told apart by its bytes and not only its name, and checks it
 * whole. Problems name the sheet, Excel row and column heading (workbook) or the JSON path.
 */
export async function readCampaignFile(bytes: Uint8Array, fileName: string): Promise<CampaignFileCheck> {
  if (bytes.byteLength > WORKBOOK_LIMITS.unpacked) return refuse('file-too-large', WORKBOOK_LIMITS.unpacked);
  if (bytes.byteLength === 0) return refuse('empty');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return readWorkbook(buf);
  if (startsWith(buf, OLE)) {
    // Excel saves a password-protected .xlsx as an OLE container with these streams (names in UTF-16).
    const encrypted = buf.includes(Buffer.from('EncryptedPackage', 'utf16le')) || buf.includes(Buffer.from('EncryptionInfo', 'utf16le'));
    return refuse(encrypted ? 'encrypted' : 'xls');
  }
  const text = utf8Text(buf);
  if (text === null) return refuse(/\.json$/i.test(fileName) ? 'not-utf8' : 'not-zip');
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') || start.startsWith('[') || /\.json$/i.test(fileName)) return checkCampaignText(text);
  return refuse(/\.xlsx$/i.test(fileName) || /[,;\t]/.test(start.split('\n')[0] ?? '') ? 'csv' : 'not-zip');
}

/**
 * The zip's entries checked before anything is handed to exceljs: from the central directory, each entry's declared
 * size, their sum under the limit; then each entry inflated with that size as a hard cap, so that a file that lies
 * about its sizes is caught too. Memory stays within the limit whatever the file holds.
 */
function checkZip(buf: Buffer): CampaignFileCheck | null {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buf.length) return refuse('damaged');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count > WORKBOOK_LIMITS.entries) return refuse('too-large', WORKBOOK_LIMITS.unpacked);
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return refuse('damaged');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    // 0xFFFFFFFF: a ZIP64 size, far beyond any campaign.
    if (size === 0xffffffff || compressed === 0xffffffff) return refuse('too-large', WORKBOOK_LIMITS.unpacked);
    total += size;
    if (total > WORKBOOK_LIMITS.unpacked) return refuse('too-large', WORKBOOK_LIMITS.unpacked);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return refuse('damaged');
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + compressed);
    if (method === 8) {
      try {
        // One byte more than declared would be a lie: inflate stops with an error instead of filling memory.
        inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
      } catch (e) {
        return refuse((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'damaged', WORKBOOK_LIMITS.unpacked);
      }
    } else if (method !== 0) return refuse('damaged');
    at += 46 + nameLength + extra + comment;
  }
  return null;
}

async function readWorkbook(buf: Buffer): Promise<CampaignFileCheck> {
  const refused = checkZip(buf);
  if (refused) return refused;
  const wb = new ExcelJS.Workbook();
  try {
    // Dropdowns are not read: exceljs would expand each range into one entry per cell (1.4 million for the template).
    await wb.xlsx.load(buf as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations'] } as unknown as ExcelJS.XlsxReadOptions);
  } catch {
    return refuse('damaged');
  }
  if (wb.worksheets.length === 0) return refuse('damaged');
  return checkCampaignGrid(wb.worksheets.map(gridOf));
}

/** A worksheet as the pure reader sees it: sparse rows (a stray cell at row 1,048,576 costs one row), merged cells empty but their first. */
function gridOf(ws: ExcelJS.Worksheet): GridSheet {
  const rows: GridCell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: GridCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      cells[c - 1] = cellOf(cell);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= { text: '', value: null };
    rows[r - 1] = cells;
  });
  return { name: ws.name, hidden: ws.state !== 'visible', rows };
}

function cellOf(cell: ExcelJS.Cell): GridCell {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return { text: '', value: null };
  if (typeof v === 'object' && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    if ('richText' in o) {
      const text = (o.richText as { text: string }[]).map((t) => t.text).join('');
      return { text, value: text };
    }
    if ('formula' in o || 'sharedFormula' in o) {
      const result = o.result as unknown;
      const shown = result !== null && typeof result === 'object' && !(result instanceof Date) ? null : (result as GridCell['value'] | undefined);
      return { ...valueCell(shown ?? null, cell.numFmt), formula: String(o.formula ?? o.sharedFormula) };
    }
    if ('hyperlink' in o) return { text: String(o.text ?? ''), value: String(o.text ?? '') };
    if ('error' in o) return { text: String(o.error), value: String(o.error) };
    return { text: '', value: null };
  }
  return valueCell(v as GridCell['value'], cell.numFmt);
}

/** A plain value with the text the cell shows. */
function valueCell(v: GridCell['value'], numFmt: string | undefined): GridCell {
  if (v === null) return { text: '', value: null };
  if (typeof v === 'string') return { text: v, value: v };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', value: v };
  if (v instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    return { text: `${p(v.getUTCDate())}/${p(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`, value: v };
  }
  return { text: shownNumber(v, numFmt), value: v };
}

/**
 * The text a number cell shows: Excel's "General" shows the shortest form (at most 15 significant digits); "0.00" and
 * the like show that many decimals (a code typed 1.10 in a cell formatted so is read "1.10"); "@" shows it as text.
 */
export function shownNumber(v: number, numFmt: string | undefined): string {
  const fmt = (numFmt ?? 'General').replace(/"[^"]*"/g, '').split(';')[0];
  const m = /(0+)(?:\.(0+))?(%?)/.exec(fmt);
  if (!m || fmt === 'General' || fmt === '@') return String(Number.parseFloat(v.toPrecision(15)));
  const decimals = m[2]?.length ?? 0;
  const fixed = m[3] ? `${(v * 100).toFixed(decimals)}%` : v.toFixed(decimals);
  // "000" shows 7 as 007: as many digits before the point as the format has zeros there.
  const [whole, rest] = [fixed.replace(/[.%].*$/, ''), fixed.slice(fixed.replace(/[.%].*$/, '').length)];
  return whole.startsWith('-') ? fixed : whole.padStart(m[1].length, '0') + rest;
}
