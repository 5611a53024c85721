/** Next year's campaign from this year's: the same definition under a new code, year and name (nothing issued, nothing answered). */
import type { Campaign } from './campaign';

/** `text` with the year `from` replaced by `to` wherever it stands as a whole number ("năm 2025" → "năm 2026", not 12025). */
const withYear = (text: string, from: number, to: number) => text.replace(new RegExp(`(?<!\\d)${from}(?!\\d)`, 'g'), String(to));

/**
 * A copy of `def` for `to.code`. The year defaults to the next one; the name defaults to the old name with its year
 * replaced wherever it appears as a whole number ("… năm 2025" → "… năm 2026"), else the old name as it is. Units keep
 * their codes but not `formerly`: those name units of the campaign before `def`, two years before the copy, which
 * the copy's comparison with `def` does not use; this year's mergers are typed into the copy afresh.
 * Worked by hand: { code: LCU-2020, year: 2020, name: "Điều tra … năm 2020" } to { code: LCU-2021 } →
 * { code: LCU-2021, year: 2021, name: "Điều tra … năm 2021" }.
 */
export function copyCampaign(def: Campaign, to: { code: string; year?: number; name?: string }): Campaign {
  const year = to.year ?? def.year + 1;
  const name = to.name ?? withYear(def.name, def.year, year);
  const copy = structuredClone(def);
  for (const u of copy.units) delete u.formerly;
  return { ...copy, code: to.code, year, name };
}

/** The code the copy form offers: the year in the code moved on ("TQG-2026" → "TQG-2027"), else the next year added ("TQG" → "TQG-2027"). */
export function nextCode(def: Campaign): string {
  const moved = withYear(def.code, def.year, def.year + 1);
  return moved === def.code ? `${def.code}-${def.year + 1}` : moved;
}
