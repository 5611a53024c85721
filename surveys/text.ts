/** Names and codes as people type, paste and upload them, made comparable: one Unicode form, no invisible characters, codes that Excel shortened read as meant. */

/**
 * Characters that show nothing but make two equal-looking strings differ: zero-width space, non-joiner and joiner,
 * word joiner, the BOM (U+FEFF, which Excel and Notepad put at the start of a file or a pasted cell), the soft
 * hyphen, and the left-to-right / right-to-left marks and embeddings that copy-paste from Word or a browser brings.
 */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** No-break spaces (Excel, Word and web pages write U+00A0 between words): an ordinary space. */
const NO_BREAK_SPACE = /[\u00A0\u2007\u202F]/g;
/** Printable ASCII without spaces at either end: nothing to do (the common case of codes, serials and answers). */
const PLAIN = /^[!-~](?:[ -~]*[!-~])?$/;

/**
 * A name or code as typed or uploaded, made comparable: NFC (a Vietnamese "à" typed on a Mac or pasted from a PDF is
 * often "a" + U+0300; Windows types one code point), invisible characters dropped, no-break spaces made spaces, trimmed.
 * Worked by hand: "Hoa\u0300" → "Hoà" (U+00E0); "\uFEFFSNV\u200B" → "SNV"; "Nguyễn\u00A0Lan " → "Nguyễn Lan".
 */
export function cleanText(s: string): string {
  if (s === '' || PLAIN.test(s)) return s;
  return s.normalize('NFC').replace(INVISIBLE, '').replace(NO_BREAK_SPACE, ' ').trim();
}

export type CodeMatch =
  | { ok: true; index: number }
  | { ok: false; kind: 'unknown' }
  | { ok: false; kind: 'ambiguous'; why: 'case' | 'leading-zeros'; candidates: string[] };

/** A code of digits without its leading zeros, as Excel leaves it ("00118" → "118"); null for a code that is not all digits. */
export function bareDigits(code: string): string | null {
  return /^[0-9]+$/.test(code) ? code.replace(/^0+/, '') : null;
}

/**
 * Which of `codes` a typed code means: the same code, else the one code that is the same ignoring case, else, for a
 * code of digits only, the one code that is equal once leading zeros are put back (Excel reads `00118` as the number
 * 118). When several codes fit (`0118` and `00118`; `Snv` and `SNV` for "snv") the typed code is ambiguous and names them.
 * Worked by hand over ["SNV", "00118", "0027", "027"]: "snv" → 0; "118" → 1; "00118" → 1; "27" → ambiguous
 * (0027, 027); "0118" → 1 (zeros dropped then put back); "119" → unknown.
 * The matcher indexes the codes once, so each typed code is a few map look-ups however long the list (a keyed file's
 * million rows, or an anonymous web post naming thousands of cells, never scans the codes).
 */
export function codeMatcher(codes: readonly string[]): (typed: string) => CodeMatch {
  const exact = new Map<string, number>();
  const upper = new Map<string, number[]>();
  const bare = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, i: number) => {
    const l = m.get(k);
    if (l) l.push(i);
    else m.set(k, [i]);
  };
  codes.forEach((c, i) => {
    if (!exact.has(c)) exact.set(c, i);
    push(upper, c.toUpperCase(), i);
    const b = bareDigits(c);
    if (b !== null) push(bare, b, i);
  });
  // One answer object per code, made once: a match allocates nothing.
  const found: CodeMatch[] = codes.map((_, i) => ({ ok: true, index: i }));
  const unknown: CodeMatch = { ok: false, kind: 'unknown' };
  const oneOf = (why: 'case' | 'leading-zeros', hits: number[]): CodeMatch =>
    hits.length === 1 ? found[hits[0]] : { ok: false, kind: 'ambiguous', why, candidates: hits.map((i) => codes[i]) };
  return (typed) => {
    const i = exact.get(typed);
    if (i !== undefined) return found[i];
    const folded = upper.get(typed.toUpperCase());
    if (folded) return oneOf('case', folded);
    const b = bareDigits(typed);
    const zeros = b === null ? undefined : bare.get(b);
    return zeros ? oneOf('leading-zeros', zeros) : unknown;
  };
}

/** codeMatcher for one typed code. */
export function matchCode(typed: string, codes: readonly string[]): CodeMatch {
  return codeMatcher(codes)(typed);
}

/**
 * Whether Excel changes a code when it opens a CSV file holding it: digits with a leading zero lose it (`00118` →
 * 118), more than 15 digits lose precision, and digits with an `E` or a date shape become numbers or dates
 * (`1E5` → 100000, `3-4` → 03/04). Worked by hand: "00118" yes, "118" no, "SNV" no, "1E5" yes, "12-3" yes, "X-1" no.
 */
export function excelShortens(code: string): boolean {
  return (
    /^0[0-9]+$/.test(code) ||
    /^[0-9]{16,}$/.test(code) ||
    /^[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+$/.test(code) ||
    /^[0-9]{1,4}[-/][0-9]{1,4}(?:[-/][0-9]{1,4})?$/.test(code)
  );
}
