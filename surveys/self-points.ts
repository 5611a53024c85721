/** The self-assessment points file (`self import`): every row checked, every problem listed, nothing partial returned. */
import type { Campaign, Unit } from './campaign';
import { parseDecimal, readCsv } from './csv';
import type { SelfPoints } from './scoring';
import { zerosNote } from './keyed';
import { matchCode } from './text';

export const SELF_HEADER = ['unit_code', 'self_points', 'self_max'];

export type SelfPointsCheck = { ok: true; rows: SelfPoints[] } | { ok: false; errors: string[] };

export function checkSelfPoints(c: Campaign, text: string): SelfPointsCheck {
  const read = readCsv(text, SELF_HEADER, { decimals: true });
  if (!read.ok) return read;

  const codes = c.units.map((u) => u.code);
  const exact = new Map(codes.map((code, i) => [code, i]));
  const scoredLevels = new Set(c.criteria.map((x) => x.level));

  const errors: string[] = [];
  const rows: SelfPoints[] = [];
  const firstRow = new Map<string, number>();
  for (const { row, cells } of read.rows) {
    const at = `row ${row}: `;
    let ok = true;
    const fail = (msg: string) => {
      errors.push(at + msg);
      ok = false;
    };

    const code = cells.unit_code;
    // Typed codes may differ in case ("snv") or have lost their leading zeros in Excel (118 for 00118).
    // An exact code is a map look-up; only a code that needs reading back scans the list.
    const at0 = exact.get(code);
    const match = code === '' ? undefined : at0 !== undefined ? ({ ok: true, index: at0 } as const) : matchCode(code, codes);
    const unit: Unit | undefined = match?.ok ? c.units[match.index] : undefined;
    if (code === '') fail('unit_code is empty');
    else if (match && !match.ok && match.kind === 'ambiguous') {
      fail(`unit "${code}" could be ${match.candidates.join(' or ')}${zerosNote(match.why, 'unit_code')}`);
    } else if (!unit) fail(`unknown unit "${code}"`);
    else {
      const first = firstRow.get(unit.code);
      if (first !== undefined) fail(`unit "${unit.code}" is repeated (first at row ${first})`);
      else firstRow.set(unit.code, row);
      if (!scoredLevels.has(unit.level)) fail(`unit "${unit.code}" is of level "${unit.level}", which has no criteria in campaign ${c.code}`);
    }

    const number = (name: 'self_points' | 'self_max'): number | null => {
      const raw = cells[name];
      if (raw === '') {
        fail(`${name} is empty`);
        return null;
      }
      const n = parseDecimal(raw);
      if (n === null) fail(`${name} "${raw}" is not a number`);
      return n;
    };
    const points = number('self_points');
    const max = number('self_max');
    if (points !== null && points < 0) fail(`self_points ${cells.self_points} is negative`);
    if (max !== null && max <= 0) fail(`self_max ${cells.self_max} must be greater than 0`);
    if (points !== null && max !== null && points >= 0 && max > 0 && points > max) {
      fail(`self_points ${cells.self_points} is greater than self_max ${cells.self_max}`);
    }
    if (ok && unit && points !== null && max !== null) rows.push({ unit: unit.code, selfPoints: points, selfMax: max });
  }
  if (!read.rows.length) errors.push(`the file has no data rows below the header "${SELF_HEADER.join(',')}"`);
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
