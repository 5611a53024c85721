/** Serial check digits and access codes: every single-digit error and neighbour swap is caught; codes are typable. */
import { describe, expect, it } from 'vitest';
import { ACCESS_ALPHABET, formatAccessCode, makeAccessCode, normalizeAccessCode } from '../../surveys/access-code';
import { checkSerial, dammDigit, makeSerial, serialText } from '../../surveys/serial';

describe('serials', () => {
  it.each([
    [1, '000013'], // 0,0,0,0 stay 0; row 0 col 1 = 3,
    [572, '005724'], // 5 → 9, 7 → row 9 col 7 = 7, 2 → row 7 col 2 = 4,
    [123456, '1234566'],
  ])('serial %i is %s', (n, serial) => {
    expect(makeSerial(n)).toBe(serial);
    expect(checkSerial(serial)).toEqual({ ok: true, serial });
  });

  it('matches the published Damm example (572 → 4)', () => {
    expect(dammDigit('572')).toBe(4);
  });

  it('catches every single wrong digit and every swap of two different neighbours in the first 2,000 serials', () => {
    for (let n = 1; n <= 2000; n++) {
      const s = makeSerial(n);
      for (let i = 0; i < s.length; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === s[i]) continue;
          expect(checkSerial(s.slice(0, i) + d + s.slice(i + 1)).ok).toBe(false);
        }
        if (i + 1 < s.length && s[i] !== s[i + 1]) {
          expect(checkSerial(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2)).ok).toBe(false);
        }
      }
    }
  });

  it.each([
    ['00001-3', { ok: true, serial: '000013' }],
    ['000015', { ok: false, message: 'serial "000015" has a wrong check character (mistyped?)' }],
    ['12a', { ok: false, message: 'serial "12a" must be digits only' }],
    ['14', { ok: false, message: 'serial "14" is too short' }],
  ])('reads %s', (input, expected) => {
    const read = checkSerial(input);
    expect(read.ok ? read : { ok: false, message: serialText(read.problem, 'en') }).toEqual(expected);
  });
});

describe('access codes', () => {
  it('has no look-alike characters and at least 50 bits', () => {
    expect(ACCESS_ALPHABET).not.toMatch(/[01OIL]/);
    expect(12 * Math.log2(ACCESS_ALPHABET.length)).toBeGreaterThan(50);
  });

  it('draws each character from the random source', () => {
    let i = 0;
    expect(makeAccessCode(() => i++ % ACCESS_ALPHABET.length)).toBe('ABCDEFGHJKMN');
  });

  it.each([
    ['abcd-efgh-jkmn', 'ABCDEFGHJKMN'],
    [' ABCD EFGH-jkmn ', 'ABCDEFGHJKMN'],
  ])('normalises %j', (typed, stored) => {
    expect(normalizeAccessCode(typed)).toBe(stored);
    expect(formatAccessCode(typed)).toBe('ABCD-EFGH-JKMN');
  });
});
