/** Problems: expected refusals as values `{ kind, ...params, where }`, and the one place that words them (issue 12, style.md "Patterns"). */

/**
 * Where a problem is, so a person can find it:
 * - `path`: a JSON path in a campaign file or an API body (`forms[2].questions[0].criterion`);
 * - `row` (+ `column`): a row of a CSV file as a spreadsheet numbers it (the header is row 1), and the column's heading;
 * - `sheet` (+ `row`, `column`): a workbook cell: sheet name, Excel row number, column heading;
 * - `field`: a field of a page's form (the page shows the text beside the field, so the wording leaves it out).
 */
export type Where = { path: string } | { row: number; column?: string } | { sheet: string; row?: number; column?: string } | { field: string };

/** A problem value: a kind, its own parameters, and where it is when it has a place. */
export type Problem = { kind: string; where?: Where };

/** English for the CLI, the API and logs; Vietnamese for pages. */
export type Lang = 'en' | 'vi';

/** How one kind is worded, without its location (problemText adds that). */
export type Wording<P> = { en: (p: P) => string; vi: (p: P) => string };

/**
 * Every kind of a problem union with its wording in both languages. A kind left out, or one without Vietnamese,
 * fails the type check that `npm test` runs.
 */
export type Catalogue<P extends Problem> = { [K in P['kind']]: Wording<Extract<P, { kind: K }>> };

/** A catalogue checked against its union: `const TEXT = catalogue<KeyedProblem>({ ... })`. */
export function catalogue<P extends Problem>(c: Catalogue<P>): Catalogue<P> {
  return c;
}

/** The location as a prefix: `row 3: `, `Dòng 3, cột answer: `, `sheet "Đơn vị", row 5, column "Mã": `; empty for a page field. */
export function whereText(where: Where | undefined, lang: Lang): string {
  if (!where || 'field' in where) return '';
  if ('path' in where) return `${where.path}: `;
  const vi = lang === 'vi';
  const parts: string[] = [];
  if ('sheet' in where) parts.push(vi ? `Trang "${where.sheet}"` : `sheet "${where.sheet}"`);
  if (where.row !== undefined) parts.push(vi ? (parts.length ? `dòng ${where.row}` : `Dòng ${where.row}`) : `row ${where.row}`);
  if (where.column !== undefined) parts.push(vi ? `cột "${where.column}"` : `column "${where.column}"`);
  return `${parts.join(', ')}: `;
}

/**
 * One problem in words, with its location first. A Vietnamese text without a location starts with a capital, as a
 * sentence on a page does. Throws only on a kind the catalogue lacks (a bug the type check should have caught).
 */
export function problemText<P extends Problem>(cat: Catalogue<P>, p: P, lang: Lang): string {
  const wording = (cat as unknown as Record<string, Wording<P> | undefined>)[p.kind];
  if (!wording) throw new Error(`no wording for problem kind "${p.kind}"`);
  const text = wording[lang](p);
  const where = whereText(p.where, lang);
  if (where || lang === 'en') return where + text;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
