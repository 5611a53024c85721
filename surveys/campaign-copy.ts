/** Next year's campaign from this year's: the same definition under a new code, year and name (nothing issued, nothing answered). */
import type { Campaign } from './campaign';

/**
 * A copy of `def` for `to.code`. The year defaults to the next one; the name defaults to the old name with its year
 * replaced wherever it appears as a whole number ("… năm 2025" → "… năm 2026"), else the old name as it is. Units keep
 * their codes; `formerly` is left as it was (it names codes of the campaign before, which the copy still follows).
 * Worked by hand: { code: LCU-2020, year: 2020, name: "Điều tra … năm 2020" } to { code: LCU-2021 } →
 * { code: LCU-2021, year: 2021, name: "Điều tra … năm 2021" }.
 */
export function copyCampaign(def: Campaign, to: { code: string; year?: number; name?: string }): Campaign {
  const year = to.year ?? def.year + 1;
  const name = to.name ?? def.name.replace(new RegExp(`(?<!\\d)${def.year}(?!\\d)`, 'g'), String(year));
  return { ...structuredClone(def), code: to.code, year, name };
}
