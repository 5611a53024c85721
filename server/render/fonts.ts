/** Noto Sans and Noto Serif from @fontsource (Latin and Vietnamese subsets), embedded in the print CSS so every PDF and HTML file carries the same glyphs wherever it is made. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// The faces the print CSS uses: body text (regular, bold, the campaign line in italic) and the bold serif title.
const FACES = [
  { family: 'Noto Sans', pkg: 'noto-sans', weight: 400, style: 'normal' },
  { family: 'Noto Sans', pkg: 'noto-sans', weight: 700, style: 'normal' },
  { family: 'Noto Sans', pkg: 'noto-sans', weight: 400, style: 'italic' },
  { family: 'Noto Serif', pkg: 'noto-serif', weight: 700, style: 'normal' },
] as const;
// Latin holds ASCII and the precomposed Latin-1 vowels (à, é, ô…); Vietnamese holds ă, đ, ơ, ư, ĩ, ũ and U+1EA0–1EF9.
const SUBSETS = ['latin', 'vietnamese'] as const;

let css: string | undefined;

/** @font-face rules with the woff2 files as data: URLs (about 130 KB), built once per process. */
export function embeddedFontsCss(): string {
  if (css !== undefined) return css;
  const rules: string[] = [];
  for (const f of FACES) {
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
  return (css = rules.join('\n'));
}
