/** Quota progress per (group, home unit): target, issued, returned, counted, the share of the target reached. */
import type { Campaign } from './campaign';
import { roundHalfAway } from './decimal';
import { homeKey } from './issue-plan';
import { homeUnitsOf, indexUnits } from './scope';

export type QuotaCount = { group: string; home: string | null; issued: number; returned: number; counted: number };
export type QuotaRow = {
  group: string;
  groupName: string;
  home: string | null;
  homeName: string | null;
  target: number;
  issued: number;
  returned: number;
  counted: number;
  /** 100 × counted / target to one decimal; null where the target is 0. */
  percent: number | null;
  short: boolean;
};

/** One row per (group, home unit) of the campaign, in campaign order, whether or not anything was issued yet. */
export function quotaRows(c: Campaign, counts: QuotaCount[]): QuotaRow[] {
  const byKey = new Map(counts.map((q) => [homeKey(q.group, q.home), q]));
  const units = indexUnits(c);
  return c.groups.flatMap((g) =>
    homeUnitsOf(c, g, units).map((home) => {
      const n = byKey.get(homeKey(g.code, home));
      const counted = n?.counted ?? 0;
      return {
        group: g.code,
        groupName: g.name,
        home,
        homeName: home ? (units.byCode.get(home)?.name ?? home) : null,
        target: g.quota,
        issued: n?.issued ?? 0,
        returned: n?.returned ?? 0,
        counted,
        percent: g.quota > 0 ? roundHalfAway((100 * counted) / g.quota, 1) : null,
        short: counted < g.quota,
      };
    }),
  );
}
