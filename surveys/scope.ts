/** Scope resolution: which home units a group draws from and which units one of its forms rates. */
import type { Campaign, Form, Group, Option } from './campaign';

/** The home units of a group, or `[null]` for a province-wide group (one pool, quota is the total). */
export function homeUnitsOf(c: Campaign, g: Group): (string | null)[] {
  if (g.home === 'province') return [null];
  return g.homeUnits ?? c.units.filter((u) => u.level === g.home).map((u) => u.code);
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
      return c.units.filter((u) => u.level === level).map((u) => u.code);
    case 'own':
      return home ? [home] : [];
    case 'parent': {
      const parent = c.units.find((u) => u.code === home)?.parent;
      return parent ? [parent] : [];
    }
    case 'linked':
      return home ? [...(g.links?.[home] ?? [])] : [];
  }
}

export function groupByCode(c: Campaign, code: string): Group | undefined {
  return c.groups.find((g) => g.code === code);
}
