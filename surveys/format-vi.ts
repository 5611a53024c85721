/** Dates, times and numbers written the Vietnamese way (29/11/2026 14:04, 1.193, 22,50), one definition for every page and human-facing export. */
import { formatFixed } from './decimal';

/**
 * Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset gives the same wall clock as the
 * Asia/Ho_Chi_Minh zone for every date this service stores, without depending on the runtime's time-zone data.
 */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

const two = (n: number) => String(n).padStart(2, '0');

/** A stored instant (ISO 8601 text, epoch milliseconds or Date) read as a Date, or undefined when it is empty or not a time. */
function instant(at: string | number | Date | null | undefined): Date | undefined {
  if (at === null || at === undefined || at === '') return undefined;
  const d = at instanceof Date ? at : new Date(at);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The Vietnam wall clock of an instant, read with the getUTC… methods (2026-11-29T20:00Z → 30/11 03:00). */
export function vietnamClock(d: Date): Date {
  return new Date(d.getTime() + VIETNAM_OFFSET_MS);
}

/** 2026-11-29T07:04:00Z → "29/11/2026 14:04" (Vietnam time); empty text for no time. */
export function dateTimeVi(at: string | number | Date | null | undefined): string {
  const d = instant(at);
  if (!d) return '';
  const v = vietnamClock(d);
  return `${two(v.getUTCDate())}/${two(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${two(v.getUTCHours())}:${two(v.getUTCMinutes())}`;
}

/** "1193" → "1.193": a dot between thousands, as Vietnamese documents write them. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * x rounded half away from zero to `decimals` and written with a decimal comma and dots between thousands:
 * (22.5, 2) → "22,50", (1193, 0) → "1.193", (-0.125, 2) → "-0,13". No number (null) is "—".
 */
export function numberVi(x: number | null | undefined, decimals = 0): string {
  if (x === null || x === undefined) return '—';
  const fixed = formatFixed(x, decimals);
  const sign = fixed.startsWith('-') ? '-' : '';
  const [whole, frac] = fixed.slice(sign.length).split('.');
  return `${sign}${groupThousands(whole)}${frac === undefined ? '' : `,${frac}`}`;
}

/** A number that is already text with a decimal point (a formatted score, "2.25") rewritten the Vietnamese way ("2,25"). */
export function decimalTextVi(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return text;
  return `${m[1]}${groupThousands(m[2])}${m[3] === undefined ? '' : `,${m[3]}`}`;
}
