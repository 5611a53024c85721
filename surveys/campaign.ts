/** The campaign file: its zod schema, the cross-reference rules of contract.md, and errors named by JSON path. */
import { z } from 'zod';
import { bareDigits, cleanText, excelShortens } from './text';

const Code = z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters');
// Unit codes appear in form field names `a.<unit>.<question>`, so they may not contain a dot.
/**
 * Codes go into links (/admin/campaigns/<code>/scores/<unit>/<criterion>), file names and web form field names
 * (a.<unit>.<question>): letters, digits, "-" and "_" only, so that none can break a link or a filter; criterion and
 * question codes may also hold "." (S1.3), where field names stay unambiguous because unit codes never do.
 */
const PlainCode = Code.regex(/^[A-Za-z0-9_-]+$/, 'may hold only letters, digits, "_" and "-"');
const DottedCode = Code.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may hold only letters, digits, ".", "_" and "-"');
// One keystroke per cell at the keying desk: an option code is a single letter or digit.
const OptionCode = z.string().regex(/^[A-Za-z0-9]$/, 'must be one letter or digit (one key at the keying desk)');
const Level = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be a lower-case level name such as "so", "huyen" or "xa"')
  .refine((l) => l !== 'province', '"province" is not a unit level');
const Text = z.string().trim().min(1, 'must not be empty');
/**
 * Texts that are printed have a length limit, so that every printed A4 sheet holds what it is laid out to hold
 * (test/e2e/print-fit.test.ts prints texts of exactly these lengths); longer texts are also too long to be read.
 */
export const PRINT_LIMITS = { unitName: 120, optionLabel: 40, questionText: 600, formTitle: 200, intro: 1500, groupName: 120 } as const;
/**
 * How big a campaign may be. A national campaign has about 3,321 communes and wards and some 700 departments (2025);
 * a form of a province's survey rates at most a few hundred units × questions. The limits are far above that, and
 * low enough that no request meets a campaign its linear work cannot finish in seconds (README, Reliability).
 */
export const CAMPAIGN_LIMITS = { units: 100_000, criteria: 1_000, forms: 100, questionsPerForm: 200, groups: 1_000, cellsPerForm: 5_000 } as const;
const most = (n: number, what: string) => `may hold at most ${n.toLocaleString('en')} ${what}`;

const Printed = (max: number) => Text.max(max, `must be at most ${max} characters (it is printed on the paper form)`);

export const OptionSchema = z.strictObject({
  code: OptionCode,
  label: Printed(PRINT_LIMITS.optionLabel),
  fraction: z.number().min(0, 'must lie in [0, 1]').max(1, 'must lie in [0, 1]').nullable(),
});

export const OptionSetSchema = z.strictObject({
  code: PlainCode,
  options: z.array(OptionSchema).min(1, 'needs at least one option'),
});

export const UnitSchema = z.strictObject({
  code: PlainCode,
  name: Printed(PRINT_LIMITS.unitName),
  level: Level,
  parent: PlainCode.optional(),
});

export const CriterionSchema = z.strictObject({
  code: DottedCode,
  level: Level,
  name: Text,
  maxPoints: z.number().positive('must be greater than 0').max(100, 'must be at most 100'),
});

export const QuestionSchema = z.strictObject({
  code: DottedCode,
  text: Printed(PRINT_LIMITS.questionText),
  criterion: Code,
});

export const FormSchema = z.strictObject({
  code: PlainCode,
  title: Printed(PRINT_LIMITS.formTitle),
  intro: z.string().trim().max(PRINT_LIMITS.intro, `must be at most ${PRINT_LIMITS.intro} characters (it is printed on the paper form)`).default(''),
  targetLevel: Level,
  optionSet: Code,
  questions: z.array(QuestionSchema).min(1, 'needs at least one question').max(CAMPAIGN_LIMITS.questionsPerForm, most(CAMPAIGN_LIMITS.questionsPerForm, 'questions')),
});

