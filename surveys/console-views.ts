/** What the Sở Nội vụ console shows, as plain records computed from a campaign and its results (numbers formatted, flags set). */
import type { Campaign } from './campaign';
import { barChart } from './charts';
import { CHANNELS, type Channel } from './ledger';
import { formatMax, sumDecimal } from './decimal';
import { decimalTextVi, numberVi } from './format-vi';
import type { QuotaRow } from './quotas';
import { cellsByUnit, type CellScore, type ScoreResult } from './scoring';
import { cellStatusName, combineName, homeName, levelName, scopeName } from './names';
import { homeUnitsOf, indexUnits } from './scope';

/** A maximum from the campaign file, with its own decimals kept (formatMax), written with a decimal comma. */
const maxVi = (x: number, decimals: number) => decimalTextVi(formatMax(x, decimals));

/** What a campaign file holds, for the check before loading and the campaign page. */
export function campaignSummary(c: Campaign) {
  const levels = [...new Set(c.units.map((u) => u.level))].map((level) => {
    const criteria = c.criteria.filter((x) => x.level === level);
    return {
      level,
      name: levelName(level),
      units: c.units.filter((u) => u.level === level).length,
      criteria: criteria.length,
      maxPoints: maxVi(
        sumDecimal(
          criteria.map((x) => x.maxPoints),
          9,
        ),
        c.scoring.decimals,
      ),
    };
  });
  const units = indexUnits(c);
  const groups = c.groups.map((g) => {
    const homes = homeUnitsOf(c, g, units).length;
    return {
      code: g.code,
      name: g.name,
      form: g.form,
      home: homeName(g.home),
      scope: scopeName(g.scope),
      quota: g.quota,
      homes,
      target: g.quota * homes,
      weight: decimalTextVi(String(g.weight)),
    };
  });
  return {
    code: c.code,
    name: c.name,
    year: c.year,
    province: c.province,
    doubleEntry: c.doubleEntry,
    combine: combineName(c.scoring.combine),
    minValid: c.scoring.minValid,
    warnBelow: c.scoring.warnBelow,
    levels,
    forms: c.forms.map((f) => ({ code: f.code, title: f.title, level: levelName(f.targetLevel), questions: f.questions.length, optionSet: f.optionSet })),
    groups,
    totalTarget: groups.reduce((s, g) => s + g.target, 0),
    bands: c.bands.map((b) => `${b.label} ≥ ${decimalTextVi(formatMax(b.minPercent, 0))} %`).join(', '),
  };
}

const pct = (x: number | null) => numberVi(x, 1);

/** The quota table per (group, home unit) and one line per group for the chart. */
export function quotaView(rows: QuotaRow[]) {
  const byGroup = new Map<string, { group: string; name: string; target: number; issued: number; returned: number; counted: number; short: number }>();
  for (const r of rows) {
    const g = byGroup.get(r.group) ?? { group: r.group, name: r.groupName, target: 0, issued: 0, returned: 0, counted: 0, short: 0 };
    g.target += r.target;
    g.issued += r.issued;
    g.returned += r.returned;
    g.counted += r.counted;
    if (r.short) g.short += 1;
    byGroup.set(r.group, g);
  }
  const groups = [...byGroup.values()].map((g) => {
    const percent = g.target > 0 ? (100 * g.counted) / g.target : null;
    return { ...g, percent, percentText: pct(percent), isShort: g.counted < g.target };
  });
  return {
    groups,
    rows: rows.map((r) => ({ ...r, homeLabel: r.home ? `${r.homeName} (${r.home})` : 'Toàn tỉnh', percentText: pct(r.percent) })),
    shortCells: rows.filter((r) => r.short).length,
  };
}

function cellView(c: Campaign, x: CellScore) {
  const d = c.scoring.decimals;
  return {
    criterion: x.criterion,
    points: numberVi(x.points, d),
    status: x.status,
    statusName: cellStatusName(x.status),
    flag: x.status !== 'OK',
  };
}

