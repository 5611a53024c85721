/** Form serials: a zero-padded sequence number plus a Damm check digit, which catches every single wrong digit and every swap of two neighbours. */

import { catalogue, problemText, type Lang, type Where } from './problems';

/** The Damm quasigroup of order 10 (weakly totally anti-symmetric); the desk's script gets it from here (server/public/entry.js). */
export const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The Damm check digit of a string of digits. */
export function dammDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim][ch.charCodeAt(0) - 48];
  return interim;
}

/** Minimum width of the sequence part; wider numbers simply use more digits. */
export const SERIAL_WIDTH = 5;

/** What the desk's script needs to check a serial before asking the server, carried by the desk page as data (one source). */
export const SERIAL_RULE = { damm: DAMM, minLength: SERIAL_WIDTH + 1 } as const;

/** The serial for sequence number `n` (1-based) of a campaign. */
export function makeSerial(n: number): string {
  const body = String(n).padStart(SERIAL_WIDTH, '0');
  return body + dammDigit(body);
}

/** Why a typed serial is not one: `input` is what was typed. */
export type SerialProblem =
  | { kind: 'serial-empty'; where?: Where }
  | { kind: 'serial-not-digits'; input: string; where?: Where }
  | { kind: 'serial-too-short'; input: string; where?: Where }
  | { kind: 'serial-check'; input: string; where?: Where };

export const SERIAL_TEXT = catalogue<SerialProblem>({
  'serial-empty': { en: () => 'serial is empty', vi: () => 'thiếu số phiếu' },
  'serial-not-digits': { en: (p) => `serial "${p.input}" must be digits only`, vi: (p) => `số phiếu "${p.input}" chỉ được có chữ số` },
  'serial-too-short': { en: (p) => `serial "${p.input}" is too short`, vi: (p) => `số phiếu "${p.input}" quá ngắn` },
  'serial-check': {
    en: (p) => `serial "${p.input}" has a wrong check character (mistyped?)`,
    vi: (p) => `số phiếu "${p.input}" sai ký tự kiểm tra (gõ nhầm?)`,
  },
});

export const serialText = (p: SerialProblem, lang: Lang) => problemText(SERIAL_TEXT, p, lang);

export type SerialCheck = { ok: true; serial: string } | { ok: false; problem: SerialProblem };

/** Reads a typed or scanned serial: spaces and hyphens are ignored; the check digit must match. */
export function checkSerial(input: string): SerialCheck {
  const s = input.replace(/[\s-]/g, '');
  if (!/^[0-9]+$/.test(s)) return { ok: false, problem: { kind: 'serial-not-digits', input } };
  if (s.length < SERIAL_WIDTH + 1) return { ok: false, problem: { kind: 'serial-too-short', input } };
  if (dammDigit(s) !== 0) return { ok: false, problem: { kind: 'serial-check', input } };
  return { ok: true, serial: s };
}