export const SCOPES = ['all', 'own', 'parent', 'linked'] as const;

export const GroupSchema = z.strictObject({
  code: PlainCode,
  name: Printed(PRINT_LIMITS.groupName),
  form: Code,
  home: z.union([z.literal('province'), Level]),
  homeUnits: z.array(PlainCode).min(1).optional(),
  scope: z.enum(SCOPES),
  quota: z.number().int('must be a whole number').min(0, 'must not be negative'),
  weight: z.number().positive('must be greater than 0').default(1),
  links: z.record(PlainCode, z.array(PlainCode).min(1, 'must list at least one unit')).optional(),
});

export const ScoringSchema = z.strictObject({
  combine: z.enum(['group-equal', 'pooled']).default('group-equal'),
  minValid: z.number().int().min(1).default(1),
  warnBelow: z.number().int().min(0).default(5),
  maxBlankShare: z.number().min(0).max(1).default(0.5),
  noData: z.enum(['zero', 'exclude']).default('zero'),
  decimals: z.number().int().min(0).max(6).default(2),
});

export const BandSchema = z.strictObject({
  label: Text,
  minPercent: z.number().min(0).max(100),
});

export const CampaignSchema = z.strictObject({
  code: PlainCode,
  name: Text,
  year: z.number().int().min(2000).max(2100),
  province: Text,
  doubleEntry: z.boolean().default(true),
  // The web form may be submitted with unanswered cells only where the campaign says so.
  allowBlanks: z.boolean().default(false),
  spareShare: z.number().min(0).max(1).default(0.1),
  scoring: ScoringSchema.default(ScoringSchema.parse({})),
  bands: z.array(BandSchema).default([]),
  optionSets: z.array(OptionSetSchema).min(1, 'needs at least one option set'),
  units: z.array(UnitSchema).min(1, 'needs at least one unit').max(CAMPAIGN_LIMITS.units, most(CAMPAIGN_LIMITS.units, 'units')),
  criteria: z.array(CriterionSchema).min(1, 'needs at least one criterion').max(CAMPAIGN_LIMITS.criteria, most(CAMPAIGN_LIMITS.criteria, 'criteria')),
  forms: z.array(FormSchema).min(1, 'needs at least one form').max(CAMPAIGN_LIMITS.forms, most(CAMPAIGN_LIMITS.forms, 'forms')),
  groups: z.array(GroupSchema).min(1, 'needs at least one respondent group').max(CAMPAIGN_LIMITS.groups, most(CAMPAIGN_LIMITS.groups, 'groups')),
});

export type Campaign = z.infer<typeof CampaignSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type Criterion = z.infer<typeof CriterionSchema>;
export type Form = z.infer<typeof FormSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type Group = z.infer<typeof GroupSchema>;
export type OptionSet = z.infer<typeof OptionSetSchema>;
export type Option = z.infer<typeof OptionSchema>;
export type Scoring = z.infer<typeof ScoringSchema>;

export type CampaignProblem = { path: string; message: string };
/**
 * What a loadable file may still be warned about: a unit or question code that Excel changes when it opens a CSV
 * file, and the codes it then cannot be told from (`twins`, when they differ only in leading zeros). Worded at the edge.
 */
export type CampaignWarning = { kind: 'excel-shortens'; code: string; twins: string[]; where: string };
export type CampaignCheck = { ok: true; campaign: Campaign; warnings: CampaignWarning[] } | { ok: false; problems: CampaignProblem[] };

/** A warning in English, for the CLI and the API. */
export function campaignWarningText(w: CampaignWarning): string {
  return w.twins.length
    ? `${w.where}: code "${w.code}" loses its leading zeros in Excel and then cannot be told from ${w.twins.map((t) => `"${t}"`).join(', ')}: keyed and self-assessment files must keep such cells as Text`
    : `${w.where}: code "${w.code}" is changed by Excel when it opens a CSV file (leading zeros dropped, or read as a number or date); leading zeros are put back on import, anything else must be kept as Text`;
}

