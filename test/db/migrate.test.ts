/** Migration 0003_typed_storage on a database from before it: every row survives the table rebuilds, and the new foreign keys hold. */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/audit.repo';
import { getCampaign } from '../../db/campaigns.repo';
import { getFormBySerial } from '../../db/forms.repo';
import { closeDb, openDb } from '../../db/open';
import { sessionUser } from '../../db/sessions.repo';
import { listUsers } from '../../db/users.repo';
import { fixture, tempDir } from '../helpers/cli';

const MIGRATIONS = new URL('../../db/migrations/', import.meta.url);
const FIRST_NEW = '0003_typed_storage';

/** A migrations folder holding only the migrations before `FIRST_NEW`, with their journal entries. */
function migrationsBefore(dir: string): string {
  const out = join(dir, 'migrations');
  mkdirSync(join(out, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(new URL('meta/_journal.json', MIGRATIONS), 'utf8')) as { entries: { idx: number; tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === FIRST_NEW);
  expect(cut).toBe(3);
  journal.entries = journal.entries.slice(0, cut);
  for (const e of journal.entries) cpSync(new URL(`${e.tag}.sql`, MIGRATIONS), join(out, `${e.tag}.sql`));
  writeFileSync(join(out, 'meta', '_journal.json'), JSON.stringify(journal, null, 2));
  return out;
}

const TABLES = [
  'campaigns',
  'campaign_versions',
  'form_instances',
  'import_batches',
  'submissions',
  'submission_cells',
  'resolutions',
  'invalidations',
  'self_points',
  'users',
  'sessions',
  'audit_log',
  'api_tokens',
  'settings',
] as const;

/** Every row of every table, in rowid order (submission_cells and sessions too: neither is WITHOUT ROWID). */
function dump(sqlite: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((t) => [t, sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}

const indexNames = (sqlite: Database.Database) =>
  (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

/**
 * A campaign as it stands mid-survey, written with the SQL of the migrations before 0003: two forms counted (one from
 * the web, one from two keyed passes and a resolution), one invalidated, one still issued; a self-assessment batch;
 * users with a session and a token; audit rows with and without a campaign; the service settings.
 */
function fill(sqlite: Database.Database): void {
  const definition = JSON.stringify(JSON.parse(readFileSync(fixture('mini-campaign.json'), 'utf8')));
  const hash = 'scrypt$16384$8$1$c2FsdA==$a2V5';
  sqlite.exec('BEGIN');
  const run = (q: string, ...params: unknown[]) => sqlite.prepare(q).run(...params);
  run(
    "INSERT INTO campaigns (code, name, year, province, definition, version) VALUES ('MINI-2026', 'Điều tra thử nghiệm', 2026, 'Tỉnh Thử', ?, 2)",
    definition,
  );
  run("INSERT INTO campaign_versions (campaign_id, version, definition, loaded_by, loaded_at) VALUES (1, 1, ?, 'cli', '2026-11-01T08:00:00.000Z')", definition);
  run(
    "INSERT INTO campaign_versions (campaign_id, version, definition, loaded_by, loaded_at) VALUES (1, 2, ?, 'admin', '2026-11-02T08:00:00.000Z')",
    definition,
  );
  const form = (seq: number, group: string, home: string | null, targets: string[], channel: string) =>
    run(
      'INSERT INTO form_instances (campaign_id, seq, serial, access_code, form_code, group_code, home_unit, targets, channel) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)',
      seq,
      `00000${seq}K`,
      `ACCESSCODE0${seq}`,
      'F1',
      group,
      home,
      JSON.stringify(targets),
      channel,
    );
  form(1, 'G1', null, ['SA', 'SB'], 'web');
  form(2, 'G1', null, ['SA', 'SB'], 'paper');
  form(3, 'G2', 'SA', ['SA'], 'mixed');
  form(4, 'G2', 'SB', ['SB'], 'mixed');
  run("INSERT INTO import_batches (campaign_id, kind, file_name, pass, operator, loaded_by, rows) VALUES (1, 'keyed', 'lan-pass1.csv', 1, 'lan', 'lan', 6)");
  run("INSERT INTO import_batches (campaign_id, kind, file_name, pass, operator, loaded_by, rows) VALUES (1, 'keyed', 'minh-pass2.csv', 2, 'minh', NULL, 6)");
  run("INSERT INTO import_batches (campaign_id, kind, file_name, pass, operator, rows) VALUES (1, 'self', 'tu-danh-gia.csv', NULL, 'admin', 2)");
  const submission = (formId: number, kind: string, actor: string, batchId: number | null, answers: string[], units: string[]) => {
    const id = Number(
      run('INSERT INTO submissions (form_id, kind, actor, definition_version, batch_id) VALUES (?, ?, ?, 2, ?)', formId, kind, actor, batchId).lastInsertRowid,
    );
    let i = 0;
    for (const unit of units)
      for (const q of ['1', '2', '3']) run('INSERT INTO submission_cells VALUES (?, ?, ?, ?)', id, unit, q, answers[i++ % answers.length]);
    return id;
  };
  submission(1, 'web_draft', 'respondent', null, ['1', ''], ['SA', 'SB']);
  const web = submission(1, 'web_submit', 'respondent', null, ['1', '2', '9'], ['SA', 'SB']);
  const pass1 = submission(2, 'pass1', 'lan', 1, ['2', '3', '1'], ['SA', 'SB']);
  submission(2, 'pass2', 'minh', 2, ['2', '4', '1'], ['SA', 'SB']);
  run("INSERT INTO resolutions (form_id, unit, question, pass1, pass2, answer, operator) VALUES (2, 'SA', '2', '3', '4', '3', 'hoa')");
  run("INSERT INTO resolutions (form_id, unit, question, pass1, pass2, answer, operator) VALUES (2, 'SB', '2', '3', '4', '4', 'hoa')");
  const settled = submission(2, 'settled', 'system', null, ['2', '3', '1'], ['SA', 'SB']);
  const spoiled = submission(3, 'web_submit', 'respondent', null, ['*', '', ''], ['SA']);
  run("UPDATE form_instances SET status = 'counted', counted_from = 'web', final_submission_id = ? WHERE id = 1", web);
  run("UPDATE form_instances SET status = 'counted', counted_from = 'paper', final_submission_id = ? WHERE id = 2", settled);
  run("UPDATE form_instances SET status = 'invalid', invalid_reason = 'Phiếu bị tẩy xoá', final_submission_id = ? WHERE id = 3", spoiled);
  expect(pass1).toBeLessThan(settled);
  run("INSERT INTO invalidations (form_id, reason, actor) VALUES (3, 'Phiếu bị tẩy xoá', 'hoa')");
  run("INSERT INTO self_points (campaign_id, batch_id, unit, self_points, self_max) VALUES (1, 3, 'SA', 3.25, 3.75), (1, 3, 'SB', 2.5, 3.75)");
  for (const [name, role, disabled] of [
    ['admin', 'admin', 0],
    ['hoa', 'supervisor', 0],
    ['lan', 'keyer', 0],
    ['minh', 'keyer', 1],
  ] as const) {
    run('INSERT INTO users (name, role, password_hash, disabled) VALUES (?, ?, ?, ?)', name, role, hash, disabled);
  }
  run("INSERT INTO sessions (id, user_id, expires_at) VALUES ('c2Vzc2lvbi1vZi1ob2E', 2, '2999-01-01T00:00:00.000Z')");
  run("INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ('ZXhwaXJlZA', 3, '2026-01-01T00:00:00.000Z', '2026-01-01T12:00:00.000Z')");
  run("INSERT INTO api_tokens (user_id, name, token_hash) VALUES (1, 'Báo cáo tỉnh', 'aa11')");
  run("INSERT INTO api_tokens (user_id, name, token_hash, revoked_at) VALUES (2, 'cũ', 'bb22', '2026-11-20T00:00:00.000Z')");
  run('INSERT INTO audit_log (actor, action, campaign_id, detail) VALUES (\'cli\', \'campaign.load\', 1, \'{"code":"MINI-2026","version":1}\')');
  run('INSERT INTO audit_log (actor, action, campaign_id, detail) VALUES (\'admin\', \'forms.issue\', 1, \'{"issued":4,"channel":"mixed"}\')');
  run('INSERT INTO audit_log (actor, action, detail) VALUES (\'admin\', \'user.add\', \'{"name":"hoa","role":"supervisor"}\')');
  run("INSERT INTO audit_log (actor, action, campaign_id) VALUES ('hoa', 'entry.resolve', 1)");
  run("INSERT INTO settings (key, value) VALUES ('session_key', 'a2V5LWtleS1rZXk='), ('answers_id_salt', 'c2FsdA==')");
  sqlite.exec('COMMIT');
}

describe('migration 0003_typed_storage', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('keeps every row of a database from before it, and the foreign keys it adds hold and are enforced', () => {
    dir = tempDir();
    const file = join(dir, 'cchc.db');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrate(drizzle(old), { migrationsFolder: migrationsBefore(dir) });
    expect(old.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: 3 });
    fill(old);
    const before = dump(old);
    const indexesBefore = indexNames(old);
    expect(Object.values(before).every((rows) => rows.length > 0)).toBe(true);
    old.close();

    const db = openDb(file);
    try {
      const sqlite = db.$client;
      // 0003, then 0004_scans (issue 15), which only adds the scan tables and their indexes.
      expect(sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: 5 });
      expect(dump(sqlite)).toEqual(before);
      expect(indexNames(sqlite).filter((name) => !name.startsWith('scan_'))).toEqual(indexesBefore);

      // The new references, and the ones from before, all hold.
      const fks = (t: string) => (sqlite.pragma(`foreign_key_list(${t})`) as { table: string; from: string }[]).map((f) => `${f.from}→${f.table}`).sort();
      expect(fks('submission_cells')).toEqual(['submission_id→submissions']);
      expect(fks('form_instances')).toEqual(['campaign_id→campaigns', 'final_submission_id→submissions']);
      expect(fks('audit_log')).toEqual(['campaign_id→campaigns']);
      expect(fks('submissions')).toEqual(['batch_id→import_batches', 'form_id→form_instances']);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

      // ... and are enforced on the migrated database.
      expect(() => sqlite.prepare("INSERT INTO submission_cells VALUES (999, 'SA', '1', '1')").run()).toThrow(/FOREIGN KEY constraint failed/);
      expect(() => sqlite.prepare('UPDATE form_instances SET final_submission_id = 999 WHERE id = 4').run()).toThrow(/FOREIGN KEY constraint failed/);
      expect(() => sqlite.prepare("INSERT INTO audit_log (actor, action, campaign_id) VALUES ('x', 'y', 999)").run()).toThrow(/FOREIGN KEY constraint failed/);
      expect(() => sqlite.prepare("INSERT INTO submissions (form_id, kind, actor, definition_version) VALUES (999, 'pass1', 'lan', 2)").run()).toThrow(
        /FOREIGN KEY constraint failed/,
      );

      // The repositories read the old rows with their new types: JSON targets and detail parsed, roles and statuses as stored.
      const c = getCampaign(db, 'MINI-2026')!;
      expect(c.version).toBe(2);
      expect(getFormBySerial(db, c.id, '000001K')).toMatchObject({ targets: ['SA', 'SB'], status: 'counted', countedFrom: 'web', channel: 'web' });
      expect(getFormBySerial(db, c.id, '000003K')).toMatchObject({ targets: ['SA'], status: 'invalid', countedFrom: null, invalidReason: 'Phiếu bị tẩy xoá' });
      expect(listAudit(db).map((a) => a.detail)).toEqual([
        {},
        { name: 'hoa', role: 'supervisor' },
        { issued: 4, channel: 'mixed' },
        { code: 'MINI-2026', version: 1 },
      ]);
      expect(listUsers(db).map((u) => [u.name, u.role, u.disabled])).toEqual([
        ['admin', 'admin', false],
        ['hoa', 'supervisor', false],
        ['lan', 'keyer', false],
        ['minh', 'keyer', true],
      ]);
      expect(sessionUser(db, 'c2Vzc2lvbi1vZi1ob2E')).toEqual({ id: 2, name: 'hoa', role: 'supervisor' });
    } finally {
      closeDb(db);
    }

    // Opening again applies nothing and finds it as it was.
    const again = openDb(file);
    try {
      expect(again.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: 5 });
      expect(dump(again.$client)).toEqual(before);
    } finally {
      closeDb(again);
    }
  });

  it('refuses to open a database whose rows point at missing rows, instead of starting with broken references', () => {
    dir = tempDir();
    const file = join(dir, 'cchc.db');
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: migrationsBefore(dir) });
    fill(old);
    // Before 0003 nothing stopped a cell from naming a submission that does not exist.
    old.prepare("INSERT INTO submission_cells VALUES (999, 'SA', '1', '1')").run();
    old.close();
    expect(() => openDb(file)).toThrow(/1 rows that point at missing rows \(submission_cells row \d+ → submissions\)/);
  });
});
