/** The campaign file: its zod schema, the cross-reference rules of contract.md, and its problems as values (worded in surveys/campaign-problems.ts). */
import { z } from 'zod';
import { type CampaignProblem, type CampaignWarning, FILE_PATH } from './campaign-problems';
import type { Where } from './problems';
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
  // The codes, in an earlier campaign, of the units this one replaces (a ward formed from three communes in 2025).
  formerly: z.array(PlainCode).min(1, 'must list at least one code').optional(),
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
  questions: z
    .array(QuestionSchema)
    .min(1, 'needs at least one question')
    .max(CAMPAIGN_LIMITS.questionsPerForm, most(CAMPAIGN_LIMITS.questionsPerForm, 'questions')),
});

export const SCOPES = ['all', 'own', 'parent', 'linked'] as const;

export const GroupSchema = z.strictObject({
  code: PlainCode,
  name: Printed(PRINT_LIMITS.groupName),
  form: Code,
  // "province" or a level: one rule, so that its message names every value allowed, "province" included.
  home: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be "province" (the whole province) or the code of a unit level such as "so", "huyen" or "xa"'),
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
  /**
   * What completes a paper form read from a scan (issue 15): `doubleEntry`, the machine's pass is one pass and a blind
   * human pass is still keyed; `verify`, the machine's pass plus a person's verification of every cell it was unsure
   * of. Campaigns without double entry always verify (there is no second pass): see scanMode.
   */
  scanCompletion: z.enum(['doubleEntry', 'verify']).default('doubleEntry'),
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

/**
 * What completes a form read from a scan. A campaign without double entry has no second pass, so its machine readings
 * are always verified: otherwise an unsure cell would be counted as the machine guessed it.
 */
export type ScanMode = Campaign['scanCompletion'];
export const scanMode = (c: Campaign): ScanMode => (c.doubleEntry && c.scanCompletion === 'doubleEntry' ? 'doubleEntry' : 'verify');
export type Unit = z.infer<typeof UnitSchema>;
export type Criterion = z.infer<typeof CriterionSchema>;
export type Form = z.infer<typeof FormSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type Group = z.infer<typeof GroupSchema>;
export type OptionSet = z.infer<typeof OptionSetSchema>;
export type Option = z.infer<typeof OptionSchema>;
export type Scoring = z.infer<typeof ScoringSchema>;

export type { CampaignProblem, CampaignWarning } from './campaign-problems';
export { campaignProblemText, campaignWarningText, campaignWarningVi } from './campaign-problems';

export type CampaignCheck = { ok: true; campaign: Campaign; warnings: CampaignWarning[] } | { ok: false; problems: CampaignProblem[] };

/** Formats a zod-style path as JSON-path text: `groups[3].scope`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || FILE_PATH;
}

const at = (path: string): Where => ({ path });

/** A zod issue as a problem value: its code and the parameters the Vietnamese wording needs, its English message as zod wrote it. */
function schemaProblem(i: z.core.$ZodIssue): CampaignProblem {
  const x = i as z.core.$ZodIssue & {
    expected?: string;
    origin?: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    inclusive?: boolean;
    keys?: string[];
    values?: unknown[];
    input?: unknown;
  };
  return {
    kind: 'schema',
    issue: i.code,
    message: i.message,
    ...(x.expected !== undefined ? { expected: String(x.expected) } : {}),
    ...(x.origin !== undefined ? { origin: String(x.origin) } : {}),
    ...(x.minimum !== undefined ? { minimum: Number(x.minimum) } : {}),
    ...(x.maximum !== undefined ? { maximum: Number(x.maximum) } : {}),
    ...(x.inclusive !== undefined ? { inclusive: x.inclusive } : {}),
    ...(x.keys ? { keys: x.keys } : {}),
    ...(x.values ? { values: x.values.map(String) } : {}),
    ...(i.code === 'invalid_type' ? { missing: x.input === undefined } : {}),
    ...(i.code === 'invalid_type' && typeof x.input === 'string' ? { input: x.input } : {}),
    where: at(formatPath(i.path)),
  };
}

/**
 * Checks parsed JSON against the schema and every cross-reference rule; nothing partial is returned. Every problem
 * comes at once: where the shape is wrong, the cross-reference rules still run over the entries whose own shape is
 * right (a unit with a bad name still counts as known to the groups that name it), so one upload shows everything.
 */
export function checkCampaign(input: unknown): CampaignCheck {
  // Names and codes as uploaded are cleaned first (NFC, no invisible characters), so "SNV\u200B" is "SNV".
  const cleaned = cleanStrings(input);
  const parsed = CampaignSchema.safeParse(cleaned, { reportInput: true });
  if (parsed.success) {
    const problems = crossCheck(entriesOf(parsed.data));
    return problems.length ? { ok: false, problems } : { ok: true, campaign: parsed.data, warnings: excelWarnings(parsed.data) };
  }
  const loose = looseEntries(cleaned);
  return { ok: false, problems: [...parsed.error.issues.map(schemaProblem), ...crossCheck(loose), ...strayReferences(cleaned, loose)] };
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
    out.push({ kind: 'excel-shortens', code, twins, where: at(where) });
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

/**
 * Where JSON.parse stopped, as the line and column an editor shows (counted from 1), or that the text ended too soon:
 * V8 says so only in its English message ("… in JSON at position 11", "Unexpected end of JSON input").
 */
function jsonErrorPlace(text: string, message: string): { line?: number; column?: number; end?: boolean } {
  const at = /at position (\d+)/.exec(message);
  if (at) {
    const before = text.slice(0, Number(at[1])).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  }
  return /end of JSON input/.test(message) ? { end: true } : {};
}

/** Parses campaign file text (JSON) and checks it. */
export function checkCampaignText(text: string): CampaignCheck {
  let json: unknown;
  const body = text.replace(/^\uFEFF/, '');
  try {
    json = JSON.parse(body);
  } catch (e) {
    const detail = (e as Error).message;
    return { ok: false, problems: [{ kind: 'not-json', detail, ...jsonErrorPlace(body, detail), where: at(FILE_PATH) }] };
  }
  return checkCampaign(json);
}

type LooseForm = Omit<Form, 'questions'> & { questions: (Question | null)[] };
/**
 * The lists the cross-reference rules read: each entry whose own shape is right, `null` where it is not (so paths keep
 * their index), and the codes and levels named anywhere in the file, so that a reference to an entry with a mistake
 * of its own is not reported a second time as unknown.
 */
type Entries = {
  optionSets: (OptionSet | null)[];
  units: (Unit | null)[];
  criteria: (Criterion | null)[];
  forms: (LooseForm | null)[];
  groups: (Group | null)[];
  bands: ({ label: string } | null)[];
  named: { units: Set<string>; criteria: Set<string>; forms: Set<string>; optionSets: Set<string>; levels: Set<string>; fed: Set<string> };
  /** Each entry's code as written (null where it has none), so that a duplicate is found even beside another mistake. */
  codes: Record<'optionSets' | 'units' | 'criteria' | 'forms' | 'groups', (string | null)[]>;
};

function entriesOf(c: Campaign): Entries {
  return {
    ...c,
    named: {
      units: new Set(c.units.map((u) => u.code)),
      criteria: new Set(c.criteria.map((x) => x.code)),
      forms: new Set(c.forms.map((f) => f.code)),
      optionSets: new Set(c.optionSets.map((s) => s.code)),
      levels: new Set(c.units.map((u) => u.level)),
      fed: new Set(),
    },
    codes: {
      optionSets: c.optionSets.map((x) => x.code),
      units: c.units.map((x) => x.code),
      criteria: c.criteria.map((x) => x.code),
      forms: c.forms.map((x) => x.code),
      groups: c.groups.map((x) => x.code),
    },
  };
}

const LooseFormSchema = FormSchema.extend({ questions: z.array(z.unknown()) });

/** Every code counts as named when its list itself is missing or not a list: its entries are unknown, not absent. */
class AnyCode extends Set<string> {
  override has(): boolean {
    return true;
  }
}

/** Entries of a file whose shape is wrong somewhere: every entry checked on its own. */
function looseEntries(raw: unknown): Entries {
  const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const r = obj(raw);
  const each = <T>(v: unknown, schema: z.ZodType<T>) => list(v).map((x) => schema.safeParse(x).data ?? null);
  const codes = (v: unknown, key = 'code') =>
    list(v)
      .map((x) => obj(x)[key])
      .map((s) => (typeof s === 'string' ? s.trim() : null));
  // A field that no entry of a list holds (a workbook column left out) is unknown too, not absent from every entry.
  const strings = (v: unknown, key: string): Set<string> => {
    const found = Array.isArray(v) ? codes(v, key).filter((s): s is string => s !== null) : [];
    return found.length || (Array.isArray(v) && v.length === 0) ? new Set(found) : new AnyCode();
  };
  const forms = list(r.forms).map((x): LooseForm | null => {
    const f = LooseFormSchema.safeParse(x).data;
    return f ? { ...f, questions: f.questions.map((q) => QuestionSchema.safeParse(q).data ?? null) } : null;
  });
  return {
    optionSets: each(r.optionSets, OptionSetSchema),
    units: each(r.units, UnitSchema),
    criteria: each(r.criteria, CriterionSchema),
    forms,
    groups: each(r.groups, GroupSchema),
    bands: each(r.bands, BandSchema),
    named: {
      units: strings(r.units, 'code'),
      criteria: strings(r.criteria, 'code'),
      forms: strings(r.forms, 'code'),
      optionSets: strings(r.optionSets, 'code'),
      levels: strings(r.units, 'level'),
      fed: Array.isArray(r.forms) ? new Set(list(r.forms).flatMap((f) => [...strings(obj(f).questions, 'criterion')])) : new AnyCode(),
    },
    codes: { optionSets: codes(r.optionSets), units: codes(r.units), criteria: codes(r.criteria), forms: codes(r.forms), groups: codes(r.groups) },
  };
}

/**
 * The references of entries that failed their schema and so were left out of the cross-check (a group whose home
 * column is missing or misspelt, a unit of a mistyped level, a criterion whose maximum is "2.5."): each field that is
 * itself well formed is still checked against what the file names, so one wrong field does not hide the row's other
 * mistakes until it is fixed. A field that is not well formed has its own schema problem and is not checked again.
 */
function strayReferences(raw: unknown, c: Entries): CampaignProblem[] {
  const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const p: CampaignProblem[] = [];
  const known = (v: unknown, schema: z.ZodType<string>, named: Set<string>): string | undefined => {
    const ok = schema.safeParse(v);
    return ok.success && !named.has(ok.data) ? ok.data : undefined;
  };
  const unit = (v: unknown, where: string) => {
    const code = known(v, PlainCode, c.named.units);
    if (code !== undefined) p.push({ kind: 'unknown-unit', code, where: at(where) });
  };
  const level = (v: unknown, where: string) => {
    const l = known(v, Level, c.named.levels);
    if (l !== undefined) p.push({ kind: 'no-such-level', level: l, where: at(where) });
  };
  const r = obj(raw);
  list(r.units).forEach((u, i) => {
    if (c.units[i] === null) unit(obj(u).parent, `units[${i}].parent`);
  });
  list(r.criteria).forEach((x, i) => {
    if (c.criteria[i] === null) level(obj(x).level, `criteria[${i}].level`);
  });
  list(r.forms).forEach((f, i) => {
    const form = c.forms[i];
    if (form === null) {
      const set = known(obj(f).optionSet, Code, c.named.optionSets);
      if (set !== undefined) p.push({ kind: 'unknown-option-set', code: set, where: at(`forms[${i}].optionSet`) });
      level(obj(f).targetLevel, `forms[${i}].targetLevel`);
    }
    list(obj(f).questions).forEach((q, j) => {
      if (form && form.questions[j] !== null) return;
      const crit = known(obj(q).criterion, Code, c.named.criteria);
      if (crit !== undefined) p.push({ kind: 'unknown-criterion', code: crit, where: at(`forms[${i}].questions[${j}].criterion`) });
    });
  });
  list(r.groups).forEach((g, i) => {
    if (c.groups[i] !== null) return;
    const o = obj(g);
    const form = known(o.form, Code, c.named.forms);
    if (form !== undefined) p.push({ kind: 'unknown-form', code: form, where: at(`groups[${i}].form`) });
    if (o.home !== 'province') level(o.home, `groups[${i}].home`);
    list(o.homeUnits).forEach((code, k) => unit(code, `groups[${i}].homeUnits[${k}]`));
    for (const [home, units] of Object.entries(obj(o.links))) list(units).forEach((code, k) => unit(code, `groups[${i}].links.${home}[${k}]`));
  });
  return p;
}

function duplicates<T>(items: (T | null)[], key: (t: T) => string, path: string, out: CampaignProblem[]) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    if (item === null) return;
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) out.push({ kind: 'duplicate-code', code: k, first: at(`${path}[${first}]`), where: at(`${path}[${i}].code`) });
    else seen.set(k, i);
  });
}

