/** Campaign file rules: each mistake is reported with its JSON path; a good file passes with defaults filled in. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignProblemText, checkCampaign, checkCampaignText, type CampaignCheck } from '../../surveys/campaign';
import { targetsOf } from '../../surveys/scope';

const base = () => JSON.parse(readFileSync(new URL('../fixtures/mini-campaign.json', import.meta.url), 'utf8'));
type J = ReturnType<typeof base>;

/** Problems as the CLI prints them, split at the path: `{ path, message }`, so that each case names both. */
const flat = (r: CampaignCheck) =>
  r.ok
    ? []
    : r.problems.map((p) => {
        const text = campaignProblemText(p, 'en');
        const at = text.indexOf(': ');
        return { path: text.slice(0, at), message: text.slice(at + 2) };
      });

/** Adds a district level with one commune, for parent/linked scope cases. */
function withDistricts(c: J): J {
  c.units.push({ code: 'HD', name: 'UBND huyện Đông', level: 'huyen' }, { code: 'HD-X1', name: 'UBND xã Một', level: 'xa', parent: 'HD' });
  c.criteria.push({ code: 'H1', level: 'huyen', name: 'Chỉ đạo CCHC', maxPoints: 2 });
  c.forms.push({ code: 'H-01', title: 'Phiếu huyện', targetLevel: 'huyen', optionSet: 'MD4', questions: [{ code: '1', text: 'Câu hỏi', criterion: 'H1' }] });
  return c;
}

