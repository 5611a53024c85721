/** Issuing forms: how many instances each (group, home unit) needs to reach its quota plus the spare share. */
import type { Campaign } from './campaign';
import { snap } from './decimal';
import { homeUnitsOf, indexUnits, targetsOf } from './scope';

export type IssueNeed = { group: string; form: string; home: string | null; targets: string[]; wanted: number; existing: number; toIssue: number };

/** ceil(quota × (1 + spareShare)), computed on the decimal value so that 10 × 1.1 is 11, not 12. */
export function wantedForms(quota: number, spareShare: number): number {
  return Math.ceil(snap(quota * (1 + spareShare)));
}

export function homeKey(group: string, home: string | null): string {
  return `${group}\u0000${home ?? ''}`;
}

/** What to issue so that every (group, home unit) has its wanted count; `existing` counts non-void forms already issued. */
export function planIssue(c: Campaign, existing: ReadonlyMap<string, number>): IssueNeed[] {
  const plan: IssueNeed[] = [];
  const units = indexUnits(c);
  for (const g of c.groups) {
    const wanted = wantedForms(g.quota, c.spareShare);
    for (const home of homeUnitsOf(c, g, units)) {
      const have = existing.get(homeKey(g.code, home)) ?? 0;
      plan.push({
        group: g.code,
        form: g.form,
        home,
        targets: targetsOf(c, g, home, units),
        wanted,
        existing: have,
        toIssue: Math.max(0, wanted - have),
      });
    }
  }
  return plan;
}
