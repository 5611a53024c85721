/** The campaign workbook as a plain grid for the pure tests: the sheets the writer would write, read back as a spreadsheet shows them, with cells to change by sheet, row and heading. */
import type { Campaign } from '../../surveys/campaign';
import { campaignSheets, type GridCell, type GridSheet, type OutCell } from '../../surveys/campaign-workbook';

/** Each written cell as a spreadsheet holds it: numbers show as JavaScript writes them, formulas with their result. */
export function gridOf(c: Campaign | null): GridSheet[] {
  return campaignSheets(c).map((s) => ({
    name: s.name,
    hidden: s.hidden,
    rows: [s.columns.map((x) => ({ text: x.heading, value: x.heading })), ...s.rows.map((row) => row.map(cellOf))],
  }));
}

function cellOf(v: OutCell): GridCell {
  if (v === null) return { text: '', value: null };
  if (typeof v === 'object') return { text: String(v.result), value: v.result, formula: v.formula };
  return { text: String(v), value: v };
}

/** The cell of `sheet` at Excel row `row` under `heading` (row 1 holds the headings). */
export function cellAt(grid: GridSheet[], sheet: string, row: number, heading: string): GridCell {
  const s = grid.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  const col = s.rows[0].findIndex((c) => c.text === heading);
  if (col < 0) throw new Error(`no column ${heading} in ${sheet}`);
  s.rows[row - 1] ??= [];
  s.rows[row - 1][col] ??= { text: '', value: null };
  return s.rows[row - 1][col];
}

/** Types into a cell as a person would: the text shown and the value Excel keeps. */
export function put(
  grid: GridSheet[],
  sheet: string,
  row: number,
  heading: string,
  value: GridCell['value'],
  text = value === null ? '' : String(value),
  formula?: string,
) {
  Object.assign(cellAt(grid, sheet, row, heading), { text, value, ...(formula ? { formula } : {}) });
}
