/** Scope resolution: which home units a group draws from and which units one of its forms rates. */
import type { Campaign, Form, Group, Option, Unit } from './campaign';

type UnitIndex = { byCode: Map<string, Unit>; codesByLevel: Map<string, string[]> };

/**
 * Units by code and unit codes by level, built once per campaign object so that resolving every group's homes and
 * targets stays linear in units (a national campaign has thousands of communes). Campaign objects are never changed
 * after they are checked, so the memo cannot go stale; it goes away with the object.
 */
const indexes = new WeakMap<Campaign, UnitIndex>();

function unitIndex(c: Campaign): UnitIndex {
  let index = indexes.get(c);
  if (!index) {
    index = { byCode: new Map(), codesByLevel: new Map() };
    for (const u of c.units) {
      index.byCode.set(u.code, u);
      const codes = index.codesByLevel.get(u.level);
      if (codes) codes.push(u.code);
      else index.codesByLevel.set(u.level, [u.code]);
    }
    indexes.set(c, index);
  }
  return index;
}

/** The codes of a level's units, in campaign order (a fresh array the caller may keep). */
export function unitCodesOf(c: Campaign, level: string): string[] {
  return [...(unitIndex(c).codesByLevel.get(level) ?? [])];
}

export function unitByCode(c: Campaign, code: string): Unit | undefined {
  return unitIndex(c).byCode.get(code);
}

/** The home units of a group, or `[null]` for a province-wide group (one pool, quota is the total). */
export function homeUnitsOf(c: Campaign, g: Group): (string | null)[] {
  if (g.home === 'province') return [null];
  return g.homeUnits ?? unitCodesOf(c, g.home);
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

/** The units one form of group `g` from home unit `home` rates, in campaign order. */
export function targetsOf(c: Campaign, g: Group, home: string | null): string[] {
  const level = formOf(c, g).targetLevel;
  switch (g.scope) {
    case 'all':
      return unitCodesOf(c, level);
    case 'own':
      return home ? [home] : [];
    case 'parent': {
      const parent = home ? unitByCode(c, home)?.parent : undefined;
      return parent ? [parent] : [];
    }
    case 'linked':
      return home ? [...(g.links?.[home] ?? [])] : [];
  }
}

export function groupByCode(c: Campaign, code: string): Group | undefined {
  return c.groups.find((g) => g.code === code);
}
