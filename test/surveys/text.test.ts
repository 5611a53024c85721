/** cleanText, matchCode (and its indexed codeMatcher) and excelShortens, table-driven with the inputs of issue 10 item 6. */
import { describe, expect, it } from 'vitest';
import { cleanText, codeMatcher, excelShortens, matchCode } from '../../surveys/text';

describe('cleanText', () => {
  it.each([
    ['Hoa\u0300', 'Ho\u00E0'],
    ['Ho\u00E0', 'Ho\u00E0'],
    ['Nguye\u0302\u0303n', 'Nguy\u1EC5n'],
    ['\uFEFFSNV\u200B', 'SNV'],
    ['Nguyễn\u00A0Lan ', 'Nguyễn Lan'],
    ['lan\u00AD', 'lan'],
    ['\u200Eminh\u200F', 'minh'],
    ['  SNV  ', 'SNV'],
    ['SNV', 'SNV'],
    ['', ''],
    ['a\u202Fb', 'a b'],
  ])('%j → %j', (typed, clean) => {
    expect(cleanText(typed)).toBe(clean);
  });
});

describe('matchCode', () => {
  const codes = ['SNV', '00118', '0027', '027'];
  it.each([
    ['SNV', { ok: true, index: 0 }],
    ['snv', { ok: true, index: 0 }],
    ['118', { ok: true, index: 1 }],
    ['0118', { ok: true, index: 1 }],
    ['00118', { ok: true, index: 1 }],
    ['027', { ok: true, index: 3 }],
    ['27', { ok: false, kind: 'ambiguous', why: 'leading-zeros', candidates: ['0027', '027'] }],
    ['119', { ok: false, kind: 'unknown' }],
    ['SNX', { ok: false, kind: 'unknown' }],
  ])('%j', (typed, match) => {
    expect(matchCode(typed, codes)).toEqual(match);
  });

  it('names both codes that differ only in case when the typed one is neither', () => {
    expect(matchCode('snv', ['Snv', 'SNV'])).toEqual({ ok: false, kind: 'ambiguous', why: 'case', candidates: ['Snv', 'SNV'] });
    expect(matchCode('SNV', ['Snv', 'SNV'])).toEqual({ ok: true, index: 1 });
  });
});

describe('codeMatcher', () => {
  it.each([['SNV'], ['snv'], ['118'], ['X1'], ['99999'], ['']])(
    'answers %j from its index, never reading the codes again (a web post of 5,000 unknown cells costs 5,000 look-ups)',
    (typed) => {
      let reads = 0;
      let counting = false;
      const base = ['SNV', '00118', ...Array.from({ length: 3_000 }, (_, i) => `U${i}`)];
      const codes = new Proxy(base, {
        get(target, key, receiver) {
          if (counting) reads++;
          return Reflect.get(target, key, receiver);
        },
      });
      const match = codeMatcher(codes);
      counting = true;
      expect(match(typed)).toEqual(matchCode(typed, base));
      expect(reads).toBe(0);
    },
  );
});

describe('excelShortens', () => {
  it.each([
    ['00118', true],
    ['118', false],
    ['SNV', false],
    ['1E5', true],
    ['12-3', true],
    ['1/2/2026', true],
    ['X-1', false],
    ['1234567890123456', true],
  ])('%j → %j', (code, shortened) => {
    expect(excelShortens(code)).toBe(shortened);
  });
});