/**
 * Units without a single answer in any criterion. Under noData "zero" they score 0 and the engine ranks them like the
 * others (all of them first when nobody has answered yet); people are shown "no data" instead of that rank.
 */
export function unitsWithoutData(r: ScoreResult): Set<string> {
  const answered = new Set(r.cells.filter((x) => x.status !== 'NO_DATA').map((x) => x.unit));
  return new Set(r.cells.filter((x) => !answered.has(x.unit)).map((x) => x.unit));
}

/** Per level: ranked units with survey points (and totals where self points exist), and the unit × criterion matrix. */
export function scoresView(c: Campaign, r: ScoreResult) {
  const d = c.scoring.decimals;
  const f = (x: number | null | undefined) => (x === null || x === undefined ? '' : numberVi(x, d));
  const max = (x: number | null | undefined) => (x === null || x === undefined ? '' : maxVi(x, d));
  const levels = [...new Set(r.units.map((u) => u.level))];
  const byUnit = cellsByUnit(r.cells);
  const withoutData = unitsWithoutData(r);
  return levels.map((level) => {
    const criteria = c.criteria.filter((x) => x.level === level);
    const ranked = r.units.filter((u) => u.level === level).sort((a, b) => a.rank - b.rank || a.unit.localeCompare(b.unit));
    const units = ranked.map((u) => {
      const cells = byUnit.get(u.unit) ?? [];
      const byCriterion = new Map(cells.map((x) => [x.criterion, x]));
      const noData = withoutData.has(u.unit);
      return {
        unit: u.unit,
        unitName: u.unitName,
        noData,
        rank: noData ? '—' : u.rank,
        surveyPoints: f(u.surveyPoints),
        surveyMax: max(u.surveyMax),
        hasSelf: u.self !== null,
        selfPoints: f(u.self?.selfPoints),
        selfMax: max(u.self?.selfMax),
        total: f(u.self?.total),
        totalMax: max(u.self?.totalMax),
        percent: f(u.self?.percent),
        band: u.self?.band ?? '',
        totalRank: u.self?.totalRank ?? '',
        // Cells with few answers; a unit with no data at all says so once instead of flagging every cell.
        flagged: noData ? 0 : cells.filter((x) => x.status !== 'OK').length,
        cells: criteria.map((crit) => cellView(c, byCriterion.get(crit.code)!)),
      };
    });
    return {
      level,
      name: levelName(level),
      criteria: criteria.map((x) => ({ code: x.code, name: x.name, maxPoints: maxVi(x.maxPoints, d) })),
      units,
      withSelf: units.some((u) => u.hasSelf),
      // The bar chart of the level, in the table's order: survey points against each unit's maximum.
      bars: ranked.map((u, i) => ({
        label: u.unitName,
        value: units[i].noData ? null : u.surveyPoints,
        suffix: units[i].noData ? ' (chưa có dữ liệu)' : ` / ${max(u.surveyMax)}`,
        flag: units[i].flagged > 0,
      })),
      scaleMax: Math.max(0, ...ranked.map((u) => u.surveyMax)),
    };
  });
}

/** One (unit, criterion): each group's n, sum and mean with its weight and whether it counted. */
export function cellDetail(c: Campaign, x: CellScore) {
  const d = c.scoring.decimals;
  return {
    ...x,
    maxText: maxVi(x.maxPoints, d),
    pointsText: numberVi(x.points, d),
    fractionText: numberVi(x.fraction, 6),
    statusName: cellStatusName(x.status),
    groups: x.groups.map((g) => ({
      ...g,
      weightText: decimalTextVi(String(g.weight)),
      sumText: numberVi(g.sum, 6),
      meanText: numberVi(g.mean, 6),
    })),
  };
}

/**
 * The printing choice of a campaign: its groups, and the home units to pick from grouped by level, each unit with
 * the groups whose respondents work there (the page narrows the list to the chosen group's units).
 */
