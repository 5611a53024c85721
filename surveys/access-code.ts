/** Access codes for the web form: 12 characters from a 31-letter alphabet without 0/O, 1/I/L look-alikes (about 59 random bits). */

export const ACCESS_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const ACCESS_LENGTH = 12;

/** A new code; `randomInt(n)` must return a uniformly random integer in [0, n) from a cryptographic source. */
export function makeAccessCode(randomInt: (n: number) => number): string {
  let s = '';
  for (let i = 0; i < ACCESS_LENGTH; i++) s += ACCESS_ALPHABET[randomInt(ACCESS_ALPHABET.length)];
  return s;
}

/** The stored form of a typed code: case, spaces and hyphens do not matter. */
export function normalizeAccessCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** The printed form: groups of four joined by hyphens (ABCD-EFGH-JKMN). */
export function formatAccessCode(code: string): string {
  return normalizeAccessCode(code).replace(/(.{4})(?=.)/g, '$1-');
}