const cases: [string, (c: J) => void, string, string][] = [
  ['missing name', (c) => delete c.name, 'name', 'is empty'],
  ['unknown top-level key', (c) => (c.extra = 1), '(file)', 'has fields that are not used: "extra"'],
  ['fraction above 1', (c) => (c.optionSets[0].options[0].fraction = 1.2), 'optionSets[0].options[0].fraction', 'must lie in [0, 1]'],
  ['two-key option code', (c) => (c.optionSets[0].options[0].code = '10'), 'optionSets[0].options[0].code', 'one letter or digit'],
  ['duplicate option code', (c) => (c.optionSets[0].options[1].code = '1'), 'optionSets[0].options[1].code', 'duplicate code "1"'],
  [
    "only don't-know options",
    (c) => c.optionSets[0].options.forEach((o: { fraction: number | null }) => (o.fraction = null)),
    'optionSets[0].options',
    'at least one option with a fraction',
  ],
  ['duplicate unit', (c) => (c.units[1].code = 'SA'), 'units[1].code', 'duplicate code "SA"'],
  ['dot in unit code', (c) => (c.units[0].code = 'S.A'), 'units[0].code', 'letters, digits'],
  ['unknown parent', (c) => (c.units[1].parent = 'ZZ'), 'units[1].parent', 'unknown unit "ZZ"'],
  ['parent of same level', (c) => (c.units[1].parent = 'SA'), 'units[1].parent', 'same level "so"'],
  ['"province" as a level', (c) => (c.units[0].level = 'province'), 'units[0].level', '"province" is not a unit level'],
  ['criterion of a level without units', (c) => (c.criteria[1].level = 'xa'), 'criteria[1].level', 'no unit has level "xa"'],
  ['negative max points', (c) => (c.criteria[0].maxPoints = -1), 'criteria[0].maxPoints', 'greater than 0'],
  [
    'criterion fed by no question',
    (c) => c.criteria.push({ code: 'C3', level: 'so', name: 'Khác', maxPoints: 1 }),
    'criteria[2]',
    'no question feeds criterion "C3"',
  ],
  ['unknown option set', (c) => (c.forms[0].optionSet = 'MD5'), 'forms[0].optionSet', 'unknown option set "MD5"'],
  ['unknown criterion', (c) => (c.forms[0].questions[0].criterion = 'C9'), 'forms[0].questions[0].criterion', 'unknown criterion "C9"'],
  [
    'criterion of another level',
    (c) => {
      withDistricts(c);
      c.forms[0].questions[0].criterion = 'H1';
    },
    'forms[0].questions[0].criterion',
    'is for level "huyen", but the form rates level "so"',
  ],
  ['duplicate question', (c) => (c.forms[0].questions[1].code = '1'), 'forms[0].questions[1].code', 'duplicate code "1"'],
  ['unknown form in group', (c) => (c.groups[0].form = 'F9'), 'groups[0].form', 'unknown form "F9"'],
  ['unknown home level', (c) => (c.groups[1].home = 'tinh'), 'groups[1].home', 'no unit has level "tinh"'],
  ['bad scope', (c) => (c.groups[0].scope = 'some'), 'groups[0].scope', 'must be one of: "all", "own", "parent", "linked"'],
  ['own scope from province', (c) => (c.groups[0].scope = 'own'), 'groups[0].scope', 'needs a home unit level'],
  [
    'own scope across levels',
    (c) => {
      withDistricts(c);
      c.groups[1].home = 'huyen';
    },
    'groups[1].scope',
    'scope "own" needs home level "huyen"',
  ],
  [
    'parent scope without a parent',
    (c) => {
      withDistricts(c);
      c.groups.push({ code: 'G3', name: 'x', form: 'H-01', home: 'so', scope: 'parent', quota: 1 });
    },
    'groups[2].scope',
    'home unit "SA" has no parent of level "huyen"',
  ],
  [
    'linked without links for a home',
    (c) => {
      withDistricts(c);
      c.groups.push({ code: 'G3', name: 'x', form: 'F1', home: 'huyen', scope: 'linked', quota: 1, links: {} });
    },
    'groups[2].links',
    'no links for home unit "HD"',
  ],
  [
    'linked to a unit of another level',
    (c) => {
      withDistricts(c);
      c.groups.push({ code: 'G3', name: 'x', form: 'F1', home: 'huyen', scope: 'linked', quota: 1, links: { HD: ['HD-X1'] } });
    },
    'groups[2].links.HD[0]',
    'unit "HD-X1" is of level "xa", not the form\'s "so"',
  ],
  ['links on a non-linked group', (c) => (c.groups[1].links = { SA: ['SB'] }), 'groups[1].links', 'only a group with scope "linked"'],
  ['home unit of another level', (c) => (c.groups[1].homeUnits = ['SA', 'HX']), 'groups[1].homeUnits[1]', 'unknown unit "HX"'],
  ['fractional quota', (c) => (c.groups[0].quota = 2.5), 'groups[0].quota', 'whole number'],
  ['zero weight', (c) => (c.groups[0].weight = 0), 'groups[0].weight', 'greater than 0'],
  ['duplicate group', (c) => (c.groups[1].code = 'G1'), 'groups[1].code', 'duplicate code "G1"'],
  [
    'question text past the print limit',
    (c) => (c.forms[0].questions[0].text = 'x'.repeat(601)),
    'forms[0].questions[0].text',
    'at most 600 characters (it is printed',
  ],
  ['unit name past the print limit', (c) => (c.units[0].name = 'x'.repeat(121)), 'units[0].name', 'at most 120 characters'],
  ['introduction past the print limit', (c) => (c.forms[0].intro = 'x'.repeat(1501)), 'forms[0].intro', 'at most 1500 characters'],
  ['option label past the print limit', (c) => (c.optionSets[0].options[0].label = 'x'.repeat(41)), 'optionSets[0].options[0].label', 'at most 40 characters'],
  ['form title past the print limit', (c) => (c.forms[0].title = 'x'.repeat(201)), 'forms[0].title', 'at most 200 characters'],
  ['group name past the print limit', (c) => (c.groups[0].name = 'x'.repeat(121)), 'groups[0].name', 'at most 120 characters'],
  // Codes that would break a link or a filter (issue 11, item 10): only letters, digits, "-", "_" (and "." where allowed).
  [
    'slash in a criterion code',
    (c) => {
      c.criteria[0].code = 'S1/3';
      c.forms[0].questions[0].criterion = 'S1/3';
    },
    'criteria[0].code',
    'letters, digits, ".", "_" and "-"',
  ],
  ['question mark in a group code', (c) => (c.groups[0].code = 'G?1'), 'groups[0].code', 'letters, digits, "_" and "-"'],
  [
    'hash in a form code',
    (c) => {
      c.forms[0].code = 'F#1';
      c.groups.forEach((g: { form: string }) => (g.form = 'F#1'));
    },
    'forms[0].code',
    'letters, digits, "_" and "-"',
  ],
  [
    'ampersand in an option set code',
    (c) => {
      c.optionSets[0].code = 'M&D';
      c.forms[0].optionSet = 'M&D';
    },
    'optionSets[0].code',
    'letters, digits, "_" and "-"',
  ],
  ['dot in a group code', (c) => (c.groups[1].code = 'G.2'), 'groups[1].code', 'letters, digits, "_" and "-"'],
  // Size limits (CAMPAIGN_LIMITS): 100,000 units, 200 questions a form, 5,000 cells a form.
  [
    'more units than the limit',
    (c) => c.units.push(...Array.from({ length: 100_001 - c.units.length }, (_, i) => ({ code: `U${i}`, name: 'x', level: 'so' }))),
    'units',
    'at most 100,000 units',
  ],
  [
    'more questions than the limit',
    (c) => (c.forms[0].questions = Array.from({ length: 201 }, (_, i) => ({ code: `${i}`, text: 'x', criterion: i % 2 ? 'C1' : 'C2' }))),
    'forms[0].questions',
    'at most 200 questions',
  ],
  // G1 rates every department with F1's 3 questions: 2 + 1,665 = 1,667 departments × 3 = 5,001 cells.
  [
    'a form of more cells than the limit',
    (c) => c.units.push(...Array.from({ length: 1_665 }, (_, i) => ({ code: `U${i}`, name: 'x', level: 'so' }))),
    'groups[0].scope',
    '1,667 units × 3 questions = 5,001 cells; at most 5,000',
  ],
];