export function printChoices(c: Campaign) {
  const groupsOf = new Map<string, string[]>();
  const units = indexUnits(c);
  for (const g of c.groups) for (const home of homeUnitsOf(c, g, units)) if (home) groupsOf.set(home, [...(groupsOf.get(home) ?? []), g.code]);
  const levels = [...new Set(c.units.filter((u) => groupsOf.has(u.code)).map((u) => u.level))];
  return {
    groups: c.groups.map((g) => ({ code: g.code, name: g.name, home: homeName(g.home) })),
    homeLevels: levels.map((level) => ({
      name: levelName(level),
      units: c.units
        .filter((u) => u.level === level && groupsOf.has(u.code))
        .map((u) => ({ code: u.code, name: u.name, groups: groupsOf.get(u.code)!.join(' ') })),
    })),
  };
}

/** The print page's campaigns, each with its count of issued forms and its printing choice (printChoices). */
export function printChooseView<L extends { code: string }>(campaigns: L[], defOf: (code: string) => Campaign) {
  return campaigns.map((x) => ({ ...x, ...printChoices(defOf(x.code)) }));
}

/**
 * The quota page: the chart of counted ÷ quota per group, and the table filtered to one group (`group`, ignored when
 * the campaign has no such group) and to the cells still short of their quota (`onlyShort`).
 */
export function quotaPageView(c: Campaign, rows: QuotaRow[], group: string | undefined, onlyShort: boolean) {
  const view = quotaView(rows);
  const chosen = c.groups.some((g) => g.code === group) ? group : undefined;
  const chart = barChart({
    title: 'Tỷ lệ phiếu hợp lệ so với chỉ tiêu, theo nhóm đối tượng',
    bars: view.groups.map((g) => ({ label: `${g.group} — ${g.name}`, value: g.percent, suffix: ' %', flag: g.isShort })),
    scaleMax: Math.max(100, ...view.groups.map((g) => g.percent ?? 0)),
    decimals: 1,
    guide: 100,
  });
  return {
    chart,
    groups: view.groups.map((g) => ({ ...g, selected: g.group === chosen })),
    rows: view.rows.filter((r) => (!chosen || r.group === chosen) && (!onlyShort || r.short)),
    shortCells: view.shortCells,
    group: chosen,
    onlyShort,
  };
}

/** The scores page's levels (scoresView, made on a worker thread), each with its chart of survey points. */
export function scoreLevelsWithCharts(c: Campaign, levels: ReturnType<typeof scoresView>) {
  return levels.map((l) => ({
    ...l,
    chart: barChart({ title: `Điểm điều tra xã hội học — ${l.name}`, bars: l.bars, scaleMax: l.scaleMax, decimals: c.scoring.decimals }),
  }));
}

export const CHANNEL_NAMES: Record<Channel, string> = { paper: 'Phiếu giấy', web: 'Trực tuyến', mixed: 'Giấy và trực tuyến' };

/**
 * A campaign's console page: its summary, the channels to issue by, and what the last action said (the query of the
 * redirect after it: a load, an issue with its channel, an invalidation).
 */
export function campaignPageView(
  c: Campaign,
  version: number,
  q: { loaded?: string; issued?: string; channel?: string; invalidated?: string; copied?: string },
) {
  const channel = CHANNELS.find((x) => x === q.channel);
  return {
    title: `${c.code} — ${c.name}`,
    c: campaignSummary(c),
    version,
    channels: CHANNELS.map((value) => ({ value, label: CHANNEL_NAMES[value] })),
    loaded: q.loaded,
    issued: q.issued,
    // After issuing, the next steps: web and mixed forms also need invitations and the access-code list.
    issuedChannel: q.issued && channel ? { label: CHANNEL_NAMES[channel], online: channel !== 'paper' } : undefined,
    invalidated: q.invalidated,
    copied: q.copied,
  };
}
