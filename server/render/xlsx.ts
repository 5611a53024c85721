/** Excel workbooks from sheets of export rows (surveys/workbook-sheets.ts): numbers stay numbers (with the display format a sheet asks for), text is formula-safe. */
import ExcelJS from 'exceljs';
import { formulaSafe } from '../../surveys/csv';
import type { Sheet } from '../../surveys/workbook-sheets';

export type { Sheet };

export async function workbookBuffer(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cchc-survey';
  wb.created = new Date();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({
      header: s.headings?.[c] ?? c,
      key: c,
      width: Math.max(10, Math.min(60, c.length + 4)),
      style: s.numFmt?.[c] ? { numFmt: s.numFmt[c] } : {},
    }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) {
      ws.addRow(
        s.columns.map((c) => {
          const v = r[c];
          if (v === null || v === undefined) return null;
          return typeof v === 'number' ? v : formulaSafe(v);
        }),
      );
    }
    // Widen text columns to their longest value so Vietnamese names are readable on opening.
    ws.columns.forEach((col, i) => {
      let longest = [...(s.headings?.[s.columns[i]] ?? s.columns[i])].length;
      for (const r of s.rows) {
        const v = r[s.columns[i]];
        if (typeof v === 'string') longest = Math.max(longest, [...v].length);
      }
      col.width = Math.max(10, Math.min(60, longest + 2));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
