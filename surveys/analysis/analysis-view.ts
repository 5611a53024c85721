/** The console's analysis page as a view model: the analysis tables (JSON numbers) worded and formatted in Vietnamese, with their SVG charts. */
import { MACHINE_KEYER_NAME } from '../accuracy';
import type { Campaign } from '../campaign';
import { barChart, intervalChart, stackedChart } from '../charts';
import type { Row } from '../exports';
import { dateTimeVi, numberVi } from '../format-vi';
import { MACHINE_OPERATOR } from '../ledger';
import { levelName } from '../names';

/** What the page reads: the tables of `analysisJson` with JSON numbers (jsonNum), as the API answers them. */
export type AnalysisDoc = { campaign: string; replicates: number; seed: number; compare: string | null; tables: Record<string, Row[]> };

const num = (x: Row[string]) => (typeof x === 'number' ? x : null);
const str = (x: Row[string]) => (x === null ? '' : String(x));
// A no-break space keeps "87,5 %" on one line in narrow columns.
const pct = (x: Row[string]) => (typeof x === 'number' ? `${numberVi(x, 1)}\u00a0%` : '—');
const dec = (x: Row[string], d: number) => numberVi(num(x), d);

/** Options' words for blank and spoiled cells, which the tables write as '' and '*'. */
const answerName = (r: Row) => (r.answer === '' ? 'Để trống' : r.answer === '*' ? 'Không hợp lệ' : `${str(r.answer)} ${str(r.label)}`.trim());

