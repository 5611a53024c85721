/** The sheets of the workbooks the console, the API and the CLI write: what each holds and how people read it, no file format. */
import type { Campaign } from './campaign';
import { unitsWithoutData } from './console-views';
import { HEADINGS_VI, jsonNum, QUOTA_COLUMNS, quotaExportRows, SCORE_COLUMNS, scoreRows, SHEET_NAMES_VI, summaryRows, type Row } from './exports';
import { cellStatusName, levelName } from './names';
import { quotaRows, type QuotaCount } from './quotas';
import type { ScoreResult } from './scoring';

export type Sheet = {
  name: string;
  columns: string[];
  rows: Row[];
  /** Excel number formats by column, e.g. `{ points: '0.00' }`. */
  numFmt?: Record<string, string>;
  /** Headings people read instead of the column keys (the scores workbook's Vietnamese headings). */
  headings?: Record<string, string>;
};

const decimalsFormat = (d: number) => (d > 0 ? `0.${'0'.repeat(d)}` : '0');

/** Codes people would have to look up (level so, status LOW_N) written out in the workbook's cells. */
const forPeople = (rows: Row[]): Row[] =>
  rows.map((r) => ({
    ...r,
    ...(typeof r.level === 'string' ? { level: levelName(r.level) } : {}),
    ...(typeof r.status === 'string' ? { status: cellStatusName(r.status) } : {}),
  }));

/** Sheets scores, summary and quotas for people: Vietnamese sheet names, headings and labels, numbers as numbers with the campaign's decimals. */
export function scoresSheets(c: Campaign, result: ScoreResult, quotaCounts: QuotaCount[]): Sheet[] {
  const dec = decimalsFormat(c.scoring.decimals);
  const summary = summaryRows(c, result, jsonNum);
  // As on the scores page: a unit nobody has answered about has no data, not a shared first rank.
  const withoutData = unitsWithoutData(result);
  for (const row of summary.rows) if (withoutData.has(String(row.unit_code))) row.rank = cellStatusName('NO_DATA');
  return [
    {
      name: SHEET_NAMES_VI.scores,
      columns: SCORE_COLUMNS,
      headings: HEADINGS_VI,
      rows: forPeople(scoreRows(c, result, jsonNum)),
      numFmt: { max_points: dec, points: dec, fraction: '0.000000' },
    },
    {
      name: SHEET_NAMES_VI.summary,
      columns: summary.columns,
      headings: HEADINGS_VI,
      rows: forPeople(summary.rows),
      numFmt: Object.fromEntries(['survey_points', 'survey_max', 'self_points', 'self_max', 'total', 'total_max', 'percent'].map((k) => [k, dec])),
    },
    {
      name: SHEET_NAMES_VI.quotas,
      columns: QUOTA_COLUMNS,
      headings: HEADINGS_VI,
      rows: quotaExportRows(quotaRows(c, quotaCounts), jsonNum),
      numFmt: { percent: '0.0' },
    },
  ];
}
