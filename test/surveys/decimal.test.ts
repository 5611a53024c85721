/** Decimal rounding, printing and sums: the edges where binary floats and toFixed publish the wrong digit. */
import { describe, expect, it } from 'vitest';
import { formatFixed, formatMax, roundHalfAway, snap, sumDecimal, toUnits } from '../../surveys/decimal';

describe('roundHalfAway', () => {
  it.each([
    // x, decimals, expected — why
    [2.25 * 0.3, 2, 0.68], // the float is 0.67499999…, the decimal 0.675
    [0.125, 2, 0.13], // an exact binary half rounds away from zero
    [1.005, 2, 1.01], // the float is 1.00499999…, toFixed gives 1.00
    [-0.125, 2, -0.13], // away from zero on the negative side too
    [-1.005, 2, -1.01],
    [0.124999, 2, 0.12], // below the half stays down
    [0.1 + 0.2, 2, 0.3], // 0.30000000000000004
    [1.5, 0, 2],
    [2.5, 0, 3], // not banker's rounding
    [-0.5, 0, -1],
    [0.4999999999, 0, 1], // within 1e-9 of the half it is taken as 0.5: the snap's deliberate limit
    [0.499999998, 0, 0],
    [0.0004999, 3, 0],
    [0.0005, 3, 0.001],
    [1.0005, 3, 1.001],
    [79.995, 2, 80],
    [73.75, 0, 74],
    [0.333333333333, 6, 0.333333],
    [0.6666665, 6, 0.666667],
    [-0.001, 2, 0], // never -0
  ])('roundHalfAway(%s, %i) = %s', (x, d, want) => {
    expect(Object.is(roundHalfAway(x, d), want)).toBe(true);
  });

  it.each([[NaN], [Infinity], [-Infinity]])('refuses %s', (x) => {
    expect(() => roundHalfAway(x, 2)).toThrow(RangeError);
  });

  it.each([[-1], [10], [1.5]])('refuses %s decimals', (d) => {
    expect(() => roundHalfAway(1, d)).toThrow(RangeError);
  });
});

describe('toUnits and snap', () => {
  it.each([
    [1.005, 2, 101],
    [-0.125, 2, -13],
    [2.25, 0, 2],
    [2.5, 0, 3],
    [0, 3, 0],
  ])('toUnits(%s, %i) = %i', (x, d, want) => {
    expect(toUnits(x, d)).toBe(want);
  });

  it.each([
    [0.1 + 0.2, 0.3],
    [2.25 * 0.3, 0.675],
    [1 / 3, 0.333333333],
    [2 / 3, 0.666666667],
  ])('snap(%s) = %s', (x, want) => {
    expect(snap(x)).toBe(want);
  });
});

describe('formatFixed', () => {
  it.each([
    [1.005, 2, '1.01'],
    [0, 2, '0.00'],
    [0.125, 2, '0.13'],
    [2.25 * 0.3, 2, '0.68'],
    [-0.125, 2, '-0.13'],
    [-0.001, 2, '0.00'], // no "-0.00"
    [1.647321428, 3, '1.647'],
    [22.5, 0, '23'],
    [0.05, 1, '0.1'],
    [1234.5, 2, '1234.50'],
    [0.000001, 6, '0.000001'],
    [1 / 3, 6, '0.333333'],
    // Past 2^53 nanos (|x| > 9 007 199) the whole part is printed from its exact integer and the fraction rounded alone.
    [67108864, 0, '67108864'], // the workbook's 64 MiB unpacked limit, which used to throw "too large to round exactly"
    [9007200, 2, '9007200.00'], // just past the edge: 9 007 200 × 10^9 > 2^53
    [12345678.125, 2, '12345678.13'], // .125 is exact in binary, a true half: away from zero
    [-12345678.125, 2, '-12345678.13'],
    [9999999.999, 2, '10000000.00'], // the fraction 0.999 rounds up to 1 and carries into the whole part
    [2 ** 53 + 2, 0, '9007199254740994'], // beyond Number.MAX_SAFE_INTEGER, still every digit
    [1e21, 0, '1000000000000000000000'], // where String(x) would switch to "1e+21"
  ])('formatFixed(%s, %i) = %s', (x, d, want) => {
    expect(formatFixed(x, d)).toBe(want);
  });

  it('prints the largest finite number without throwing', () => {
    expect(formatFixed(Number.MAX_VALUE, 0)).toMatch(/^17976931348623157\d{292}$/);
  });
});

describe('sumDecimal', () => {
  it.each([
    // values, decimals, expected — a float sum would show the noise in the comment
    [[0.1, 0.2], 2, 0.3], // 0.30000000000000004
    [[1.35, 0.3], 2, 1.65], // 1.6500000000000001
    [[1.1, 2.2], 1, 3.3], // 3.3000000000000003
    [[0.68, 0.2], 2, 0.88], // 0.8800000000000001
    [[2.25, 1.5, 0.75], 9, 4.5],
    [[0.005, 0.005], 2, 0.02], // each value is rounded first: 0.01 + 0.01
    [[], 2, 0],
    [[-0.1, 0.1], 2, 0],
  ])('sumDecimal(%j, %i) = %s', (values, d, want) => {
    expect(sumDecimal(values, d)).toBe(want);
  });
});

describe('formatMax', () => {
  it.each([
    // x, decimals, expected — a maximum never loses its own decimals, and is padded to the campaign's
    [2.25, 0, '2.25'],
    [2.25, 2, '2.25'],
    [2.25, 3, '2.250'],
    [3, 0, '3'],
    [3, 2, '3.00'],
    [0.1 + 0.2, 0, '0.3'], // read at the 9-decimal snap, not as 0.30000000000000004
    [1e-7, 0, '0.0000001'], // would print as "1e-7" through String()
  ])('formatMax(%s, %i) = %s', (x, d, want) => {
    expect(formatMax(x, d)).toBe(want);
  });
});
