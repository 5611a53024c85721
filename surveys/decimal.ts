/** Exact decimal rounding, printing and sums, so published scores never show binary float artefacts. */

/** Every value is first snapped to this many decimals: far below any published precision, far above float noise. */
const SNAP_DECIMALS = 9;
const SNAP = 10 ** SNAP_DECIMALS;

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > SNAP_DECIMALS) {
    throw new RangeError(`decimals must be a whole number from 0 to ${SNAP_DECIMALS}, not ${decimals}`);
  }
}

/**
 * x as a signed whole number of 10^-decimals, rounded half away from zero on the decimal value x stands for.
 * Snapping to 9 decimals first turns the float 2.25 × 0.3 = 0.67499999… back into the 0.675 it means.
 */
export function toUnits(x: number, decimals: number): number {
  checkDecimals(decimals);
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const nanos = Math.round(Math.abs(x) * SNAP);
  if (!Number.isSafeInteger(nanos)) throw new RangeError(`${x} is too large to round exactly`);
  const step = 10 ** (SNAP_DECIMALS - decimals);
  const rest = nanos % step;
  const units = (nanos - rest) / step + (2 * rest >= step ? 1 : 0);
  return x < 0 && units !== 0 ? -units : units;
}

/** The number nearest to units × 10^-decimals (a single division by a power of ten is correctly rounded). */
function fromUnits(units: number, decimals: number): number {
  checkDecimals(decimals);
  return units / 10 ** decimals;
}

/** x rounded half away from zero to `decimals` decimals: 0.125 → 0.13, 1.005 → 1.01, -0.125 → -0.13. */
export function roundHalfAway(x: number, decimals: number): number {
  return fromUnits(toUnits(x, decimals), decimals);
}

/**
 * x rounded to `decimals` and printed with exactly that many decimals, built from digits rather than toFixed.
 * Any finite x prints: beyond 2^53 nanos (|x| > 9 007 199, e.g. a byte count of 67 108 864) the whole part is
 * written from its exact integer value and only the fraction below 1 is rounded, so a limit in a message never throws.
 */
export function formatFixed(x: number, decimals: number): string {
  checkDecimals(decimals);
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const sign = x < 0 ? '-' : '';
  if (Number.isSafeInteger(Math.round(Math.abs(x) * SNAP))) {
    const units = toUnits(x, decimals);
    const digits = String(Math.abs(units)).padStart(decimals + 1, '0');
    return joinDigits(units < 0 ? '-' : '', digits, decimals);
  }
  // Subtracting the whole part of a float is exact, so the fraction is x's own; a fraction rounding up to 1 carries.
  const abs = Math.abs(x);
  const whole = Math.trunc(abs);
  const fraction = toUnits(abs - whole, decimals);
  const carry = fraction === 10 ** decimals ? 1n : 0n;
  const digits =
    (BigInt(whole) + carry).toString() +
    String(carry ? 0 : fraction)
      .padStart(decimals, '0')
      .slice(0, decimals);
  return joinDigits(sign, digits, decimals);
}

/** "-", "12345", 2 → "-123.45". */
function joinDigits(sign: string, digits: string, decimals: number): string {
  if (decimals === 0) return sign + digits;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** How many decimals x has as the decimal it stands for (2.25 → 2, 3 → 0), read at the 9-decimal snap. */
function decimalsOf(x: number): number {
  let units = Math.abs(toUnits(x, SNAP_DECIMALS));
  let decimals = SNAP_DECIMALS;
  while (decimals > 0 && units % 10 === 0) {
    units /= 10;
    decimals -= 1;
  }
  return decimals;
}

/**
 * A maximum (points given by the campaign file) printed with at least `decimals` decimals but never fewer than its
 * own, so that 2.25 at 0 decimals stays 2.25 while scores beside it are rounded.
 */
export function formatMax(x: number, decimals: number): string {
  return formatFixed(x, Math.max(decimals, decimalsOf(x)));
}

/** Sum of the values, each rounded to `decimals`, added as whole units so that 0.1 + 0.2 gives 0.3. */
export function sumDecimal(values: readonly number[], decimals: number): number {
  let units = 0;
  for (const v of values) units += toUnits(v, decimals);
  return fromUnits(units, decimals);
}

/** x snapped to 9 decimals: what the value means as a decimal, without float noise beyond that. */
export function snap(x: number): number {
  return roundHalfAway(x, SNAP_DECIMALS);
}
