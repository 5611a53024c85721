/** Route files validate, call and render: SQL and transactions live behind repository functions in db/. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const dir = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'server/routes');

/** What a route file must not hold: the query builder, the driver, the tables, and transactions however opened. */
const FORBIDDEN: [string, RegExp][] = [
  ['drizzle import', /from ['"]drizzle-orm(\/[^'"]*)?['"]/],
  ['driver import', /from ['"]better-sqlite3['"]/],
  ['table import', /from ['"][./]+db\/schema['"]/],
  ['transaction helper import', /^import (?!type )[^;]*\binTransaction\b[^;]*from ['"][./]+db\/open['"]/m],
  ['SQL template', /\bsql`/],
  ['transaction', /\.transaction\(|\binTransaction\(/],
];

it('no route file holds SQL or a transaction', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  expect(files).toContain('entry.routes.ts');
  const found = files.flatMap((f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    return FORBIDDEN.filter(([, re]) => re.test(text)).map(([what]) => `${f}: ${what}`);
  });
  expect(found).toEqual([]);
});