describe('campaign file rules', () => {
  it('accepts the fixture and fills in defaults', () => {
    const r = checkCampaign(base());
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.campaign.groups[0].weight).toBe(1);
      expect(r.campaign.allowBlanks).toBe(false);
      expect(r.campaign.forms[0].intro).toBe('Đánh dấu một ô cho mỗi câu hỏi.');
    }
  });

  it.each(cases)('%s → %s', (_name, mutate, path, message) => {
    const c = base();
    mutate(c);
    const r = checkCampaign(c);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(flat(r)).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('reports a province-wide group listing home units once, not also each unit as of the wrong level', () => {
    const c = base();
    c.groups[0].homeUnits = ['SA'];
    const r = checkCampaign(c);
    expect(flat(r)).toEqual([{ path: 'groups[0].homeUnits', message: 'only a group whose home is a unit level can list home units' }]);
  });

  it('lists every problem at once', () => {
    const c = base();
    c.units[1].code = 'SA';
    c.groups[0].form = 'F9';
    const r = checkCampaign(c);
    expect(flat(r).map((p) => p.path)).toEqual(['units[1].code', 'groups[0].form']);
  });

  it('lists shape and cross-reference problems together, and a duplicate beside another mistake of its entry', () => {
    const c = base();
    c.groups[1].quota = 'mười';
    c.groups[0].form = 'F9';
    c.units[1].code = 'SA';
    c.units[1].name = '';
    c.forms[0].questions[2].criterion = 'C9';
    expect(flat(checkCampaign(c))).toEqual([
      { path: 'units[1].name', message: 'must not be empty' },
      { path: 'groups[1].quota', message: '"mười" is not a number: write a number, such as 25 or 1.5' },
      { path: 'units[1].code', message: 'duplicate code "SA" (first at units[0])' },
      { path: 'forms[0].questions[2].criterion', message: 'unknown criterion "C9"' },
      { path: 'criteria[1]', message: 'no question feeds criterion "C2"' },
      { path: 'groups[0].form', message: 'unknown form "F9"' },
    ]);
  });

  it('checks the well-formed references of an entry that has a mistake of its own', () => {
    const c = base();
    delete c.groups[1].home; // a workbook column left out or misspelt
    c.groups[1].homeUnits = ['SA', 'SX'];
    c.groups[0].quota = '25 phiếu';
    c.groups[0].form = 'F9';
    c.forms[0].title = '';
    c.forms[0].optionSet = 'MD9';
    expect(flat(checkCampaign(c))).toEqual([
      { path: 'forms[0].title', message: 'must not be empty' },
      { path: 'groups[0].quota', message: '"25 phiếu" is not a number: write the number alone, 25' },
      { path: 'groups[1].home', message: 'is empty' },
      { path: 'forms[0].optionSet', message: 'unknown option set "MD9"' },
      { path: 'groups[0].form', message: 'unknown form "F9"' },
      { path: 'groups[1].homeUnits[1]', message: 'unknown unit "SX"' },
    ]);
  });

  it('does not report a reference to an entry that has a mistake of its own as unknown', () => {
    const c = base();
    c.criteria[0].maxPoints = -1;
    expect(flat(checkCampaign(c))).toEqual([{ path: 'criteria[0].maxPoints', message: 'must be greater than 0' }]);
  });

  it('a list that is not a list is reported once, not again by every entry that names one of its codes', () => {
    const c = base();
    c.units = { SA: 'Sở An' };
    expect(flat(checkCampaign(c))).toEqual([{ path: 'units', message: 'must be a list' }]);
    const d = base();
    delete d.forms;
    expect(flat(checkCampaign(d))).toEqual([{ path: 'forms', message: 'is empty (a list is needed)' }]);
  });

  it("words a unit's former codes", () => {
    const c = base();
    c.units[0].formerly = ['XA.1'];
    expect(flat(checkCampaign(c))).toEqual([{ path: 'units[0].formerly[0]', message: 'may hold only letters, digits, "_" and "-"' }]);
    c.units[0].formerly = ['XA-1', 'XA-2'];
    const r = checkCampaign(c);
    expect(r.ok && r.campaign.units[0].formerly).toEqual(['XA-1', 'XA-2']);
  });

  it('words zod issues in Vietnamese', () => {
    const c = base();
    c.groups[1].quota = 'mười';
    c.units[1].name = '';
    c.groups[0].scope = 'some';
    c.extra = 1;
    c.optionSets[0].options[0].code = '10';
    const r = checkCampaign(c);
    expect(r.ok ? [] : r.problems.map((p) => campaignProblemText(p, 'vi'))).toEqual([
      'optionSets[0].options[0].code: phải là một chữ cái hoặc một chữ số (một phím khi nhập phiếu)',
      'units[1].name: không được để trống',
      'groups[0].scope: phải là một trong: "all", "own", "parent", "linked"',
      'groups[1].quota: "mười" không phải là số: hãy ghi một số, ví dụ 25 hoặc 1.5',
      '(file): có trường không dùng đến: "extra"',
    ]);
  });

  it('reports broken JSON and reads a BOM', () => {
    expect(flat(checkCampaignText('{"code": '))).toEqual([{ path: '(file)', message: expect.stringContaining('not valid JSON') }]);
    expect(checkCampaignText('\uFEFF' + JSON.stringify(base())).ok).toBe(true);
  });

  it('resolves every scope', () => {
    const c = withDistricts(base());
    c.groups.push(
      { code: 'G3', name: 'x', form: 'H-01', home: 'xa', scope: 'parent', quota: 2 },
      { code: 'G4', name: 'y', form: 'F1', home: 'huyen', scope: 'linked', quota: 1, links: { HD: ['SB'] } },
    );
    const r = checkCampaign(c);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const g = (code: string) => r.campaign.groups.find((x) => x.code === code)!;
    expect(targetsOf(r.campaign, g('G1'), null)).toEqual(['SA', 'SB']);
    expect(targetsOf(r.campaign, g('G2'), 'SB')).toEqual(['SB']);
    expect(targetsOf(r.campaign, g('G3'), 'HD-X1')).toEqual(['HD']);
    expect(targetsOf(r.campaign, g('G4'), 'HD')).toEqual(['SB']);
  });
});
