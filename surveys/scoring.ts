/** The survey score of domain.md §8 as pure functions: tallies of counted answers in, cells, unit summaries and explanations out. */
import type { Campaign, Criterion, Group, Scoring, Unit } from './campaign';
import { formatFixed, roundHalfAway, snap, sumDecimal, toUnits } from './decimal';
import { decimalTextVi, numberVi } from './format-vi';
import { formOf, fractionsOf } from './scope';

/**
 * Counts of settled cells of counted forms by (respondent group, rated unit, question, answer).
 * `answer` is an option code of the group's form's option set (any case), '' for blank, '*' for spoiled.
 */
export type Tally = { group: string; unit: string; question: string; answer: string; count: number };
export type SelfPoints = { unit: string; selfPoints: number; selfMax: number };
export type CellStatus = 'OK' | 'LOW_N' | 'NO_DATA';
export type GroupPart = {
  group: string;
  groupName: string;
  weight: number;
  /** Answers with a fraction from this group for the cell. */
  n: number;
  /** Sum of their fractions. */
  sum: number;
  /** F[g,c,u]; null when n is below minValid. */
  mean: number | null;
  /** Whether this group's answers entered F[c,u]. */
  contributes: boolean;
  /** A contributing group with fewer than warnBelow answers (group-equal only; pooled flags the cell as a whole). */
  lowN: boolean;
};
export type CellScore = {
  unit: string;
  unitName: string;
  level: string;
  criterion: string;
  criterionName: string;
  maxPoints: number;
  /** F[c,u] snapped to 9 decimals; null when NO_DATA. */
  fraction: number | null;
  /** maxPoints × F snapped to 9 decimals; null when NO_DATA. */
  rawPoints: number | null;
  /** Rounded to scoring.decimals; NO_DATA: 0 under noData "zero", null under "exclude". */
  points: number | null;
  /** n_counted of §8: the answers with a fraction that entered F. */
  n: number;
  status: CellStatus;
  combine: 'group-equal' | 'pooled';
  groups: GroupPart[];
};
export type UnitSummary = {
  unit: string;
  unitName: string;
  level: string;
  surveyPoints: number;
  surveyMax: number;
  rank: number;
  self: null | { selfPoints: number; selfMax: number; total: number; totalMax: number; percent: number | null; band: string | null; totalRank: number };
};
export type ScoreResult = { cells: CellScore[]; units: UnitSummary[] };

/** Fractions are summed as whole billionths so that a pooled mean is one exact sum and one division. */
const NANO = 1e9;

type Acc = { n: number; nanos: number };
type GroupIndex = { group: Group; level: string; criterionOf: Map<string, string>; fractionOf: Map<string, number | null> };
type Combined = { fraction: number | null; n: number; lowN: boolean; groups: GroupPart[] };

export function scoreCampaign(c: Campaign, tallies: Tally[], self: SelfPoints[] = []): ScoreResult {
  const answers = accumulate(c, tallies);
  const feeders = feedingGroups(c);
  const criteria = criteriaByLevel(c);
  // Cells come out grouped by unit, in campaign order: summarize relies on it to stay linear in units.
  const cells = c.units.flatMap((u) =>
    (criteria.get(u.level) ?? []).map((crit) => scoreCell(c, u, crit, feeders.get(crit.code) ?? [], answers.get(cellKey(u.code, crit.code)))),
  );
  return { cells, units: summarize(c, cells, self) };
}

function criteriaByLevel(c: Campaign): Map<string, Criterion[]> {
  const byLevel = new Map<string, Criterion[]>();
  for (const x of c.criteria) byLevel.set(x.level, [...(byLevel.get(x.level) ?? []), x]);
  return byLevel;
}

/** A campaign's score cells per unit code, in the order they were scored; one pass over the cells. */
export function cellsByUnit(cells: CellScore[]): Map<string, CellScore[]> {
  const byUnit = new Map<string, CellScore[]>();
  for (const x of cells) {
    const own = byUnit.get(x.unit);
    if (own) own.push(x);
    else byUnit.set(x.unit, [x]);
  }
  return byUnit;
}

function cellKey(unit: string, criterion: string): string {
  return `${unit}\u0000${criterion}`;
}

function indexGroups(c: Campaign): Map<string, GroupIndex> {
  const index = new Map<string, GroupIndex>();
  for (const g of c.groups) {
    const form = formOf(c, g);
    index.set(g.code, {
      group: g,
      level: form.targetLevel,
      criterionOf: new Map(form.questions.map((q) => [q.code, q.criterion])),
      fractionOf: fractionsOf(c, form),
    });
  }
  return index;
}

