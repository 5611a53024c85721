/** Crash safety: SIGKILL in the middle of a large keyed import and of a burst of web submissions; after restart every file is wholly in or wholly out and every acknowledged submission is there. */
import { createWriteStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { closeDb, openDb } from '../../db/open';
import { csrfOf } from '../helpers/app';
import { runCli, runCliAsync, tableCounts, tempDir } from '../helpers/cli';
import { cookieOfResponse, startServer } from '../helpers/server';

/** A campaign of 20 departments rated on 5 questions by one province-wide group: 100 cells a form. */
function bigCampaign(forms: number) {
  return {
    code: 'CRASH',
    name: 'Thử mất điện',
    year: 2026,
    province: 'Thử',
    spareShare: 0,
    optionSets: [
      {
        code: 'MD4',
        options: [
          { code: '1', label: 'Tốt', fraction: 1 },
          { code: '2', label: 'Kém', fraction: 0 },
        ],
      },
    ],
    units: Array.from({ length: 20 }, (_, i) => ({ code: `S${i + 1}`, name: `Sở ${i + 1}`, level: 'so' })),
    criteria: [{ code: 'C1', level: 'so', name: 'Tiêu chí', maxPoints: 2 }],
    forms: [
      {
        code: 'F1',
        title: 'Phiếu',
        targetLevel: 'so',
        optionSet: 'MD4',
        questions: ['1', '2', '3', '4', '5'].map((q) => ({ code: q, text: 'Câu', criterion: 'C1' })),
      },
    ],
    groups: [{ code: 'G1', name: 'Nhóm', form: 'F1', home: 'province', scope: 'all', quota: forms }],
  };
}

const manifestOf = (csv: string) => Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

describe('killed mid-import', () => {
  it('leaves the file wholly out, and a rerun puts it wholly in', async () => {
    const dir = tempDir();
    const db = join(dir, 'cchc.db');
    const campaign = join(dir, 'crash.json');
    writeFileSync(campaign, JSON.stringify(bigCampaign(15_000)));
    expect(runCli(db, ['campaign', 'load', campaign]).status).toBe(0);
    const serials = manifestOf(runCli(db, ['issue', 'CRASH']).stdout).map((r) => r.serial);
    const file = join(dir, 'pass1.csv');
    const out = createWriteStream(file);
    out.write('serial,unit,question,answer\n');
    for (const s of serials) {
      let block = '';
      for (let u = 1; u <= 20; u++) for (let q = 1; q <= 5; q++) block += `${s},S${u},${q},${(u + q) % 2 ? 1 : 2}\n`;
      out.write(block);
    }
    await new Promise((r) => out.end(r));
    const before = tableCounts(db);

    // The kill lands while rows are being written: once the write-ahead log has grown past 16 MB.
    const run = runCliAsync(db, ['entry', 'import', 'CRASH', file, '--pass', '1', '--operator', 'lan']);
    const wal = `${db}-wal`;
    const writing = () => existsSync(wal) && statSync(wal).size > 16 * 2 ** 20;
    for (let waited = 0; !writing() && run.child.exitCode === null && waited < 60_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(run.child.exitCode).toBeNull();
    run.child.kill('SIGKILL');
    const killed = await run;
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).toBe('');

    expect(tableCounts(db)).toEqual(before);
    const rerun = runCli(db, ['entry', 'import', 'CRASH', file, '--pass', '1', '--operator', 'lan']);
    expect(rerun.stdout).toContain('pass 1: 15000 forms, 1500000 cells keyed by lan');
    const after = tableCounts(db);
    expect(after.submission_cells - before.submission_cells).toBe(1_500_000);
    expect(after.submissions - before.submissions).toBe(15_000);
  });
});

describe('killed during a burst of web submissions', () => {
  it('keeps every submission it acknowledged', async () => {
    const server = await startServer();
    try {
      const manifest = manifestOf(runCli(server.dbPath, ['issue', 'LCU-2020', '--channel', 'web']).stdout).filter((r) => r.group === 'CT02-CC');
      const BURST = 240;
      /** The server is killed as soon as this many submissions were acknowledged; the burst is far from done by then. */
      const KILL_AFTER = 20;
      const WORKERS = 8;
      expect(manifest.length).toBeGreaterThanOrEqual(BURST);
      const acknowledged: string[] = [];
      const attempted: string[] = [];
      const failedBeforeKill: string[] = [];
      const failedAfterKill: string[] = [];
      let killed: Promise<void> | undefined;

      async function submit(row: Record<string, string>) {
        const code = row.access_code.replace(/-/g, '');
        attempted.push(code);
        try {
          const page = await fetch(`${server.url}/r/${row.access_code}`);
          const html = await page.text();
          const body = new URLSearchParams({ action: 'submit', _csrf: csrfOf(html) });
          for (const m of html.matchAll(/name="(a\.[^"]+)"/g)) body.set(m[1], '2');
          const res = await fetch(`${server.url}/r/${row.access_code}`, {
            method: 'POST',
            body,
            headers: { cookie: cookieOfResponse(page) },
            redirect: 'manual',
          });
          const text = await res.text();
          if (res.status !== 200 || !text.includes('Cảm ơn')) throw new Error(`POST ${row.access_code}: ${res.status}`);
          acknowledged.push(code);
          // The kill is sent from here, the moment the count is reached: it does not wait on a timer.
          if (acknowledged.length === KILL_AFTER) killed = server.kill();
        } catch (e) {
          // A request the kill cut off, or refused because the server was gone, fails after the kill was sent.
          (killed ? failedAfterKill : failedBeforeKill).push(`${code}: ${e}`);
        }
      }

      // Eight respondents at a time, each going on through the queue after the kill (every later request then fails).
      const queue = manifest.slice(0, BURST);
      await Promise.all(
        Array.from({ length: WORKERS }, async () => {
          for (let row = queue.shift(); row; row = queue.shift()) {
            await submit(row);
            // Once the kill is sent, wait until the server is gone: the next request is then certain to find no server.
            if (killed) await killed;
          }
        }),
      );
      expect(failedBeforeKill.slice(0, 5)).toEqual([]);
      expect(killed, 'the server was killed mid-burst').toBeDefined();
      await killed;
      // Every request is accounted for; at most the ones in flight when the kill was sent were answered after it, so
      // the burst was cut: the requests sent once the server was gone got no answer.
      expect(attempted).toHaveLength(BURST);
      expect(acknowledged.length + failedAfterKill.length).toBe(BURST);
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(acknowledged.length).toBeLessThanOrEqual(KILL_AFTER + WORKERS - 1);
      expect(failedAfterKill.length).toBeGreaterThan(0);

      const db = openDb(server.dbPath);
      try {
        const counted = new Set(
          (db.$client.prepare("select access_code from form_instances where status = 'counted'").all() as { access_code: string }[]).map((r) => r.access_code),
        );
        // Acknowledged ⊆ stored ⊆ sent: nothing acknowledged is lost, and nothing is counted that nobody sent.
        for (const code of acknowledged) expect(counted.has(code), code).toBe(true);
        const sent = new Set(attempted);
        for (const code of counted) expect(sent.has(code), code).toBe(true);
        // Every counted form has its whole matrix: no half-written submission survived the kill.
        const partial = db.$client
          .prepare(
            `select f.serial from form_instances f join submission_cells c on c.submission_id = f.final_submission_id
             where f.status = 'counted' group by f.id having count(*) <> json_array_length(f.targets) * 10`,
          )
          .all();
        expect(partial).toEqual([]);
        const stored = db.$client.prepare("select count(*) n from submissions where kind = 'web_submit'").get() as { n: number };
        expect(stored.n).toBe(counted.size);
      } finally {
        closeDb(db);
      }
    } finally {
      await server.kill();
    }
  });
});
