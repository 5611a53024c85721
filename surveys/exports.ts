/** The contract's export shapes (score, summary, quota and manifest rows) as plain records, shared by CSV, JSON and xlsx. */
import type { Campaign } from './campaign';
import { formatAccessCode } from './access-code';
import { formatFixed, formatMax } from './decimal';
import type { QuotaRow } from './quotas';
import type { ScoreResult } from './scoring';

export type Row = Record<string, string | number | null>;

export const SCORE_COLUMNS = ['unit_code', 'unit_name', 'level', 'criterion_code', 'criterion_name', 'max_points', 'points', 'fraction', 'n_counted', 'status'];
export const SUMMARY_COLUMNS = ['unit_code', 'unit_name', 'level', 'survey_points', 'survey_max', 'rank'];
export const SELF_COLUMNS = ['self_points', 'self_max', 'total', 'total_max', 'percent', 'band', 'total_rank'];
export const QUOTA_COLUMNS = ['group', 'home_unit', 'target', 'issued', 'returned', 'counted', 'percent'];
/** Differing cells of double entry not yet settled, as the CLI and the API list them. */
export const CONFLICT_COLUMNS = ['serial', 'unit', 'question', 'pass1', 'pass2'];
export const MANIFEST_COLUMNS = ['serial', 'access_code', 'form', 'group', 'home_unit', 'targets', 'channel', 'status'];

/** Number cells keep the campaign's decimals as text in CSV ("1.50"); JSON gets the number. */
export type Num = (x: number | null, decimals: number) => string | number | null;
export const csvNum: Num = (x, d) => (x === null ? null : formatFixed(x, d));
export const jsonNum: Num = (x) => x;

/** Maxima are given by the campaign file, so they keep their own decimals even when scores are shown with fewer (2.25 at 0 decimals stays 2.25). */
export function maxNum(num: Num): Num {
  return (x, d) => (x === null || num === jsonNum ? num(x, d) : formatMax(x, d));
}

export function scoreRows(c: Campaign, r: ScoreResult, num: Num): Row[] {
  const d = c.scoring.decimals;
  return r.cells.map((x) => ({
    unit_code: x.unit,
    unit_name: x.unitName,
    level: x.level,
    criterion_code: x.criterion,
    criterion_name: x.criterionName,
    max_points: maxNum(num)(x.maxPoints, d),
    points: num(x.points, d),
    fraction: num(x.fraction, 6),
    n_counted: x.n,
    status: x.status,
  }));
}

/** The summary per unit; the self-assessment columns appear only when self points were imported. */
export function summaryRows(c: Campaign, r: ScoreResult, num: Num): { columns: string[]; rows: Row[] } {
  const d = c.scoring.decimals;
  const withSelf = r.units.some((u) => u.self !== null);
  const rows = r.units.map((u) => {
    const row: Row = {
      unit_code: u.unit,
      unit_name: u.unitName,
      level: u.level,
      survey_points: num(u.surveyPoints, d),
      survey_max: maxNum(num)(u.surveyMax, d),
      rank: u.rank,
    };
    if (withSelf) {
      Object.assign(row, {
        self_points: num(u.self?.selfPoints ?? null, d),
        self_max: maxNum(num)(u.self?.selfMax ?? null, d),
        total: num(u.self?.total ?? null, d),
        total_max: maxNum(num)(u.self?.totalMax ?? null, d),
        percent: num(u.self?.percent ?? null, d),
        band: u.self?.band ?? null,
        total_rank: u.self?.totalRank ?? null,
      });
    }
    return row;
  });
  return { columns: withSelf ? [...SUMMARY_COLUMNS, ...SELF_COLUMNS] : SUMMARY_COLUMNS, rows };
}

export function quotaExportRows(rows: QuotaRow[], num: Num): Row[] {
  return rows.map((q) => ({
    group: q.group,
    home_unit: q.home ?? '',
    target: q.target,
    issued: q.issued,
    returned: q.returned,
    counted: q.counted,
    percent: num(q.percent, 1),
  }));
}

export type ManifestForm = {
  serial: string;
  accessCode: string;
  formCode: string;
  groupCode: string;
  homeUnit: string | null;
  targets: string[];
  channel: string;
  status: string;
};

export function manifestRows(forms: ManifestForm[]): Row[] {
  return forms.map((f) => ({
    serial: f.serial,
    access_code: formatAccessCode(f.accessCode),
    form: f.formCode,
    group: f.groupCode,
    home_unit: f.homeUnit ?? '',
    targets: f.targets.join(';'),
    channel: f.channel,
    status: f.status,
  }));
}

/**
 * Headings of the scores workbook people open (sheet by sheet, in Vietnamese); the CSV files and the API keep the
 * contract's column names above.
 */
export const HEADINGS_VI: Record<string, string> = {
  unit_code: 'Mã đơn vị',
  unit_name: 'Tên đơn vị',
  level: 'Cấp',
  criterion_code: 'Mã tiêu chí',
  criterion_name: 'Tên tiêu chí',
  max_points: 'Điểm tối đa',
  points: 'Điểm',
  fraction: 'Tỷ lệ đạt',
  n_counted: 'Số câu trả lời được tính',
  status: 'Tình trạng dữ liệu',
  survey_points: 'Điểm điều tra XHH',
  survey_max: 'Điểm tối đa điều tra XHH',
  rank: 'Xếp hạng',
  self_points: 'Điểm tự đánh giá',
  self_max: 'Điểm tối đa tự đánh giá',
  total: 'Tổng điểm',
  total_max: 'Tổng điểm tối đa',
  percent: 'Tỷ lệ %',
  band: 'Xếp loại',
  total_rank: 'Xếp hạng theo tổng điểm',
  group: 'Nhóm đối tượng',
  home_unit: 'Nơi công tác',
  target: 'Chỉ tiêu',
  issued: 'Đã phát',
  returned: 'Đã nhận',
  counted: 'Hợp lệ',
};

/** The scores workbook's sheets: scores, summary and quotas, named for people. */
export const SHEET_NAMES_VI = { scores: 'Điểm theo tiêu chí', summary: 'Tổng hợp theo đơn vị', quotas: 'Tiến độ theo chỉ tiêu' } as const;

/** Rows in column order, for CSV writers. */
export function toMatrix(columns: string[], rows: Row[]): (string | number | null)[][] {
  return rows.map((r) => columns.map((c) => r[c] ?? null));
}