/** Answers with a fraction per (unit, criterion) and group. A tally the campaign cannot place is a bug upstream, so it throws. */
function accumulate(c: Campaign, tallies: Tally[]): Map<string, Map<string, Acc>> {
  const groups = indexGroups(c);
  const units = new Map(c.units.map((u) => [u.code, u]));
  const cells = new Map<string, Map<string, Acc>>();
  // The message is built only on failure: stringifying every one of millions of tallies cost more than scoring them.
  const bug = (t: Tally, why: string) => new Error(`tally ${JSON.stringify(t)}: ${why}`);
  for (const t of tallies) {
    const g = groups.get(t.group);
    if (!g) throw bug(t, 'unknown group');
    const unit = units.get(t.unit);
    if (!unit) throw bug(t, 'unknown unit');
    if (unit.level !== g.level) throw bug(t, `unit of level ${unit.level}, but form ${g.group.form} rates ${g.level}`);
    const criterion = g.criterionOf.get(t.question);
    if (criterion === undefined) throw bug(t, `form ${g.group.form} has no such question`);
    if (!Number.isSafeInteger(t.count) || t.count < 0) throw bug(t, 'count must be a whole number >= 0');
    if (t.answer === '' || t.answer === '*') continue;
    const fraction = g.fractionOf.get(t.answer.toUpperCase());
    if (fraction === undefined) throw bug(t, `answer is not an option of form ${g.group.form}`);
    // "Don't know" is an answer but carries no fraction: it must not pull the mean towards 0.
    if (fraction === null || t.count === 0) continue;
    const key = cellKey(t.unit, criterion);
    const byGroup = cells.get(key) ?? new Map<string, Acc>();
    cells.set(key, byGroup);
    const acc = byGroup.get(t.group) ?? { n: 0, nanos: 0 };
    byGroup.set(t.group, { n: acc.n + t.count, nanos: acc.nanos + t.count * Math.round(fraction * NANO) });
  }
  return cells;
}

/** Per criterion, the groups whose form has a question feeding it, in campaign order. */
function feedingGroups(c: Campaign): Map<string, Group[]> {
  const feeders = new Map<string, Group[]>();
  for (const g of c.groups) {
    const fed = new Set(formOf(c, g).questions.map((q) => q.criterion));
    for (const crit of fed) feeders.set(crit, [...(feeders.get(crit) ?? []), g]);
  }
  return feeders;
}

function scoreCell(c: Campaign, u: Unit, crit: Criterion, feeders: Group[], byGroup: Map<string, Acc> | undefined): CellScore {
  const s = c.scoring;
  const present = feeders.flatMap((g) => {
    const acc = byGroup?.get(g.code);
    return acc && acc.n > 0 ? [{ group: g, ...acc }] : [];
  });
  const combined = s.combine === 'pooled' ? combinePooled(present, s) : combineGroupEqual(present, s);
  const F = combined.fraction;
  const raw = F === null ? null : snap(crit.maxPoints * F);
  return {
    unit: u.code,
    unitName: u.name,
    level: u.level,
    criterion: crit.code,
    criterionName: crit.name,
    maxPoints: crit.maxPoints,
    fraction: F === null ? null : snap(F),
    rawPoints: raw,
    points: raw !== null ? roundHalfAway(raw, s.decimals) : s.noData === 'zero' ? 0 : null,
    n: combined.n,
    status: F === null ? 'NO_DATA' : combined.lowN ? 'LOW_N' : 'OK',
    combine: s.combine,
    groups: combined.groups,
  };
}

type Present = { group: Group; n: number; nanos: number };

function part(p: Present, s: Scoring, contributes: boolean, lowN: boolean): GroupPart {
  return {
    group: p.group.code,
    groupName: p.group.name,
    weight: p.group.weight,
    n: p.n,
    sum: p.nanos / NANO,
    mean: p.n >= s.minValid ? p.nanos / (p.n * NANO) : null,
    contributes,
    lowN,
  };
}

/** Each group's mean counts by its weight, so a big group cannot outvote a small one (domain.md §8, why group-equal). */
function combineGroupEqual(present: Present[], s: Scoring): Combined {
  const groups = present.map((p) => {
    const contributes = p.n >= s.minValid;
    return part(p, s, contributes, contributes && p.n < s.warnBelow);
  });
  const used = groups.filter((g) => g.contributes);
  if (!used.length) return { fraction: null, n: 0, lowN: false, groups };
  const weights = used.reduce((sum, g) => sum + g.weight, 0);
  const weighted = used.reduce((sum, g) => sum + g.weight * (g.mean as number), 0);
  return {
    fraction: weighted / weights,
    n: used.reduce((sum, g) => sum + g.n, 0),
    lowN: used.some((g) => g.lowN),
    groups,
  };
}

