/** Scope resolution: which home units a group draws from and which units one of its forms rates. */
import type { Campaign, Form, Group, Option, Unit } from './campaign';

/**
 * Units by code and unit codes by level. A caller that resolves many homes, targets or names builds it once with
 * `indexUnits` and passes it, so that the work stays linear in units (a national campaign has thousands of communes);
 * a single lookup may leave it out and pays one pass over the units. Nothing is kept between calls.
 */
export type UnitIndex = { byCode: ReadonlyMap<string, Unit>; codesByLevel: ReadonlyMap<string, readonly string[]> };

export function indexUnits(c: Campaign): UnitIndex {
  const byCode = new Map<string, Unit>();
  const codesByLevel = new Map<string, string[]>();
  for (const u of c.units) {
    byCode.set(u.code, u);
    const codes = codesByLevel.get(u.level);
    if (codes) codes.push(u.code);
    else codesByLevel.set(u.level, [u.code]);
  }
  return { byCode, codesByLevel };
}

/** The codes of a level's units, in campaign order (a fresh array the caller may keep). */
export function unitCodesOf(c: Campaign, level: string, units: UnitIndex = indexUnits(c)): string[] {
  return [...(units.codesByLevel.get(level) ?? [])];
}

export function unitByCode(c: Campaign, code: string, units: UnitIndex = indexUnits(c)): Unit | undefined {
  return units.byCode.get(code);
}

/** The home units of a group, or `[null]` for a province-wide group (one pool, quota is the total). */
export function homeUnitsOf(c: Campaign, g: Group, units?: UnitIndex): (string | null)[] {
  if (g.home === 'province') return [null];
  return g.homeUnits ?? unitCodesOf(c, g.home, units);
}

export function formOf(c: Campaign, g: Group): Form {
  const f = c.forms.find((x) => x.code === g.form);
  if (!f) throw new Error(`group ${g.code} names unknown form ${g.form}`);
  return f;
}

/** The options of a form's option set, in campaign order (a checked campaign always has the set). */
export function optionsOf(c: Campaign, form: Form): Option[] {
  const set = c.optionSets.find((s) => s.code === form.optionSet);
  if (!set) throw new Error(`form ${form.code} names unknown option set ${form.optionSet}`);
  return set.options;
}

/** Each option's share of the criterion's points by its code in upper case (answers match without case); null for "Không biết" (domain.md scoring). */
export function fractionsOf(c: Campaign, form: Form): Map<string, number | null> {
  return new Map(optionsOf(c, form).map((o) => [o.code.toUpperCase(), o.fraction]));
}

/** The units one form of group `g` from home unit `home` rates, in campaign order. */
export function targetsOf(c: Campaign, g: Group, home: string | null, units?: UnitIndex): string[] {
  const level = formOf(c, g).targetLevel;
  switch (g.scope) {
    case 'all':
      return unitCodesOf(c, level, units);
    case 'own':
      return home ? [home] : [];
    case 'parent': {
      const parent = home ? unitByCode(c, home, units)?.parent : undefined;
      return parent ? [parent] : [];
    }
    case 'linked':
      return home ? [...(g.links?.[home] ?? [])] : [];
  }
}

export function groupByCode(c: Campaign, code: string): Group | undefined {
  return c.groups.find((g) => g.code === code);
}
