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

it('no handler looks up the campaign its URL names: the area’s hook does (server/plugins/campaign-param.ts)', () => {
  const found = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => (readFileSync(join(dir, f), 'utf8').match(/getCampaign\(app\.db, req\.params\.\w+/g) ?? []).map(() => f));
  // The exceptions: the keyed and scan uploads' too-large error handlers, which run while the body is read, before any
  // preHandler hook, to give the person the page back.
  expect(found).toEqual(['admin-keyed.routes.ts', 'admin-scans.routes.ts']);
});

it('no handler looks up a campaign named in its query or form either: printing’s and the desk’s hooks do (campaignFromField)', () => {
  const found = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) =>
      (readFileSync(join(dir, f), 'utf8').match(/getCampaign\(app\.db, (req\.(query|body)|q\.data|parsed\.data)\.\w+|pickCampaign\(/g) ?? []).map(
        (m) => `${f}: ${m}`,
      ),
    );
  expect(found).toEqual([]);
});

it('no route file builds a view: choosing, ordering or summing rows is a pure function in surveys/', () => {
  // Wording problems (`.map(p => text(p, 'vi'))`) is rendering and stays; filtering, sorting and summing are not.
  const found = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => (readFileSync(join(dir, f), 'utf8').match(/\.(filter|sort|reduce|toSorted)\(/g) ?? []).map((m) => `${f}: ${m}`));
  expect(found).toEqual([]);
});
