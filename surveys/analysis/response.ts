/** Sample and response per (group, home unit) and in total: the quota table's figures plus returns by channel, invalid forms by reason and the response rate. */
import type { Campaign } from '../campaign';
import { roundHalfAway } from '../decimal';
import { homeKey } from '../issue-plan';
import { quotaRows, type QuotaCount } from '../quotas';

/** Returned forms of one (group, home unit) by how they came back and how they ended. */
export type ReturnCount = { group: string; home: string | null; web: boolean; status: string; invalidReason: string | null; forms: number };

export type ResponseRow = {
  group: string | null;
  home: string | null;
  homeName: string | null;
  target: number;
  issued: number;
  returned: number;
  returnedWeb: number;
  returnedPaper: number;
  counted: number;
  invalid: number;
  /**
   * Returned but not counted yet: keyed once (waiting for the second pass) or waiting for reconciliation or
   * verification (keyed_once, conflict), so that returned = counted + invalid + pending.
   */
  pending: number;
  /** 100 × counted / issued, one decimal; null when nothing was issued. */
  responseRate: number | null;
  /** 100 × counted / target, one decimal (the quota table's percent); null when the target is 0. */
  quotaPercent: number | null;
};
export type InvalidReasonRow = { group: string | null; home: string | null; reason: string; forms: number };

const rate = (part: number, whole: number) => (whole > 0 ? roundHalfAway((100 * part) / whole, 1) : null);

/**
 * One row per (group, home unit) in campaign order (the quota rows, reused), one total per group (home null), and
 * the campaign's total (group and home null).
 */
export function responseRows(c: Campaign, quota: QuotaCount[], returns: ReturnCount[]): { rows: ResponseRow[]; invalidReasons: InvalidReasonRow[] } {
  const extra = new Map<string, { web: number; paper: number; invalid: number }>();
  const reasons = new Map<string, InvalidReasonRow>();
  for (const r of returns) {
    const key = homeKey(r.group, r.home);
    const e = extra.get(key) ?? { web: 0, paper: 0, invalid: 0 };
    if (r.web) e.web += r.forms;
    else e.paper += r.forms;
    if (r.status === 'invalid') {
      e.invalid += r.forms;
      const reason = r.invalidReason ?? '';
      // Per (group, home unit) and for the whole campaign; a group's total is the sum of its rows.
      for (const [group, home] of [
        [r.group, r.home],
        [null, null],
      ] as const) {
        const k = `${group === null ? 'all' : homeKey(group, home)}\u0000${reason}`;
        const row = reasons.get(k) ?? { group, home, reason, forms: 0 };
        row.forms += r.forms;
        reasons.set(k, row);
      }
    }
    extra.set(key, e);
  }
  const cells: ResponseRow[] = quotaRows(c, quota).map((q) => {
    const e = extra.get(homeKey(q.group, q.home)) ?? { web: 0, paper: 0, invalid: 0 };
    return {
      group: q.group,
      home: q.home,
      homeName: q.homeName,
      target: q.target,
      issued: q.issued,
      returned: q.returned,
      returnedWeb: e.web,
      returnedPaper: e.paper,
      counted: q.counted,
      invalid: e.invalid,
      pending: q.returned - q.counted - e.invalid,
      responseRate: rate(q.counted, q.issued),
      quotaPercent: q.percent,
    };
  });
  const total = (group: string | null, rows: ResponseRow[]): ResponseRow => {
    const sum = (f: (r: ResponseRow) => number) => rows.reduce((s, r) => s + f(r), 0);
    const target = sum((r) => r.target);
    const counted = sum((r) => r.counted);
    const issued = sum((r) => r.issued);
    return {
      group,
      home: null,
      homeName: null,
      target,
      issued,
      returned: sum((r) => r.returned),
      returnedWeb: sum((r) => r.returnedWeb),
      returnedPaper: sum((r) => r.returnedPaper),
      counted,
      invalid: sum((r) => r.invalid),
      pending: sum((r) => r.pending),
      responseRate: rate(counted, issued),
      quotaPercent: rate(counted, target),
    };
  };
  // A province-wide group has one row already (home null); its total would repeat it.
  const rows = c.groups.flatMap((g) => {
    const own = cells.filter((r) => r.group === g.code);
    return g.home === 'province' ? own : [...own, total(g.code, own)];
  });
  rows.push(total(null, cells));
  return { rows, invalidReasons: [...reasons.values()] };
}
