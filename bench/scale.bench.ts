/** Growth with campaign size: scoring, ranking, the console's score view, the score exports and scope resolution at 1k, 10k and 100k units, to show the work is linear. */
import { CampaignSchema, checkCampaign, type Campaign } from '../surveys/campaign';
import { printChoices, scoresView } from '../surveys/console-views';
import { scoreRows, summaryRows } from '../surveys/exports';
import { planIssue } from '../surveys/issue-plan';
import { layoutFor } from '../surveys/print-layout';
import { quotaRows } from '../surveys/quotas';
import { scoreCampaign, type Tally } from '../surveys/scoring';
import { MD4 } from '../test/helpers/campaigns';

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '1000,10000,100000').split(',').map(Number);

/**
 * `n` communes (level xa) under n/100 districts' worth of parents left out (levels are data); 5 criteria; one form
 * of 5 questions answered by 2 leaders of each commune about their own commune (scope own).
 */
export function scaleCampaign(n: number): Campaign {
  return CampaignSchema.parse({
    code: `SCALE-${n}`,
    name: 'Bench',
    year: 2026,
    province: 'Cả nước',
    spareShare: 0,
    optionSets: [MD4],
    units: Array.from({ length: n }, (_, i) => ({ code: `X${i + 1}`, name: `UBND xã số ${i + 1}`, level: 'xa' })),
    criteria: Array.from({ length: 5 }, (_, i) => ({ code: `C${i + 1}`, level: 'xa', name: `Tiêu chí ${i + 1}`, maxPoints: 4.5 })),
    forms: [
      {
        code: 'X-01',
        title: 'Phiếu',
        targetLevel: 'xa',
        optionSet: 'MD4',
        questions: Array.from({ length: 5 }, (_, q) => ({ code: String(q + 1), text: 'Câu hỏi', criterion: `C${q + 1}` })),
      },
    ],
    groups: [{ code: 'G1', name: 'Lãnh đạo xã', form: 'X-01', home: 'xa', scope: 'own', quota: 2 }],
  });
}

/**
 * Scope resolution at size: n units, n/100 of them districts (level huyen, each the parent of 99 communes), and a group of commune leaders rating their own district (scope parent), so that every home unit looks up a unit.
 */
function scopeCampaign(n: number): unknown {
  // biome-ignore lint/suspicious/noExplicitAny: the campaign is edited as the JSON file it stands for, then checked like one
  const json = JSON.parse(JSON.stringify(scaleCampaign(n))) as Record<string, any>;
  const districts = Math.max(1, n / 100);
  json.units = [
    ...Array.from({ length: districts }, (_, i) => ({ code: `H${i + 1}`, name: `UBND huyện số ${i + 1}`, level: 'huyen' })),
    ...json.units.slice(districts).map((u: Record<string, unknown>, i: number) => ({ ...u, parent: `H${(i % districts) + 1}` })),
  ];
  json.criteria.push({ code: 'H1', level: 'huyen', name: 'Tiêu chí huyện', maxPoints: 2 });
  json.forms.push({ code: 'H-01', title: 'Phiếu huyện', targetLevel: 'huyen', optionSet: 'MD4', questions: [{ code: '1', text: 'Câu hỏi', criterion: 'H1' }] });
  json.groups.push({ code: 'G2', name: 'Lãnh đạo xã về huyện', form: 'H-01', home: 'xa', scope: 'parent', quota: 1 });
  return json;
}

/** Tallies as the database would give them: per unit and question, a few answers with counts from a fixed-seed generator. */
export function scaleTallies(c: Campaign): Tally[] {
  const out: Tally[] = [];
  let seed = 11;
  for (const u of c.units) {
    for (const q of c.forms[0].questions) {
      for (const answer of ['1', '2', '3', '9']) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        out.push({ group: 'G1', unit: u.code, question: q.code, answer, count: seed % 3 });
      }
    }
  }
  return out;
}

function ms(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function bench(): Promise<void> {
  // The floor: one pass over the same tallies summing counts per unit (the least any scoring must do).
  let prev: { n: number; total: number } | null = null;
  for (const n of SIZES) {
    const c = scaleCampaign(n);
    const tallies = scaleTallies(c);
    const floor = ms(() => {
      const sums = new Map<string, number>();
      for (const t of tallies) sums.set(t.unit, (sums.get(t.unit) ?? 0) + t.count);
    });
    let result!: ReturnType<typeof scoreCampaign>;
    const score = ms(() => (result = scoreCampaign(c, tallies)));
    const view = ms(() => scoresView(c, result));
    const exports = ms(() => {
      scoreRows(c, result, (x) => String(x));
      summaryRows(c, result, (x) => String(x));
    });
    const total = score + view + exports;
    const growth = prev ? ` — ×${(total / prev.total).toFixed(1)} for ×${(n / prev.n).toFixed(0)} units` : '';
    console.log(
      `${n.toLocaleString('en')} units, ${tallies.length.toLocaleString('en')} tallies: scoring ${score.toFixed(0)} ms, console view ${view.toFixed(0)} ms, exports ${exports.toFixed(0)} ms; floor ${floor.toFixed(1)} ms${growth}`,
    );
    prev = { n, total };
  }
  // Scope resolution: checking the campaign file, the issue plan, the quota table, the printing choice and the print
  // layout of the parent-scope form (every home unit's label), each once.
  for (const n of SIZES) {
    const json = scopeCampaign(n);
    let c!: Campaign;
    const check = ms(() => {
      const r = checkCampaign(json);
      if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
      c = r.campaign;
    });
    let forms = 0;
    const plan = ms(() => (forms = planIssue(c, new Map()).length));
    const quotas = ms(() => quotaRows(c, []));
    const choices = ms(() => printChoices(c));
    const layout = ms(() => layoutFor(c, c.forms[1], ['H1']));
    console.log(
      `scope, ${n.toLocaleString('en')} units (${Math.max(1, n / 100).toLocaleString('en')} districts): check ${check.toFixed(0)} ms, issue plan (${forms.toLocaleString('en')} lines) ${plan.toFixed(0)} ms, quotas ${quotas.toFixed(0)} ms, printing choice ${choices.toFixed(0)} ms, layout ${layout.toFixed(0)} ms`,
    );
  }
}
