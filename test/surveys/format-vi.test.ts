/** Vietnamese dates and numbers: worked examples of the wall clock in Vietnam and of the decimal comma. */
import { describe, expect, it } from 'vitest';
import { dateTimeVi, decimalTextVi, numberVi } from '../../surveys/format-vi';

describe('dateTimeVi', () => {
  it.each([
    // stored instant, shown — why
    ['2026-11-29T07:04:00Z', '29/11/2026 14:04'], // 07:04 UTC + 7 h = 14:04 the same day
    ['2026-11-29T07:04:00.000Z', '29/11/2026 14:04'], // the ISO text the database stores, milliseconds ignored
    ['2026-11-29T07:04:59.000Z', '29/11/2026 14:04'], // seconds are cut, not rounded: the minute shown has begun
    ['2026-11-29T18:30:00Z', '30/11/2026 01:30'], // 18:30 + 7 h = 25:30: already the next day in Hà Nội
    ['2026-12-31T17:00:00Z', '01/01/2027 00:00'], // New Year's midnight in Vietnam is 17:00 UTC on 31 December
    ['2026-02-28T17:30:00Z', '01/03/2026 00:30'], // 28 February 2026 is the month's last day: +7 h crosses into March
    ['2026-06-15T02:05:00+07:00', '15/06/2026 02:05'], // an instant written with Vietnam's own offset stays as written
    ['2026-07-01T00:00:00Z', '01/07/2026 07:00'], // no daylight saving in summer either
  ])('%s → %s', (at, shown) => {
    expect(dateTimeVi(at)).toBe(shown);
  });

  it('takes a Date or epoch milliseconds as well', () => {
    expect(dateTimeVi(new Date(Date.UTC(2026, 10, 29, 7, 4)))).toBe('29/11/2026 14:04');
    expect(dateTimeVi(Date.UTC(2026, 10, 29, 7, 4))).toBe('29/11/2026 14:04');
  });

  it.each([[null], [undefined], [''], ['not a time']])('shows nothing for %s', (at) => {
    expect(dateTimeVi(at)).toBe('');
  });
});

describe('numberVi', () => {
  it.each([
    // value, decimals, shown — why
    [22.5, 2, '22,50'], // decimal comma, padded to the campaign's decimals
    [0.675, 2, '0,68'], // 2.25 × 0.3 rounds half away from zero, as in the scores
    [1193, 0, '1.193'], // a dot between thousands
    [1234567.891, 2, '1.234.567,89'],
    [999, 0, '999'], // no dot below a thousand
    [-0.125, 2, '-0,13'],
    [100, 1, '100,0'],
    [0, 0, '0'],
    [67108864, 0, '67.108.864'], // a byte count in a refusal: used to throw RangeError in decimal.ts
    [2 ** 53 + 2, 0, '9.007.199.254.740.994'],
    [12345678.125, 2, '12.345.678,13'],
  ])('numberVi(%s, %i) = %s', (x, d, shown) => {
    expect(numberVi(x, d)).toBe(shown);
  });

  it('shows a missing number as a dash', () => {
    expect(numberVi(null, 2)).toBe('—');
    expect(numberVi(undefined)).toBe('—');
  });
});

describe('decimalTextVi', () => {
  it.each([
    ['2.25', '2,25'],
    ['22.50', '22,50'],
    ['1193', '1.193'],
    ['-0.13', '-0,13'],
    ['—', '—'], // not a number: kept
    ['', ''],
  ])('decimalTextVi(%j) = %j', (text, shown) => {
    expect(decimalTextVi(text)).toBe(shown);
  });
});
