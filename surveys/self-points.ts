/** The self-assessment points file (`self import`): every row checked, every problem listed, nothing partial returned. */
import type { Campaign, Unit } from './campaign';
import { parseDecimal, readCsv } from './csv';
import type { SelfPoints } from './scoring';

export const SELF_HEADER = ['unit_code', 'self_points', 'self_max'];

export type SelfPointsCheck = { ok: true; rows: SelfPoints[] } | { ok: false; errors: string[] };

export function checkSelfPoints(c: Campaign, text: string): SelfPointsCheck {
  const read = readCsv(text, SELF_HEADER);
  if (!read.ok) return read;

  const exact = new Map(c.units.map((u) => [u.code, u]));
  // Typed codes may differ in case only ("snv"); accept them where that is unambiguous.
  const folded = new Map<string, Unit | null>();
  for (const u of c.units) {
    const k = u.code.toUpperCase();
    folded.set(k, folded.has(k) ? null : u);
  }
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
    const unit = code === '' ? undefined : (exact.get(code) ?? folded.get(code.toUpperCase()) ?? undefined);
    if (code === '') fail('unit_code is empty');
    else if (!unit) fail(`unknown unit "${code}"`);
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