/** Every answer counts once, whatever its group; weights play no part. */
function combinePooled(present: Present[], s: Scoring): Combined {
  const n = present.reduce((sum, p) => sum + p.n, 0);
  const defined = n >= s.minValid;
  const groups = present.map((p) => part(p, s, defined, false));
  if (!defined) return { fraction: null, n: 0, lowN: false, groups };
  const nanos = present.reduce((sum, p) => sum + p.nanos, 0);
  return { fraction: nanos / (n * NANO), n, lowN: n < s.warnBelow, groups };
}

function summarize(c: Campaign, cells: CellScore[], self: SelfPoints[]): UnitSummary[] {
  const d = c.scoring.decimals;
  const selfOf = selfByUnit(c, self);
  const byUnit = cellsByUnit(cells);
  const units = c.units.flatMap((u): UnitSummary[] => {
    const own = byUnit.get(u.code);
    if (!own) return [];
    const surveyPoints = sumDecimal(
      own.map((x) => x.points ?? 0),
      d,
    );
    // Maxima are summed to 9 decimals, not to `decimals`: a 2.25-point criterion keeps its quarter under decimals = 0.
    const surveyMax = sumDecimal(
      own.filter((x) => x.points !== null).map((x) => x.maxPoints),
      9,
    );
    const sp = selfOf.get(u.code);
    return [{ unit: u.code, unitName: u.name, level: u.level, surveyPoints, surveyMax, rank: 0, self: sp ? withSelf(c, sp, surveyPoints, surveyMax) : null }];
  });
  rankWithinLevel(
    units,
    (x) => toUnits(x.surveyPoints, d),
    (x, r) => (x.rank = r),
  );
  const withTotals = units.filter((x) => x.self !== null);
  rankWithinLevel(
    withTotals,
    (x) => toUnits(x.self!.total, d),
    (x, r) => (x.self!.totalRank = r),
  );
  return units;
}

/** Units named by self-assessment points that campaign `c` does not score (unknown, or of a level without criteria). */
export function unscoredSelfUnits(c: Campaign, self: SelfPoints[]): string[] {
  const scored = new Set(c.criteria.map((x) => x.level));
  const levelOf = new Map(c.units.map((u) => [u.code, u.level]));
  return self.filter((sp) => !scored.has(levelOf.get(sp.unit) ?? '')).map((sp) => sp.unit);
}

function selfByUnit(c: Campaign, self: SelfPoints[]): Map<string, SelfPoints> {
  // Points are checked against the campaign when imported, and a replacement that would orphan them is refused.
  const unscored = unscoredSelfUnits(c, self);
  if (unscored.length) throw new Error(`self-assessment points for unit ${unscored[0]}, which campaign ${c.code} does not score`);
  const byUnit = new Map<string, SelfPoints>();
  for (const sp of self) {
    if (byUnit.has(sp.unit)) throw new Error(`self-assessment points for unit ${sp.unit} given twice`);
    byUnit.set(sp.unit, sp);
  }
  return byUnit;
}

function withSelf(c: Campaign, sp: SelfPoints, surveyPoints: number, surveyMax: number): NonNullable<UnitSummary['self']> {
  const d = c.scoring.decimals;
  const total = roundHalfAway(sumDecimal([sp.selfPoints, surveyPoints], 9), d);
  const totalMax = sumDecimal([sp.selfMax, surveyMax], 9);
  const percent = totalMax === 0 ? null : roundHalfAway((100 * total) / totalMax, d);
  return { selfPoints: sp.selfPoints, selfMax: sp.selfMax, total, totalMax, percent, band: bandOf(c, percent), totalRank: 0 };
}

/** The band with the highest minPercent that the rounded percent reaches; compared as decimals, so 80.00 reaches 80. */
function bandOf(c: Campaign, percent: number | null): string | null {
  if (percent === null) return null;
  const reached = c.bands.filter((b) => toUnits(percent, 9) >= toUnits(b.minPercent, 9));
  if (!reached.length) return null;
  return reached.reduce((best, b) => (b.minPercent > best.minPercent ? b : best)).label;
}

/**
 * Standard competition ranking (1, 2, 2, 4) within each level, on whole units so that equal rounded values tie.
 * Sorted once per level (n log n): a rank is 1 + the number of items with a strictly greater key.
 */
function rankWithinLevel<T extends { level: string }>(items: T[], key: (t: T) => number, set: (t: T, rank: number) => void): void {
  const byLevel = new Map<string, { item: T; k: number }[]>();
  for (const item of items) {
    const list = byLevel.get(item.level) ?? [];
    list.push({ item, k: key(item) });
    byLevel.set(item.level, list);
  }
  for (const list of byLevel.values()) {
    list.sort((a, b) => b.k - a.k);
    let rank = 1;
    list.forEach((x, i) => {
      // A tie keeps the rank of the first of its run; the next distinct key ranks after all of them.
      if (i > 0 && x.k !== list[i - 1].k) rank = i + 1;
      set(x.item, rank);
    });
  }
}

