/** Keyer accuracy: cells keyed per keyer and how many of them a supervisor changed at reconciliation, as rates. */
import { roundHalfAway } from './decimal';
import { operatorKey } from './ledger';
import type { Num, Row } from './exports';

/**
 * How the scanner's row (operator MACHINE_OPERATOR) is named to users: its changed cells are a person's verification
 * of what it read, not a reconciliation of two keyers.
 */
export const MACHINE_KEYER_NAME = 'Máy đọc phiếu quét (số ô người kiểm tra sửa)';

export type KeyerCounts = { keyer: string; forms: number; cells: number; changed: number };
export type AccuracyRow = KeyerCounts & {
  /** Cells changed per 1,000 keyed, two decimals; null when nothing was keyed. */
  changedPerThousand: number | null;
  /** Share of keyed cells left as keyed, in percent, two decimals; null when nothing was keyed. */
  accuracyPercent: number | null;
};

/** One row per keyer (names compared as the keyed-CSV check compares operators), by name; counts of one keyer add up. */
export function accuracyRows(counts: KeyerCounts[]): AccuracyRow[] {
  const byKeyer = new Map<string, KeyerCounts>();
  for (const c of counts) {
    const k = operatorKey(c.keyer);
    const acc = byKeyer.get(k) ?? { keyer: c.keyer.trim(), forms: 0, cells: 0, changed: 0 };
    acc.forms += c.forms;
    acc.cells += c.cells;
    acc.changed += c.changed;
    byKeyer.set(k, acc);
  }
  return [...byKeyer.values()]
    .sort((a, b) => a.keyer.localeCompare(b.keyer, 'vi'))
    .map((r) => ({
      ...r,
      changedPerThousand: r.cells > 0 ? roundHalfAway((1000 * r.changed) / r.cells, 2) : null,
      accuracyPercent: r.cells > 0 ? roundHalfAway((100 * (r.cells - r.changed)) / r.cells, 2) : null,
    }));
}

/** Totals over all keyers, with the same rates. */
export function accuracyTotal(rows: AccuracyRow[]): AccuracyRow {
  const [total] = accuracyRows([
    {
      keyer: 'Tổng',
      forms: rows.reduce((s, r) => s + r.forms, 0),
      cells: rows.reduce((s, r) => s + r.cells, 0),
      changed: rows.reduce((s, r) => s + r.changed, 0),
    },
  ]);
  return total;
}

export const ACCURACY_COLUMNS = ['keyer', 'forms', 'cells', 'changed', 'changed_per_thousand', 'accuracy_percent'];

/** Export rows of keyer accuracy (API JSON or CSV): the figures to two decimals as `num` writes them, empty where nothing was keyed. */
export function accuracyExportRows(rows: AccuracyRow[], num: Num): Row[] {
  return rows.map((r) => ({
    keyer: r.keyer,
    forms: r.forms,
    cells: r.cells,
    changed: r.changed,
    changed_per_thousand: r.changedPerThousand === null ? null : num(r.changedPerThousand, 2),
    accuracy_percent: r.accuracyPercent === null ? null : num(r.accuracyPercent, 2),
  }));
}
