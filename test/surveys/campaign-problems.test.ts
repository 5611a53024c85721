/** Campaign problems that carry numbers are worded in both languages for any number they can carry, never throwing. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkCampaign } from '../../surveys/campaign';
import { campaignProblemText, type NotWorkbookReason } from '../../surveys/campaign-problems';

const REASONS: NotWorkbookReason[] = ['csv', 'xls', 'encrypted', 'too-large', 'not-zip', 'damaged', 'not-utf8', 'file-too-large', 'empty'];
/** 0, a byte count past 2^53 nanos (the 64 MiB limit: 67 108 864), past 2^53 itself, and past where String() uses "e+". */
const LIMITS = [0, 64 * 2 ** 20, 2 ** 53 + 2, 1e21, undefined];

describe('not-a-workbook refusals', () => {
  it.each(REASONS.flatMap((reason) => LIMITS.map((limit) => [reason, limit] as const)))('%s with limit %s is worded in en and vi', (reason, limit) => {
    for (const lang of ['en', 'vi'] as const) {
      expect(campaignProblemText({ kind: 'not-a-workbook', reason, limit }, lang)).not.toBe('');
    }
  });

  it('the zip bomb that gave a 500 on the console reads in Vietnamese with thousands dots', () => {
    expect(campaignProblemText({ kind: 'not-a-workbook', reason: 'too-large', limit: 67108864 }, 'vi')).toBe(
      'Sổ tính khi giải nén lớn hơn 67.108.864 byte, quá lớn so với một đợt điều tra',
    );
  });
});

describe('form-too-large', () => {
  it('words a product far past 2^53 nanos in both languages', () => {
    // 34 000 units × 500 questions = 17 000 000 cells; at most 200 000.
    const p = { kind: 'form-too-large', units: 34000, questions: 500, limit: 200000, where: { path: 'groups[0].scope' } } as const;
    expect(campaignProblemText(p, 'vi')).toBe('groups[0].scope: một phiếu sẽ có 34.000 đơn vị × 500 câu hỏi = 17.000.000 ô; tối đa 200.000 ô');
    expect(campaignProblemText(p, 'en')).toBe(
      'groups[0].scope: one form would have 34,000 units × 500 questions = 17,000,000 cells; at most 200,000 are allowed',
    );
  });
});

describe("schema problems are in our words, never zod's English", () => {
  const base = () => JSON.parse(readFileSync(new URL('../fixtures/mini-campaign.json', import.meta.url), 'utf8'));
  it('for every kind of shape mistake at once', () => {
    const c = base();
    delete c.name; // missing text
    c.year = '2026'; // a number in quotes
    c.doubleEntry = 'yes'; // not a boolean
    c.extra = 1; // unknown key
    c.scoring.combine = 'mean'; // not one of a list
    c.scoring.decimals = 1.5; // not whole
    c.scoring.maxBlankShare = 2; // too big
    c.units[0].name = ''; // too short
    c.units[1].level = 7; // not text
    c.groups[0].home = 'Tỉnh'; // neither "province" nor a level
    c.groups[1].homeUnits = []; // empty list
    c.groups[1].links = { 'S A': ['SB'] }; // invalid record key
    c.criteria = 'C1'; // not a list
    const r = checkCampaign(c);
    const texts = r.ok ? [] : r.problems.map((p) => campaignProblemText(p, 'en'));
    expect(texts.length).toBeGreaterThan(10);
    for (const t of texts) expect(t).not.toMatch(/Invalid (input|option|string|number|key)|Too (small|big)|Unrecognized|expected .*, received/);
    for (const t of r.ok ? [] : r.problems.map((p) => campaignProblemText(p, 'vi'))) expect(t).not.toMatch(/Invalid|Too (small|big)|Unrecognized|received/);
  });
});
