/** The self-assessment points file (`self import`): every row checked, every problem listed, nothing partial returned. */
import type { Campaign, Unit } from './campaign';
import { CSV_TEXT, parseDecimal, readCsv, type CsvProblem } from './csv';
import { zerosNote } from './keyed';
import { catalogue, problemText, type Lang, type Where } from './problems';
import type { SelfPoints } from './scoring';
import { codeMatcher } from './text';

export const SELF_HEADER = ['unit_code', 'self_points', 'self_max'];

type Column = 'self_points' | 'self_max';

/** Why a self-assessment file, or one of its rows, cannot be loaded; values are kept as typed. */
export type SelfPointsProblem =
  | CsvProblem
  | { kind: 'self-unit-empty'; where?: Where }
  | { kind: 'self-unit-ambiguous'; input: string; candidates: string[]; why: 'case' | 'leading-zeros'; where?: Where }
  | { kind: 'self-unit-unknown'; input: string; where?: Where }
  | { kind: 'self-unit-repeated'; unit: string; firstRow: number; where?: Where }
  | { kind: 'self-unit-unscored'; unit: string; level: string; campaign: string; where?: Where }
  | { kind: 'self-number-empty'; column: Column; where?: Where }
  | { kind: 'self-not-a-number'; column: Column; input: string; where?: Where }
  | { kind: 'self-negative'; input: string; where?: Where }
  | { kind: 'self-max-not-positive'; input: string; where?: Where }
  | { kind: 'self-over-max'; points: string; max: string; where?: Where };

export const SELF_POINTS_TEXT = catalogue<SelfPointsProblem>({
  ...CSV_TEXT,
  'self-unit-empty': { en: () => 'unit_code is empty', vi: () => 'thiếu mã đơn vị (unit_code)' },
  'self-unit-ambiguous': {
    en: (p) => `unit "${p.input}" could be ${p.candidates.join(' or ')}${zerosNote(p.why, 'unit_code', 'en')}`,
    vi: (p) => `mã đơn vị "${p.input}" có thể là ${p.candidates.join(' hoặc ')}${zerosNote(p.why, 'unit_code', 'vi')}`,
  },
  'self-unit-unknown': { en: (p) => `unknown unit "${p.input}"`, vi: (p) => `không có đơn vị mã "${p.input}"` },
  'self-unit-repeated': {
    en: (p) => `unit "${p.unit}" is repeated (first at row ${p.firstRow})`,
    vi: (p) => `đơn vị "${p.unit}" lặp lại (lần đầu ở dòng ${p.firstRow})`,
  },
  'self-unit-unscored': {
    en: (p) => `unit "${p.unit}" is of level "${p.level}", which has no criteria in campaign ${p.campaign}`,
    vi: (p) => `đơn vị "${p.unit}" thuộc cấp "${p.level}", cấp này không có tiêu chí nào trong đợt ${p.campaign}`,
  },
  'self-number-empty': { en: (p) => `${p.column} is empty`, vi: (p) => `thiếu ${p.column}` },
  'self-not-a-number': { en: (p) => `${p.column} "${p.input}" is not a number`, vi: (p) => `${p.column} "${p.input}" không phải là số` },
  'self-negative': { en: (p) => `self_points ${p.input} is negative`, vi: (p) => `self_points ${p.input} là số âm` },
  'self-max-not-positive': { en: (p) => `self_max ${p.input} must be greater than 0`, vi: (p) => `self_max ${p.input} phải lớn hơn 0` },
  'self-over-max': { en: (p) => `self_points ${p.points} is greater than self_max ${p.max}`, vi: (p) => `self_points ${p.points} lớn hơn self_max ${p.max}` },
});

export const selfPointsText = (p: SelfPointsProblem, lang: Lang) => problemText(SELF_POINTS_TEXT, p, lang);

export type SelfPointsCheck = { ok: true; rows: SelfPoints[] } | { ok: false; problems: SelfPointsProblem[] };

export function checkSelfPoints(c: Campaign, text: string): SelfPointsCheck {
  const read = readCsv(text, SELF_HEADER, { decimals: true });
  if (!read.ok) return read;

  const match = codeMatcher(c.units.map((u) => u.code));
  const scoredLevels = new Set(c.criteria.map((x) => x.level));

  const problems: SelfPointsProblem[] = [];
  const rows: SelfPoints[] = [];
  const firstRow = new Map<string, number>();
  for (const { row, cells } of read.rows) {
    const where = { row };
    let ok = true;
    const fail = (p: SelfPointsProblem) => {
      problems.push({ ...p, where });
      ok = false;
    };

    const code = cells.unit_code;
    // Typed codes may differ in case ("snv") or have lost their leading zeros in Excel (118 for 00118).
    // Each code is a few map look-ups (text.ts codeMatcher), whether typed exactly or read back.
    const found = code === '' ? undefined : match(code);
    const unit: Unit | undefined = found?.ok ? c.units[found.index] : undefined;
    if (code === '') fail({ kind: 'self-unit-empty' });
    else if (found && !found.ok && found.kind === 'ambiguous') fail({ kind: 'self-unit-ambiguous', input: code, candidates: found.candidates, why: found.why });
    else if (!unit) fail({ kind: 'self-unit-unknown', input: code });
    else {
      const first = firstRow.get(unit.code);
      if (first !== undefined) fail({ kind: 'self-unit-repeated', unit: unit.code, firstRow: first });
      else firstRow.set(unit.code, row);
      if (!scoredLevels.has(unit.level)) fail({ kind: 'self-unit-unscored', unit: unit.code, level: unit.level, campaign: c.code });
    }

    const number = (column: Column): number | null => {
      const raw = cells[column];
      if (raw === '') {
        fail({ kind: 'self-number-empty', column });
        return null;
      }
      const n = parseDecimal(raw);
      if (n === null) fail({ kind: 'self-not-a-number', column, input: raw });
      return n;
    };
    const points = number('self_points');
    const max = number('self_max');
    if (points !== null && points < 0) fail({ kind: 'self-negative', input: cells.self_points });
    if (max !== null && max <= 0) fail({ kind: 'self-max-not-positive', input: cells.self_max });
    if (points !== null && max !== null && points >= 0 && max > 0 && points > max) {
      fail({ kind: 'self-over-max', points: cells.self_points, max: cells.self_max });
    }
    if (ok && unit && points !== null && max !== null) rows.push({ unit: unit.code, selfPoints: points, selfMax: max });
  }
  if (!read.rows.length) problems.push({ kind: 'csv-no-rows', header: SELF_HEADER });
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}