const present = <T>(items: (T | null)[]): T[] => items.filter((x): x is T => x !== null);

function crossCheck(c: Entries): CampaignProblem[] {
  const p: CampaignProblem[] = [];
  const code = (x: string) => x;
  duplicates(c.codes.optionSets, code, 'optionSets', p);
  c.optionSets.forEach((s, i) => {
    if (!s) return;
    duplicates(s.options, (o) => o.code.toUpperCase(), `optionSets[${i}].options`, p);
    if (!s.options.some((o) => o.fraction !== null)) p.push({ kind: 'no-fraction', where: at(`optionSets[${i}].options`) });
  });
  duplicates(c.codes.units, code, 'units', p);
  duplicates(c.codes.criteria, code, 'criteria', p);
  duplicates(c.codes.forms, code, 'forms', p);
  duplicates(c.codes.groups, code, 'groups', p);
  const bandSeen = new Set<string>();
  c.bands.forEach((b, i) => {
    if (!b) return;
    if (bandSeen.has(b.label)) p.push({ kind: 'duplicate-band', label: b.label, where: at(`bands[${i}].label`) });
    bandSeen.add(b.label);
  });

  const units = new Map(present(c.units).map((u) => [u.code, u]));
  const levels = c.named.levels;
  c.units.forEach((u, i) => {
    if (!u || u.parent === undefined) return;
    const parent = units.get(u.parent);
    const where = at(`units[${i}].parent`);
    if (!parent) {
      if (!c.named.units.has(u.parent)) p.push({ kind: 'unknown-unit', code: u.parent, where });
    } else if (parent.code === u.code) p.push({ kind: 'own-parent', where });
    else if (parent.level === u.level) p.push({ kind: 'parent-same-level', parent: u.parent, level: u.level, where });
  });
  c.units.forEach((u, i) => {
    if (!u) return;
    const seen = new Set<string>([u.code]);
    for (let cur = u.parent ? units.get(u.parent) : undefined; cur; cur = cur.parent ? units.get(cur.parent) : undefined) {
      if (seen.has(cur.code)) {
        p.push({ kind: 'parent-cycle', where: at(`units[${i}].parent`) });
        break;
      }
      seen.add(cur.code);
    }
  });

  const criteria = new Map(present(c.criteria).map((x) => [x.code, x]));
  c.criteria.forEach((x, i) => {
    if (x && !levels.has(x.level)) p.push({ kind: 'no-such-level', level: x.level, where: at(`criteria[${i}].level`) });
  });

  const fed = c.named.fed instanceof AnyCode ? c.named.fed : new Set(c.named.fed);
  c.forms.forEach((f, i) => {
    if (!f) return;
    if (!c.named.optionSets.has(f.optionSet)) p.push({ kind: 'unknown-option-set', code: f.optionSet, where: at(`forms[${i}].optionSet`) });
    if (!levels.has(f.targetLevel)) p.push({ kind: 'no-such-level', level: f.targetLevel, where: at(`forms[${i}].targetLevel`) });
    duplicates(f.questions, (q) => q.code, `forms[${i}].questions`, p);
    f.questions.forEach((q, j) => {
      if (!q) return;
      const crit = criteria.get(q.criterion);
      const where = at(`forms[${i}].questions[${j}].criterion`);
      if (!crit) {
        if (!c.named.criteria.has(q.criterion)) p.push({ kind: 'unknown-criterion', code: q.criterion, where });
      } else if (crit.level !== f.targetLevel) {
        p.push({ kind: 'criterion-level', criterion: q.criterion, level: crit.level, target: f.targetLevel, where });
      }
    });
  });
  // A criterion is fed when a question of a form of its level names it; in a file with other mistakes, every question
  // that names it counts (named.fed), so that a criterion is not reported on top of its question's own mistake.
  c.forms.forEach((f) =>
    f?.questions.forEach((q) => {
      const crit = q ? criteria.get(q.criterion) : undefined;
      if (crit && crit.level === f.targetLevel) fed.add(crit.code);
    }),
  );
  c.criteria.forEach((x, i) => {
    if (x && criteria.get(x.code) === x && !fed.has(x.code) && levels.has(x.level))
      p.push({ kind: 'criterion-not-fed', code: x.code, where: at(`criteria[${i}]`) });
  });

  const forms = new Map(present(c.forms).map((f) => [f.code, f]));
  const perLevel = new Map<string, number>();
  for (const u of units.values()) perLevel.set(u.level, (perLevel.get(u.level) ?? 0) + 1);
  c.groups.forEach((g, i) => {
    if (g) checkGroup(g, `groups[${i}]`, forms.get(g.form), units, perLevel, c, p);
  });
  return p;
}