/** Number for reading: rounded to at most `decimals`, trailing zeros dropped, with the Vietnamese decimal comma. */
function plain(x: number, decimals = 6): string {
  const s = formatFixed(x, decimals);
  return decimalTextVi(s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
}

/** How a cell's points came about, in Vietnamese, for the admin who must be able to check them by hand. */
export function explainCell(c: Campaign, cell: CellScore): string[] {
  const s = c.scoring;
  return [
    `${cell.unitName} (${cell.unit}), tiêu chí ${cell.criterion} "${cell.criterionName}": tối đa ${plain(cell.maxPoints, 9)} điểm.`,
    cell.combine === 'pooled'
      ? 'Cách tính: bình quân chung mọi câu trả lời của mọi nhóm, không dùng trọng số.'
      : `Cách tính: bình quân của từng nhóm đối tượng, rồi bình quân theo trọng số các nhóm có ít nhất ${s.minValid} câu trả lời.`,
    ...groupLines(c, cell),
    'Câu trả lời "không biết", ô để trống và ô hỏng không tính vào n và bình quân.',
    ...pointLines(c, cell),
    statusLine(c, cell),
  ];
}

function groupLines(c: Campaign, cell: CellScore): string[] {
  if (!cell.groups.length) return ['Không nhóm nào có câu trả lời có điểm cho ô này.'];
  const s = c.scoring;
  return cell.groups.map((g) => {
    const weight = cell.combine === 'group-equal' ? `, trọng số ${plain(g.weight)}` : '';
    const mean = g.mean === null ? '' : `, bình quân = ${plain(g.mean)}`;
    let note = '';
    if (!g.contributes) note = `; không tính vì ${cell.combine === 'pooled' ? 'cả ô' : 'nhóm'} có ít hơn ${s.minValid} câu trả lời (số tối thiểu để tính)`;
    else if (g.lowN) note = `; ít hơn ${s.warnBelow} câu trả lời (ít câu trả lời)`;
    return `- Nhóm ${g.group} "${g.groupName}"${weight}: n = ${g.n}, tổng = ${plain(g.sum)}${mean}${note}.`;
  });
}

function pointLines(c: Campaign, cell: CellScore): string[] {
  const d = c.scoring.decimals;
  if (cell.fraction === null || cell.rawPoints === null || cell.points === null) {
    return [
      cell.points === null
        ? 'Không tính được tỷ lệ đạt: ô để trống điểm và không tính vào điểm tối đa của đơn vị.'
        : 'Không tính được tỷ lệ đạt: ô được 0 điểm.',
    ];
  }
  const used = cell.groups.filter((g) => g.contributes);
  const formula =
    cell.combine === 'pooled'
      ? `${plain(used.reduce((sum, g) => sum + g.sum, 0))} / ${cell.n}`
      : `${bracket(used.map((g) => `${plain(g.weight)} × ${plain(g.mean ?? 0)}`))} / ${bracket(used.map((g) => plain(g.weight)))}`;
  return [
    `Tỷ lệ đạt = ${formula} = ${plain(cell.fraction)} (n = ${cell.n}).`,
    `Điểm = ${plain(cell.maxPoints, 9)} × ${plain(cell.fraction, 9)} = ${plain(cell.rawPoints, 9)}, làm tròn ${d} chữ số thập phân (nửa xa số 0): ${numberVi(cell.points, d)}.`,
  ];
}

function bracket(terms: string[]): string {
  return terms.length === 1 ? terms[0] : `(${terms.join(' + ')})`;
}

function statusLine(c: Campaign, cell: CellScore): string {
  const s = c.scoring;
  if (cell.status === 'NO_DATA') {
    const why =
      cell.combine === 'pooled'
        ? `ô có ít hơn ${s.minValid} câu trả lời có điểm (số tối thiểu để tính)`
        : `không nhóm nào có đủ ${s.minValid} câu trả lời có điểm (số tối thiểu để tính)`;
    return `Trạng thái: chưa có dữ liệu; ${why}.`;
  }
  if (cell.status === 'LOW_N') {
    if (cell.combine === 'pooled') return `Trạng thái: ít câu trả lời; ô chỉ có ${cell.n} câu trả lời, ít hơn ${s.warnBelow}.`;
    const thin = cell.groups.filter((g) => g.lowN).map((g) => g.group);
    return `Trạng thái: ít câu trả lời; nhóm ${thin.join(', ')} có ít hơn ${s.warnBelow} câu trả lời.`;
  }
  return cell.combine === 'pooled'
    ? `Trạng thái: đủ dữ liệu; ô có ${cell.n} câu trả lời, không ít hơn ${s.warnBelow}.`
    : `Trạng thái: đủ dữ liệu; mọi nhóm được tính có ít nhất ${s.warnBelow} câu trả lời.`;
}