/** A warning in Vietnamese, for the console. */
export function campaignWarningVi(w: CampaignWarning): string {
  return w.twins.length
    ? `${w.where}: mã "${w.code}" bị Excel bỏ số 0 ở đầu và khi đó không phân biệt được với ${w.twins.map((t) => `"${t}"`).join(', ')}: trong tệp nhập phiếu và tệp tự chấm điểm, hãy định dạng các ô này là Text`
    : `${w.where}: mã "${w.code}" bị Excel đổi khi mở tệp CSV (bỏ số 0 ở đầu, hoặc đọc thành số hay ngày tháng); số 0 ở đầu được bù lại khi nhập, các trường hợp khác phải định dạng ô là Text`;
}

/** Formats a zod-style path as JSON-path text: `groups[3].scope`. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(file)';
}

/** Checks parsed JSON against the schema and every cross-reference rule; nothing partial is returned. */
export function checkCampaign(input: unknown): CampaignCheck {
  // Names and codes as uploaded are cleaned first (NFC, no invisible characters), so "SNV\u200B" is "SNV".
  const parsed = CampaignSchema.safeParse(cleanStrings(input));
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  const problems = crossCheck(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, campaign: parsed.data, warnings: excelWarnings(parsed.data) };
}

/**
 * Unit and question codes that Excel changes when it opens a CSV file (surveys/text.ts excelShortens): keyed and
 * self-assessment files come back with them changed. Leading zeros are put back on import where only one code fits,
 * so the warning says when two codes differ only in those zeros (then the import cannot tell them apart).
 */
function excelWarnings(c: Campaign): CampaignWarning[] {
  const out: CampaignWarning[] = [];
  // Codes by their digits without leading zeros, once per list: a national list of 3,321 zero-led commune codes is
  // grouped in one pass, not compared pair by pair.
  const byBare = (codes: string[]) => {
    const groups = new Map<string, string[]>();
    for (const code of codes) {
      const bare = bareDigits(code);
      if (bare !== null) groups.set(bare, [...(groups.get(bare) ?? []), code]);
    }
    return groups;
  };
  const warn = (where: string, code: string, groups: Map<string, string[]>) => {
    if (!excelShortens(code)) return;
    const bare = bareDigits(code);
    const twins = bare === null ? [] : (groups.get(bare) ?? []).filter((x) => x !== code);
    out.push({ kind: 'excel-shortens', code, twins, where });
  };
  const unitGroups = byBare(c.units.map((u) => u.code));
  c.units.forEach((u, i) => warn(`units[${i}].code`, u.code, unitGroups));
  c.forms.forEach((f, i) => {
    const groups = byBare(f.questions.map((q) => q.code));
    f.questions.forEach((q, j) => warn(`forms[${i}].questions[${j}].code`, q.code, groups));
  });
  return out;
}

/** Every string of parsed JSON cleaned (keys too), so that a campaign file is read as people meant its names and codes. */
function cleanStrings(v: unknown): unknown {
  if (typeof v === 'string') return cleanText(v);
  if (Array.isArray(v)) return v.map(cleanStrings);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [cleanText(k), cleanStrings(x)]));
  return v;
}

/** Parses campaign file text (JSON) and checks it. */
export function checkCampaignText(text: string): CampaignCheck {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, problems: [{ path: '(file)', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  return checkCampaign(json);
}

function duplicates<T>(items: T[], key: (t: T) => string, path: string, out: CampaignProblem[]) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) out.push({ path: `${path}[${i}].code`, message: `duplicate code "${k}" (first at ${path}[${first}])` });
    else seen.set(k, i);
  });
}

