/** Random valid campaign files from a seed: every scope, every setting, one to three levels (a custom one too), the texts people type (diacritics, line breaks, formula starts), for round-trip tests over many seeds. */

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const chance = (p: number) => next() < p;
  const some = <T>(xs: readonly T[], min = 1): T[] => {
    const out = xs.filter(() => chance(0.5));
    return out.length >= min ? out : xs.slice(0, min);
  };
  return { next, int, pick, chance, some };
}

const WORDS = [
  'Sở',
  'Nội vụ',
  'Tài chính',
  'Kế hoạch và Đầu tư',
  'phường',
  'xã',
  'Bình Lư',
  'Tam Đường',
  'Mường Tè',
  'Phong Thổ',
  'đặc khu',
  'Ủy ban',
  'ý kiến',
  'thủ tục',
  'công khai',
  'Hoà',
];
/** Texts as people type and paste them: Vietnamese, a line break inside a question, a leading "=" or "+", quotes, "&". */
function text(r: ReturnType<typeof rng>, max: number, lineBreaks = false): string {
  const parts = Array.from({ length: r.int(1, 6) }, () => r.pick(WORDS));
  let t = parts.join(r.pick([' ', ' ', ' ', ', ']));
  if (r.chance(0.1)) t = `${r.pick(['=', '+', '-', '@'])}${t}`;
  if (r.chance(0.1)) t = `${t} "trích dẫn" & <b>`;
  if (lineBreaks && r.chance(0.3)) t = `${t}\n${r.pick(WORDS)}`;
  return t.slice(0, max).trim() || 'x';
}

const LEVEL_MIXES = [['so'], ['so', 'huyen'], ['so', 'xa'], ['so', 'huyen', 'xa'], ['xa'], ['so', 'dac_khu']] as const;

/** A campaign file (JSON as a province would write it, defaults spelt out) that passes checkCampaign. */
export function randomCampaign(seed: number): Record<string, any> {
  const r = rng(seed);
  const levels = [...r.pick(LEVEL_MIXES)];
  const codeStyle = r.pick(['plain', 'digits', 'dashed'] as const);
  let serial = 0;
  const unitCode = (level: string) => {
    serial++;
    return codeStyle === 'digits'
      ? String(serial).padStart(r.pick([3, 5]), '0')
      : codeStyle === 'dashed'
        ? `${level.toUpperCase()}-${String(serial).padStart(2, '0')}`
        : `U${serial}`;
  };
  type U = { code: string; name: string; level: string; parent?: string; formerly?: string[] };
  const units: U[] = [];
  levels.forEach((level, i) => {
    const parents = i >= 2 || (i === 1 && levels[0] !== 'so') ? units.filter((u) => u.level === levels[i - 1]) : [];
    for (let k = r.int(1, 5); k > 0; k--) {
      const u: U = { code: unitCode(level), name: text(r, 120), level };
      if (parents.length) u.parent = r.pick(parents).code;
      if (r.chance(0.3)) u.formerly = Array.from({ length: r.int(1, 3) }, (_, j) => `OLD-${serial}-${j}`);
      units.push(u);
    }
  });
  const scored = r.some(levels);
  const criteria = scored.flatMap((level, li) =>
    Array.from({ length: r.int(1, 4) }, (_, k) => ({
      code: `${'SHX'[li % 3]}${k + 1}${r.chance(0.3) ? `.${r.int(1, 9)}` : ''}`,
      level,
      name: text(r, 200),
      maxPoints: r.pick([0.25, 0.5, 1, 1.5, 2, 2.25, 3, 22.5]),
    })),
  );
  const optionSets = Array.from({ length: r.int(1, 2) }, (_, s) => {
    const codes = r.some(['1', '2', '3', '4', '5', '9', 'A', 'K'], 2);
    const options = codes.map((code) => ({ code, label: text(r, 40), fraction: r.pick([1, 0.6, 0.2, 0, 0.75, 0.125, null]) as number | null }));
    options[0].fraction = r.pick([1, 0.5]);
    return { code: `MD${s + 1}`, options };
  });
  const forms = scored.flatMap((level) => {
    const mine = criteria.filter((c) => c.level === level);
    return Array.from({ length: r.int(1, 2) }, (_, k) => {
      // The first form of a level feeds every criterion of it; others feed some.
      const fed = k === 0 ? mine : r.some(mine);
      // "1.10", a code Excel would make 1.1 if it were not kept as text.
      const questions = [...fed, ...r.some(mine, 0)].map((c, j) => ({
        code: r.chance(0.3) ? `${j + 1}.10` : String(j + 1),
        text: text(r, 600, true),
        criterion: c.code,
      }));
      return {
        code: `F-${level}-${k + 1}`,
        title: text(r, 200),
        intro: r.chance(0.5) ? text(r, 1500, true) : '',
        targetLevel: level,
        optionSet: r.pick(optionSets).code,
        questions,
      };
    });
  });
  const unitsOf = (level: string) => units.filter((u) => u.level === level);
  const groups: Record<string, any>[] = [];
  for (const f of forms) {
    const target = f.targetLevel;
    const ti = levels.indexOf(target);
    const scopes: string[] = ['all', 'own', 'linked'];
    // "parent": the level below the target, whose units all have a parent at the target level.
    const child = levels[ti + 1];
    if (child && unitsOf(child).every((u) => u.parent && unitsOf(target).some((t) => t.code === u.parent))) scopes.push('parent');
    for (const scope of r.some(scopes)) {
      const home = scope === 'all' ? r.pick(['province', ...levels]) : scope === 'own' ? target : scope === 'parent' ? child : r.pick(levels);
      const g: Record<string, any> = {
        code: `G${groups.length + 1}`,
        name: text(r, 120),
        form: f.code,
        home,
        scope,
        quota: r.int(0, 30),
        weight: r.pick([1, 1, 0.5, 2, 1.25]),
      };
      if (home !== 'province' && r.chance(0.3)) g.homeUnits = r.some(unitsOf(home).map((u) => u.code));
      if (scope === 'linked') {
        const homes: string[] = g.homeUnits ?? unitsOf(home).map((u) => u.code);
        g.links = Object.fromEntries(homes.map((h) => [h, r.some(unitsOf(target).map((u) => u.code))]));
      }
      groups.push(g);
    }
  }
  const bands = r.chance(0.7)
    ? [
        { label: 'Tốt', minPercent: 80 },
        { label: 'Khá', minPercent: 65 },
        { label: 'Trung bình', minPercent: 50 },
        { label: 'Yếu', minPercent: 0 },
      ].slice(0, r.int(1, 4))
    : [];
  return {
    code: `RND-${seed}`,
    name: text(r, 200),
    year: r.int(2020, 2030),
    province: r.pick(['Lai Châu', 'Hà Tĩnh', 'Sơn La', 'Thành phố Huế']),
    doubleEntry: r.chance(0.5),
    allowBlanks: r.chance(0.5),
    spareShare: r.pick([0, 0.1, 0.15, 1]),
    scoring: {
      combine: r.pick(['group-equal', 'pooled']),
      minValid: r.int(1, 3),
      warnBelow: r.int(0, 10),
      maxBlankShare: r.pick([0.5, 0.25, 1, 0]),
      noData: r.pick(['zero', 'exclude']),
      decimals: r.int(0, 6),
    },
    bands,
    optionSets,
    units,
    criteria,
    forms,
    groups,
  };
}
