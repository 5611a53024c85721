/** Noto Sans and Noto Serif from @fontsource (Latin and Vietnamese subsets), embedded in the print and report CSS so every PDF and HTML file carries the same glyphs wherever it is made. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Face = { family: string; pkg: string; weight: number; style: 'normal' | 'italic' };

// The faces the print CSS uses: body text (regular, bold, the campaign line in italic) and the bold serif title.
const FACES: readonly Face[] = [
  { family: 'Noto Sans', pkg: 'noto-sans', weight: 400, style: 'normal' },
  { family: 'Noto Sans', pkg: 'noto-sans', weight: 700, style: 'normal' },
  { family: 'Noto Sans', pkg: 'noto-sans', weight: 400, style: 'italic' },
  { family: 'Noto Serif', pkg: 'noto-serif', weight: 700, style: 'normal' },
];
// The report is set in the serif (a Times-like face, as administrative documents are): regular, italic, bold and
// bold italic; its charts label in Noto Sans.
const REPORT_FACES: readonly Face[] = [
  { family: 'Noto Serif', pkg: 'noto-serif', weight: 400, style: 'normal' },
  { family: 'Noto Serif', pkg: 'noto-serif', weight: 400, style: 'italic' },
  { family: 'Noto Serif', pkg: 'noto-serif', weight: 700, style: 'normal' },
  { family: 'Noto Serif', pkg: 'noto-serif', weight: 700, style: 'italic' },
  { family: 'Noto Sans', pkg: 'noto-sans', weight: 400, style: 'normal' },
];
// Latin holds ASCII and the precomposed Latin-1 vowels (à, é, ô…); Vietnamese holds ă, đ, ơ, ư, ĩ, ũ and U+1EA0–1EF9.
const SUBSETS = ['latin', 'vietnamese'] as const;

const built = new Map<readonly Face[], string>();

/** @font-face rules of the print run with the woff2 files as data: URLs (about 130 KB), built once per process. */
export function embeddedFontsCss(): string {
  return facesCss(FACES);
}

/** @font-face rules of the results report (about 170 KB), built once per process. */
export function reportFontsCss(): string {
  return facesCss(REPORT_FACES);
}

function facesCss(faces: readonly Face[]): string {
  const done = built.get(faces);
  if (done !== undefined) return done;
  const rules: string[] = [];
  for (const f of faces) {
    const ranges = JSON.parse(readFileSync(require.resolve(`@fontsource/${f.pkg}/unicode.json`), 'utf8')) as Record<string, string>;
    for (const subset of SUBSETS) {
      const file = require.resolve(`@fontsource/${f.pkg}/files/${f.pkg}-${subset}-${f.weight}-${f.style}.woff2`);
      const data = readFileSync(file).toString('base64');
      rules.push(
        `@font-face { font-family: "${f.family}"; font-style: ${f.style}; font-weight: ${f.weight}; font-display: block; ` +
          `src: url(data:font/woff2;base64,${data}) format("woff2"); unicode-range: ${ranges[subset]}; }`,
      );
    }
  }
  const css = rules.join('\n');
  built.set(faces, css);
  return css;
}
