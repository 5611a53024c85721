/** Excel workbooks from export rows (and the scores workbook the console, API and CLI share): numbers stay numbers (with the campaign's decimals as display format), text is formula-safe. */
import ExcelJS from 'exceljs';
import type { StoredCampaign } from '../../db/campaigns.repo';
import type { Db } from '../../db/open';
import { loadQuotaCounts, scoreStored } from '../../db/scores.repo';
import { unitsWithoutData } from '../../surveys/console-views';
import { HEADINGS_VI, jsonNum, QUOTA_COLUMNS, quotaExportRows, SCORE_COLUMNS, scoreRows, SHEET_NAMES_VI, summaryRows, type Row } from '../../surveys/exports';
import { cellStatusName, levelName } from '../../surveys/names';
import { formulaSafe } from '../../surveys/csv';
import { quotaRows } from '../../surveys/quotas';

export type Sheet = {
  name: string;
  columns: string[];
  rows: Row[];
  /** Excel number formats by column, e.g. `{ points: '0.00' }`. */
  numFmt?: Record<string, string>;
  /** Headings people read instead of the column keys (the scores workbook's Vietnamese headings). */
  headings?: Record<string, string>;
};

export const decimalsFormat = (d: number) => (d > 0 ? `0.${'0'.repeat(d)}` : '0');

export async function workbookBuffer(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cchc-survey';
  wb.created = new Date();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ header: s.headings?.[c] ?? c, key: c, width: Math.max(10, Math.min(60, c.length + 4)), style: s.numFmt?.[c] ? { numFmt: s.numFmt[c] } : {} }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) {
      ws.addRow(s.columns.map((c) => {
        const v = r[c];
        if (v === null || v === undefined) return null;
        return typeof v === 'number' ? v : formulaSafe(v);
      }));
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

/** Codes people would have to look up (level so, status LOW_N) written out in the workbook's cells. */
const forPeople = (rows: Row[]): Row[] =>
  rows.map((r) => ({
    ...r,
    ...(typeof r.level === 'string' ? { level: levelName(r.level) } : {}),
    ...(typeof r.status === 'string' ? { status: cellStatusName(r.status) } : {}),
  }));

/** Sheets scores, summary and quotas for people: Vietnamese sheet names, headings and labels, numbers as numbers with the campaign's decimals. */
export async function scoresWorkbook(app: { db: Db }, c: StoredCampaign): Promise<Buffer> {
  const result = scoreStored(app.db, c);
  const dec = decimalsFormat(c.def.scoring.decimals);
  const summary = summaryRows(c.def, result, jsonNum);
  // As on the scores page: a unit nobody has answered about has no data, not a shared first rank.
  const withoutData = unitsWithoutData(result);
  for (const row of summary.rows) if (withoutData.has(String(row.unit_code))) row.rank = cellStatusName('NO_DATA');
  const sheets: Sheet[] = [
    { name: SHEET_NAMES_VI.scores, columns: SCORE_COLUMNS, headings: HEADINGS_VI, rows: forPeople(scoreRows(c.def, result, jsonNum)), numFmt: { max_points: dec, points: dec, fraction: '0.000000' } },
    {
      name: SHEET_NAMES_VI.summary,
      columns: summary.columns,
      headings: HEADINGS_VI,
      rows: forPeople(summary.rows),
      numFmt: Object.fromEntries(['survey_points', 'survey_max', 'self_points', 'self_max', 'total', 'total_max', 'percent'].map((k) => [k, dec])),
    },
    { name: SHEET_NAMES_VI.quotas, columns: QUOTA_COLUMNS, headings: HEADINGS_VI, rows: quotaExportRows(quotaRows(c.def, loadQuotaCounts(app.db, c.id)), jsonNum), numFmt: { percent: '0.0' } },
  ];
  return workbookBuffer(sheets);
}