function crossCheck(c: Campaign): CampaignProblem[] {
  const p: CampaignProblem[] = [];
  duplicates(c.optionSets, (s) => s.code, 'optionSets', p);
  c.optionSets.forEach((s, i) => {
    duplicates(s.options, (o) => o.code.toUpperCase(), `optionSets[${i}].options`, p);
    if (!s.options.some((o) => o.fraction !== null)) {
      p.push({ path: `optionSets[${i}].options`, message: 'needs at least one option with a fraction' });
    }
  });
  duplicates(c.units, (u) => u.code, 'units', p);
  duplicates(c.criteria, (x) => x.code, 'criteria', p);
  duplicates(c.forms, (f) => f.code, 'forms', p);
  duplicates(c.groups, (g) => g.code, 'groups', p);
  const bandSeen = new Set<string>();
  c.bands.forEach((b, i) => {
    if (bandSeen.has(b.label)) p.push({ path: `bands[${i}].label`, message: `duplicate band "${b.label}"` });
    bandSeen.add(b.label);
  });

  const units = new Map(c.units.map((u) => [u.code, u]));
  const levels = new Set(c.units.map((u) => u.level));
  c.units.forEach((u, i) => {
    if (u.parent === undefined) return;
    const parent = units.get(u.parent);
    if (!parent) p.push({ path: `units[${i}].parent`, message: `unknown unit "${u.parent}"` });
    else if (parent.code === u.code) p.push({ path: `units[${i}].parent`, message: 'a unit cannot be its own parent' });
    else if (parent.level === u.level) p.push({ path: `units[${i}].parent`, message: `parent "${u.parent}" has the same level "${u.level}"` });
  });
  c.units.forEach((u, i) => {
    const seen = new Set<string>([u.code]);
    for (let cur = u.parent ? units.get(u.parent) : undefined; cur; cur = cur.parent ? units.get(cur.parent) : undefined) {
      if (seen.has(cur.code)) {
        p.push({ path: `units[${i}].parent`, message: 'parents form a cycle' });
        break;
      }
      seen.add(cur.code);
    }
  });

  const criteria = new Map(c.criteria.map((x) => [x.code, x]));
  c.criteria.forEach((x, i) => {
    if (!levels.has(x.level)) p.push({ path: `criteria[${i}].level`, message: `no unit has level "${x.level}"` });
  });

  const optionSets = new Set(c.optionSets.map((s) => s.code));
  const fed = new Set<string>();
  c.forms.forEach((f, i) => {
    if (!optionSets.has(f.optionSet)) p.push({ path: `forms[${i}].optionSet`, message: `unknown option set "${f.optionSet}"` });
    if (!levels.has(f.targetLevel)) p.push({ path: `forms[${i}].targetLevel`, message: `no unit has level "${f.targetLevel}"` });
    duplicates(f.questions, (q) => q.code, `forms[${i}].questions`, p);
    f.questions.forEach((q, j) => {
      const crit = criteria.get(q.criterion);
      if (!crit) p.push({ path: `forms[${i}].questions[${j}].criterion`, message: `unknown criterion "${q.criterion}"` });
      else if (crit.level !== f.targetLevel) {
        p.push({
          path: `forms[${i}].questions[${j}].criterion`,
          message: `criterion "${q.criterion}" is for level "${crit.level}", but the form rates level "${f.targetLevel}"`,
        });
      } else fed.add(crit.code);
    });
  });
  c.criteria.forEach((x, i) => {
    if (criteria.get(x.code) === x && !fed.has(x.code) && levels.has(x.level)) {
      p.push({ path: `criteria[${i}]`, message: `no question feeds criterion "${x.code}"` });
    }
  });

  const forms = new Map(c.forms.map((f) => [f.code, f]));
  c.groups.forEach((g, i) => checkGroup(g, `groups[${i}]`, forms.get(g.form), units, levels, c, p));
  return p;
}