export function analysisView(c: Campaign, doc: AnalysisDoc, otherCampaigns: { code: string; name: string }[]) {
  const d = c.scoring.decimals;
  const t = (name: string) => doc.tables[name] ?? [];
  const unitName = new Map(c.units.map((u) => [u.code, u.name]));
  const groupName = new Map(c.groups.map((g) => [g.code, g.name]));
  const criterionName = new Map(c.criteria.map((x) => [x.code, x.name]));
  const uName = (code: Row[string]) => unitName.get(str(code)) ?? str(code);

  // Sample and response: a group's total has no home unit, the campaign's total neither group nor home unit.
  const response = t('response').map((r) => ({
    group: r.group === null ? 'Tổng cộng' : (groupName.get(str(r.group)) ?? str(r.group)),
    home: r.group === null ? '' : r.home_unit === null ? 'Cộng nhóm' : str(r.home_unit_name),
    total: r.home_unit === null,
    target: dec(r.target, 0),
    issued: dec(r.issued, 0),
    returnedWeb: dec(r.returned_web, 0),
    returnedPaper: dec(r.returned_paper, 0),
    counted: dec(r.counted, 0),
    invalid: dec(r.invalid, 0),
    rate: pct(r.response_rate),
    quota: pct(r.quota_percent),
  }));
  const groupTotals = t('response').filter((r) => r.group !== null && r.home_unit === null);
  const responseChart = barChart({
    title: 'Tỷ lệ phản hồi theo nhóm đối tượng (%)',
    bars: groupTotals.map((r) => ({ label: groupName.get(str(r.group)) ?? str(r.group), value: num(r.response_rate), suffix: ' %' })),
    scaleMax: 100,
    decimals: 1,
  });
  const invalidReasons = t('invalid_reasons').map((r) => ({
    group: r.group === null ? '' : (groupName.get(str(r.group)) ?? str(r.group)),
    home: r.home_unit === null ? '' : uName(r.home_unit),
    reason: str(r.reason),
    forms: dec(r.forms, 0),
  }));

  // Unit scores with their intervals, by level in the campaign's order of levels.
  const levels = [...new Set(c.units.map((u) => u.level))].flatMap((level) => {
    // Ranked as on the scores page; a unit without a rank (no data) goes last.
    const rank = (r: Row) => num(r.rank) ?? Number.POSITIVE_INFINITY;
    const rows = t('unit_intervals')
      .filter((r) => r.level === level)
      .sort((a, b) => rank(a) - rank(b));
    if (rows.length === 0) return [];
    const max = c.criteria.filter((x) => x.level === level).reduce((s, x) => s + x.maxPoints, 0);
    return [
      {
        name: levelName(level),
        chart: intervalChart({
          title: `Điểm điều tra xã hội học và khoảng tin cậy 95 % — ${levelName(level)}`,
          rows: rows.map((r) => ({
            label: uName(r.unit_code),
            value: num(r.survey_points),
            low: num(r.ci_low),
            high: num(r.ci_high),
            flag: r.order_unclear === 'yes',
          })),
          scaleMax: max,
          decimals: d,
        }),
        units: rows.map((r) => ({
          unit: str(r.unit_code),
          name: uName(r.unit_code),
          points: dec(r.survey_points, d),
          interval: `${dec(r.ci_low, d)} – ${dec(r.ci_high, d)}`,
          rank: dec(r.rank, 0),
          ranks: r.rank_low === r.rank_high ? dec(r.rank_low, 0) : `${dec(r.rank_low, 0)} – ${dec(r.rank_high, 0)}`,
          above: pct(typeof r.above_share === 'number' ? 100 * r.above_share : null),
          unclear: r.order_unclear === 'yes',
        })),
      },
    ];
  });

  const groupIntervals = t('group_intervals').map((r) => ({
    unit: uName(r.unit_code),
    criterion: str(r.criterion_code),
    criterionName: criterionName.get(str(r.criterion_code)) ?? '',
    group: groupName.get(str(r.group)) ?? str(r.group),
    n: dec(r.n, 0),
    mean: dec(r.mean, 3),
    sd: dec(r.sd, 3),
    interval: `${dec(r.ci_low, 3)} – ${dec(r.ci_high, 3)}`,
  }));

  // Distributions over all groups (group null), one block per (form, question) in the campaign's order.
  const all = t('distributions').filter((r) => r.group === null);
  const forms = c.forms.map((f) => {
    const questions = f.questions.map((q) => {
      const rows = all.filter((r) => r.form === f.code && r.question === q.code);
      return {
        code: q.code,
        text: q.text,
        cells: dec(rows[0]?.cells ?? 0, 0),
        answers: rows.map((r) => ({ name: answerName(r), count: dec(r.count, 0), percent: pct(r.percent) })),
        parts: rows.map((r) => num(r.percent) ?? 0),
        legend: rows.map(answerName),
      };
    });
    const legend = questions[0]?.legend ?? [];
    return {
      code: f.code,
      title: f.title,
      chart: stackedChart({ title: `Phân bố câu trả lời — phiếu ${f.code}`, legend, rows: questions.map((q) => ({ label: `Câu ${q.code}`, parts: q.parts })) }),
      questions: questions.map(({ parts: _p, legend: _l, ...q }) => q),
    };
  });

  const reliability = t('reliability').map((r) => ({
    form: str(r.form),
    title: c.forms.find((f) => f.code === r.form)?.title ?? '',
    items: dec(r.items, 0),
    n: dec(r.n, 0),
    alpha: dec(r.alpha, 3),
  }));
  const straightLined = t('straight_lined').map((r) => ({
    id: str(r.response_id),
    group: groupName.get(str(r.group)) ?? str(r.group),
    home: r.home_unit === null ? 'Toàn tỉnh' : uName(r.home_unit),
    form: str(r.form),
    answered: dec(r.answered, 0),
    answer: str(r.answer),
  }));
  const dontKnow = t('dont_know')
    .filter((r) => r.flagged === 'yes')
    .map((r) => ({ unit: uName(r.unit_code), cells: dec(r.cells, 0), dontKnow: dec(r.dont_know, 0), percent: pct(r.percent) }));
  const accuracy = t('accuracy').map((r) => ({
    // The scanner's pass is counted like a keyer's; what a person changed in it was a verification (report §III.6).
    keyer: str(r.keyer) === MACHINE_OPERATOR ? MACHINE_KEYER_NAME : str(r.keyer),
    forms: dec(r.forms, 0),
    cells: dec(r.cells, 0),
    changed: dec(r.changed, 0),
    perThousand: dec(r.changed_per_thousand, 2),
    accuracy: pct(r.accuracy_percent),
  }));
  const yearOnYear =
    doc.compare === null
      ? null
      : {
          compare: doc.compare,
          rows: t('year_on_year').map((r) => ({
            name: str(r.unit_name),
            level: levelName(str(r.level)),
            matched:
              r.matched_by === 'formerly'
                ? `gộp từ ${str(r.earlier_units).split(';').join(', ')}`
                : r.matched_by === 'none'
                  ? 'không có đơn vị tương ứng'
                  : r.matched_by === 'no_data'
                    ? `chưa có số liệu ở đợt ${r.no_data === 'now' ? c.code : r.no_data === 'earlier' ? doc.compare : `${c.code} và ${doc.compare}`}`
                    : '',
            points: dec(r.survey_points, d),
            percent: pct(r.percent),
            earlierPoints: dec(r.earlier_points, d),
            earlierPercent: pct(r.earlier_percent),
            change: dec(r.points_change, d),
            percentChange: dec(r.percent_change, d),
          })),
        };

  return {
    replicates: numberVi(doc.replicates, 0),
    seed: String(doc.seed),
    compareOptions: otherCampaigns.filter((x) => x.code !== c.code).map((x) => ({ ...x, selected: x.code === doc.compare })),
    response,
    responseChart,
    invalidReasons,
    levels,
    groupIntervals,
    forms,
    reliability,
    straightLined,
    dontKnow,
    accuracy,
    yearOnYear,
  };
}

/**
 * What the progress page of a running analysis says: when the run started (Vietnam time), for how long it has run, how
 * many bootstrap replicates it draws, and the campaign compared. Started 07:04:00Z, now 07:05:41Z → «29/11/2026 14:04»,
 * «101» seconds; 1000 replicates → «1.000».
 */
export function analysisJobView(job: { startedAt: Date; compare?: string }, now: Date, replicates: number) {
  return {
    startedAt: dateTimeVi(job.startedAt),
    seconds: numberVi(Math.max(0, Math.round((now.getTime() - job.startedAt.getTime()) / 1000))),
    replicates: numberVi(replicates),
    compare: job.compare ?? null,
  };
}