function checkGroup(
  g: Group,
  base: string,
  form: LooseForm | undefined,
  units: Map<string, Unit>,
  perLevel: Map<string, number>,
  c: Entries,
  p: CampaignProblem[],
) {
  const levels = c.named.levels;
  if (!form && !c.named.forms.has(g.form)) p.push({ kind: 'unknown-form', code: g.form, where: at(`${base}.form`) });
  if (g.home === 'province') {
    if (g.homeUnits) p.push({ kind: 'home-units-of-province', where: at(`${base}.homeUnits`) });
    if (g.scope !== 'all') p.push({ kind: 'scope-needs-level', scope: g.scope, where: at(`${base}.scope`) });
  } else if (!levels.has(g.home)) {
    p.push({ kind: 'no-such-level', level: g.home, where: at(`${base}.home`) });
    return;
  }
  // A province-wide group's home units are refused above as a whole; each of them has no level to be checked against.
  if (g.home !== 'province') {
    g.homeUnits?.forEach((code, k) => {
      const u = units.get(code);
      const where = at(`${base}.homeUnits[${k}]`);
      if (!u) {
        if (!c.named.units.has(code)) p.push({ kind: 'unknown-unit', code, where });
      } else if (u.level !== g.home) p.push({ kind: 'unit-level', code, level: u.level, expected: g.home, where });
    });
  }
  if (form) checkFormSize(g, base, form, perLevel, p);
  if (!form || g.home === 'province') {
    if (g.links) p.push({ kind: 'links-not-linked', where: at(`${base}.links`) });
    return;
  }
  const target = form.targetLevel;
  const homes = g.homeUnits ?? [...units.values()].filter((u) => u.level === g.home).map((u) => u.code);
  const homeSet = new Set(homes);
  if (g.scope !== 'linked' && g.links) p.push({ kind: 'links-not-linked', where: at(`${base}.links`) });
  if (g.scope === 'own' && g.home !== target) p.push({ kind: 'own-level', home: g.home, target, where: at(`${base}.scope`) });
  if (g.scope === 'parent') {
    for (const code of homes) {
      const u = units.get(code);
      const parent = u?.parent ? units.get(u.parent) : undefined;
      if (u && (!parent || parent.level !== target)) p.push({ kind: 'no-parent-of-level', code, target, where: at(`${base}.scope`) });
    }
  }
  if (g.scope === 'linked') {
    const links = g.links ?? {};
    for (const code of homes) {
      if (!links[code]) p.push({ kind: 'no-links', code, where: at(`${base}.links`) });
    }
    for (const [home, list] of Object.entries(links)) {
      if (!homeSet.has(home)) p.push({ kind: 'not-a-home-unit', code: home, where: at(`${base}.links.${home}`) });
      list.forEach((code, k) => {
        const u = units.get(code);
        const where = at(`${base}.links.${home}[${k}]`);
        if (!u) {
          if (!c.named.units.has(code)) p.push({ kind: 'unknown-unit', code, where });
        } else if (u.level !== target) p.push({ kind: 'link-level', code, level: u.level, target, where });
      });
    }
  }
}

/** One form of the group may hold at most CAMPAIGN_LIMITS.cellsPerForm cells (rated units × questions). */
function checkFormSize(g: Group, base: string, form: LooseForm, perLevel: Map<string, number>, p: CampaignProblem[]) {
  // The widest form of the group: every unit of the target level, or its longest list of links.
  const rated =
    g.scope === 'all'
      ? (perLevel.get(form.targetLevel) ?? 0)
      : g.scope === 'linked'
        ? Object.values(g.links ?? {}).reduce((m, l) => Math.max(m, l.length), 0)
        : 1;
  if (rated * form.questions.length > CAMPAIGN_LIMITS.cellsPerForm) {
    p.push({ kind: 'form-too-large', units: rated, questions: form.questions.length, limit: CAMPAIGN_LIMITS.cellsPerForm, where: at(`${base}.scope`) });
  }
}
