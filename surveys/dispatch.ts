/** Dispatch: the count sheet for the post office, one line per (home unit, group) with the number of forms in that envelope. */
import type { Campaign } from './campaign';
import { toCsv } from './csv';
import { MANIFEST_COLUMNS, manifestRows, toMatrix, type ManifestForm } from './exports';
import { homeLabel } from './print-layout';
import { indexUnits } from './scope';

export const COUNT_COLUMNS = ['home_unit', 'home_unit_name', 'group', 'group_name', 'forms'];

export type DispatchForm = { groupCode: string; homeUnit: string | null; status: string };
export type CountRow = { home_unit: string; home_unit_name: string; group: string; group_name: string; forms: number };

/**
 * Non-void forms counted per (home unit, group): province-wide groups first, then home units in campaign order,
 * groups in campaign order within a home unit, so that one envelope's lines sit together.
 */
export function dispatchCounts(c: Campaign, forms: DispatchForm[]): CountRow[] {
  const n = new Map<string, number>();
  for (const f of forms) {
    if (f.status === 'void') continue;
    const k = `${f.homeUnit ?? ''}\u0000${f.groupCode}`;
    n.set(k, (n.get(k) ?? 0) + 1);
  }
  const unitOrder = new Map(c.units.map((u, i) => [u.code, i]));
  const groupOrder = new Map(c.groups.map((g, i) => [g.code, i]));
  const groupName = new Map(c.groups.map((g) => [g.code, g.name]));
  const units = indexUnits(c);
  return [...n.entries()]
    .map(([k, forms]) => {
      const [home, group] = k.split('\u0000');
      return { home, group, forms };
    })
    .sort(
      (a, b) =>
        (a.home === '' ? -1 : (unitOrder.get(a.home) ?? 1e9)) - (b.home === '' ? -1 : (unitOrder.get(b.home) ?? 1e9)) ||
        a.home.localeCompare(b.home) ||
        (groupOrder.get(a.group) ?? 1e9) - (groupOrder.get(b.group) ?? 1e9),
    )
    .map((r) => ({
      home_unit: r.home,
      home_unit_name: homeLabel(c, r.home === '' ? null : r.home, units),
      group: r.group,
      group_name: groupName.get(r.group) ?? r.group,
      forms: r.forms,
    }));
}

/** The dispatch manifest as a CSV file (the CLI's `issue` and `manifest`, and the console's download). */
export function manifestCsv(forms: ManifestForm[]): string {
  return toCsv(MANIFEST_COLUMNS, toMatrix(MANIFEST_COLUMNS, manifestRows(forms)));
}

/** The count sheet as a CSV file (the CLI's `manifest --counts` and the console's download). */
export function countsCsv(c: Campaign, forms: DispatchForm[]): string {
  return toCsv(COUNT_COLUMNS, toMatrix(COUNT_COLUMNS, dispatchCounts(c, forms)));
}