function checkGroup(
  g: Group,
  at: string,
  form: Form | undefined,
  units: Map<string, Unit>,
  levels: Set<string>,
  c: Campaign,
  p: CampaignProblem[],
) {
  if (!form) p.push({ path: `${at}.form`, message: `unknown form "${g.form}"` });
  if (g.home === 'province') {
    if (g.homeUnits) p.push({ path: `${at}.homeUnits`, message: 'only a group whose home is a unit level can list home units' });
    if (g.scope !== 'all') p.push({ path: `${at}.scope`, message: `scope "${g.scope}" needs a home unit level, not "province"` });
  } else if (!levels.has(g.home)) {
    p.push({ path: `${at}.home`, message: `no unit has level "${g.home}"` });
    return;
  }
  // A province-wide group's home units are refused above as a whole; each of them has no level to be checked against.
  if (g.home !== 'province') {
    g.homeUnits?.forEach((code, k) => {
      const u = units.get(code);
      if (!u) p.push({ path: `${at}.homeUnits[${k}]`, message: `unknown unit "${code}"` });
      else if (u.level !== g.home) p.push({ path: `${at}.homeUnits[${k}]`, message: `unit "${code}" is of level "${u.level}", not "${g.home}"` });
    });
  }
  if (form) checkFormSize(g, at, form, c, p);
  if (!form || g.home === 'province') {
    if (g.links) p.push({ path: `${at}.links`, message: 'only a group with scope "linked" can have links' });
    return;
  }
  const target = form.targetLevel;
  const homes = g.homeUnits ?? c.units.filter((u) => u.level === g.home).map((u) => u.code);
  const homeSet = new Set(homes);
  if (g.scope !== 'linked' && g.links) p.push({ path: `${at}.links`, message: 'only a group with scope "linked" can have links' });
  if (g.scope === 'own' && g.home !== target) {
    p.push({ path: `${at}.scope`, message: `scope "own" needs home level "${g.home}" to equal the form's target level "${target}"` });
  }
  if (g.scope === 'parent') {
    for (const code of homes) {
      const u = units.get(code);
      const parent = u?.parent ? units.get(u.parent) : undefined;
      if (u && (!parent || parent.level !== target)) {
        p.push({ path: `${at}.scope`, message: `scope "parent": home unit "${code}" has no parent of level "${target}"` });
      }
    }
  }
  if (g.scope === 'linked') {
    const links = g.links ?? {};
    for (const code of homes) {
      if (!links[code]) p.push({ path: `${at}.links`, message: `scope "linked": no links for home unit "${code}"` });
    }
    for (const [home, list] of Object.entries(links)) {
      if (!homeSet.has(home)) p.push({ path: `${at}.links.${home}`, message: `"${home}" is not a home unit of this group` });
      list.forEach((code, k) => {
        const u = units.get(code);
        if (!u) p.push({ path: `${at}.links.${home}[${k}]`, message: `unknown unit "${code}"` });
        else if (u.level !== target) p.push({ path: `${at}.links.${home}[${k}]`, message: `unit "${code}" is of level "${u.level}", not the form's "${target}"` });
      });
    }
  }
}

/** One form of the group may hold at most CAMPAIGN_LIMITS.cellsPerForm cells (rated units × questions). */
function checkFormSize(g: Group, at: string, form: Form, c: Campaign, p: CampaignProblem[]) {
  // The widest form of the group: every unit of the target level, or its longest list of links.
  const rated =
    g.scope === 'all' ? c.units.filter((u) => u.level === form.targetLevel).length : g.scope === 'linked' ? Object.values(g.links ?? {}).reduce((m, l) => Math.max(m, l.length), 0) : 1;
  if (rated * form.questions.length > CAMPAIGN_LIMITS.cellsPerForm) {
    p.push({
      path: `${at}.scope`,
      message: `one form would have ${rated.toLocaleString('en')} units × ${form.questions.length} questions = ${(rated * form.questions.length).toLocaleString('en')} cells; at most ${CAMPAIGN_LIMITS.cellsPerForm.toLocaleString('en')} are allowed`,
    });
  }
}
