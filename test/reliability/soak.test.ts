/** Load on loopback: a few hundred respondents submit at once while keyers import CSV files; every acknowledged submission and every file is stored. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csrfOf } from '../helpers/app';
import { repoPath, runCli, runCliAsync, tempDir } from '../helpers/cli';
import { cookieOfResponse, loginOver, startServer } from '../helpers/server';

/** Exactly this many respondents. */
const RESPONDENTS = 300;
/**
 * The last few respondents wait until every keyed file is in and the desk is half done, so that each file and the desk's
 * passes have web submissions after them whatever the machine's speed; all the others run alongside the imports.
 */
const HELD_BACK = 10;
/**
 * The last TAIL respondents before those go only TAIL_WORKERS at a time while files are still loading, so that the web
 * load lasts through the imports instead of ending before them (all workers resume once the files are in).
 */
const TAIL = 40;
const TAIL_WORKERS = 2;
const CONCURRENCY = 50;
/** Paper forms come from groups the respondents never touch, so that web and paper do not race for a form. */
const KEYED_GROUP = 'CT03-PH';
const KEYED_FILES = 3;
const FORMS_PER_FILE = 10;
/** Forms keyed on the desk over HTTP, twice each by two keyers, in the same seconds as the respondents. */
const DESK_GROUP = 'CH02-LDS';
const DESK_FORMS = 12;
const PASSWORD = 'mật-khẩu-dài';

type ManifestRow = { serial: string; access_code: string; form: string; group: string; home_unit: string; targets: string };

const sample = JSON.parse(readFileSync(repoPath('surveys', 'samples', 'lai-chau-2020.json'), 'utf8')) as {
  forms: { code: string; questions: { code: string }[] }[];
};

/** Question codes of a form in the sample campaign. */
const questionsOf = (form: string) => sample.forms.find((f) => f.code === form)!.questions.map((q) => q.code);

/** A keyer at the desk over HTTP: logs in through the login form, then keys whole forms with the desk's CSRF header. */
async function deskKeyer(url: string, name: string) {
  const cookie = await loginOver(url, name, PASSWORD);
  const desk = await fetch(`${url}/entry?campaign=LCU-2020`, { headers: { cookie } });
  const token = /data-csrf="([^"]+)"/.exec(await desk.text())![1];
  return async (row: ManifestRow) => {
    const view = await fetch(`${url}/entry/form/LCU-2020/${row.serial}`, { headers: { cookie } });
    if (view.status !== 200) return `GET desk ${row.serial}: ${view.status}`;
    const form = (await view.json()) as { units: { code: string }[]; questions: { code: string }[] };
    const cells = form.units.flatMap((u) => form.questions.map((q) => ({ unit: u.code, question: q.code, answer: '2' })));
    const saved = await fetch(`${url}/entry/form/LCU-2020/${row.serial}/pass`, {
      method: 'POST',
      headers: { cookie, 'csrf-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ cells }),
    });
    return saved.status === 200 ? null : `POST desk ${row.serial}: ${saved.status} ${await saved.text()}`;
  };
}

describe('soak: web submissions and keyed imports at once', () => {
  it(`stores exactly the acknowledged submissions of ${RESPONDENTS} respondents and every keyed file whole`, { timeout: 90_000 }, async () => {
    const server = await startServer();
    const dir = tempDir();
    try {
      const issued = runCli(server.dbPath, ['issue', 'LCU-2020', '--channel', 'web']);
      expect(issued.status, issued.stderr).toBe(0);
      const manifest = Papa.parse<ManifestRow>(issued.stdout.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

      // Keyed files: each a few whole forms, to be loaded as pass 1 and pass 2 by two keyers.
      const paper = manifest.filter((r) => r.group === KEYED_GROUP).slice(0, KEYED_FILES * FORMS_PER_FILE);
      expect(paper).toHaveLength(KEYED_FILES * FORMS_PER_FILE);
      const files = Array.from({ length: KEYED_FILES }, (_, i) => {
        const forms = paper.slice(i * FORMS_PER_FILE, (i + 1) * FORMS_PER_FILE);
        const lines = ['serial,unit,question,answer'];
        for (const f of forms)
          for (const u of f.targets.split(';')) for (const q of questionsOf(f.form)) lines.push(`${f.serial},${u},${q},${((u.length + q.length) % 4) + 1}`);
        const path = join(dir, `keyed-${i + 1}.csv`);
        writeFileSync(path, lines.join('\n') + '\n');
        return { path, serials: forms.map((f) => f.serial), cells: lines.length - 1 };
      });

      // Respondents: every other group, spread over the forms (small own-unit forms and 20-unit matrices alike).
      const desk = manifest.filter((r) => r.group === DESK_GROUP).slice(0, DESK_FORMS);
      for (const name of ['lan', 'minh']) {
        const added = runCli(server.dbPath, ['user', 'add', name, '--role', 'keyer', '--password-stdin'], PASSWORD + '\n');
        expect(added.status, added.stderr).toBe(0);
      }
      const [lan, minh] = [await deskKeyer(server.url, 'lan'), await deskKeyer(server.url, 'minh')];

      const web = manifest.filter((r) => r.group !== KEYED_GROUP && r.group !== DESK_GROUP);
      // A fixed shuffle, so that small own-unit forms and 20-unit matrices arrive mixed.
      const mix = (serial: string) => Math.imul(Number(serial), 2654435761) >>> 0;
      const queue = [...web].sort((a, b) => mix(a.serial) - mix(b.serial));
      expect(queue.length).toBeGreaterThan(2 * RESPONDENTS);

      const acknowledged: string[] = [];
      const failures: string[] = [];
      // Web POSTs are numbered as they are sent; a waiter resolves on the acknowledgement of a POST sent after it began to wait.
      let posts = 0;
      const waiters: { after: number; resolve: () => void; reject: (e: Error) => void }[] = [];
      /** Resolves once a web submission sent after this call is acknowledged, so committed after everything before the call. */
      const webAckAfterNow = () => new Promise<void>((resolve, reject) => waiters.push({ after: posts, resolve, reject }));
      async function respond(row: ManifestRow) {
        const url = `${server.url}/r/${row.access_code}`;
        const page = await fetch(url);
        const html = await page.text();
        if (page.status !== 200) return void failures.push(`GET ${row.access_code}: ${page.status}`);
        const body = new URLSearchParams({ action: 'submit', _csrf: csrfOf(html) });
        // Every cell answered with the first option code the page offers for it, so the form counts.
        for (const m of html.matchAll(/name="(a\.[^"]+)" value="([^"]+)"/g)) if (!body.has(m[1])) body.set(m[1], m[2]);
        const seq = ++posts;
        const res = await fetch(url, { method: 'POST', body, headers: { cookie: cookieOfResponse(page) }, redirect: 'manual' });
        const text = await res.text();
        if (res.status !== 200 || !text.includes('Cảm ơn')) return void failures.push(`POST ${row.access_code}: ${res.status}`);
        acknowledged.push(row.access_code);
        for (const w of waiters.filter((x) => x.after < seq)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
      /** Fails every waiter left: no web submission will come to release it, and the test should fail, not hang. */
      const failWaiters = (why: string) => {
        for (const w of waiters.splice(0)) w.reject(new Error(why));
      };

      const started = Date.now();
      let respondentsDone = 0;
      let keyersDone = 0;
      let firstFileIn = 0;
      let taken = 0;
      // The keyers start once the server has acknowledged a web submission, so that every file lands after one.
      const firstAck = webAckAfterNow();
      let deskHalfway!: () => void;
      const halfway = new Promise<void>((resolve) => (deskHalfway = resolve));
      // Keyers work in parallel with the respondents: each file pass 1 by one keyer, then pass 2 by another.
      const keyers = Promise.all(
        files.map(async (f, i) => {
          await firstAck;
          const p1 = await runCliAsync(server.dbPath, ['entry', 'import', 'LCU-2020', f.path, '--pass', '1', '--operator', `keyer-a${i}`]);
          firstFileIn ||= Date.now();
          const p2 = await runCliAsync(server.dbPath, ['entry', 'import', 'LCU-2020', f.path, '--pass', '2', '--operator', `keyer-b${i}`]);
          return [p1, p2];
        }),
      ).then((out) => {
        keyersDone = Date.now();
        return out;
      });
      let keyersSettled = false;
      const keyersEnd = keyers.then(
        () => void (keyersSettled = true),
        () => void (keyersSettled = true),
      );
      /** Respondents, CONCURRENCY at a time (TAIL_WORKERS in the tail while files load), until `limit` have been taken. */
      const respondUpTo = (limit: number) =>
        Promise.all(
          Array.from({ length: CONCURRENCY }, async (_, worker) => {
            while (taken < limit) {
              // (Only once a submission was acknowledged: the keyers wait for one, and must not be waited on before it.)
              if (worker >= TAIL_WORKERS && taken >= limit - TAIL && !keyersSettled && acknowledged.length > 0) {
                await keyersEnd;
                continue;
              }
              const row = queue.shift()!;
              taken += 1;
              await respond(row).catch((e) => failures.push(String(e)));
            }
          }),
        );
      let mainDone = 0;
      const mainBody = respondUpTo(RESPONDENTS - HELD_BACK).then(() => {
        mainDone = Date.now();
        if (acknowledged.length === 0) failWaiters('no web submission was acknowledged');
      });
      const respondents = mainBody
        .then(() => Promise.all([keyers, halfway]))
        .then(() => respondUpTo(RESPONDENTS))
        .finally(() => {
          respondentsDone = Date.now();
          failWaiters('no web submission was acknowledged after it');
        });
      // Two keyers at the desk: lan keys pass 1 of each form and minh pass 2 right after, form by form; halfway through
      // they wait for a web submission, so that web submissions land between the desk's passes.
      const deskKeying = (async () => {
        for (const [n, row] of desk.entries()) {
          if (n === DESK_FORMS / 2) {
            const between = webAckAfterNow();
            deskHalfway();
            await between;
          }
          for (const keyer of [lan, minh]) {
            const problem = await keyer(row).catch((e) => String(e));
            if (problem) failures.push(problem);
          }
        }
      })();
      const [, imports] = await Promise.all([respondents, keyers, deskKeying]);
      const seconds = (respondentsDone - started) / 1000;
      // Figures for the README, not assertions: they depend on the machine.
      console.log(
        `soak: ${DESK_FORMS} forms keyed twice on the desk; ${acknowledged.length}/${taken} submissions acknowledged in ${seconds.toFixed(1)} s (${(acknowledged.length / seconds).toFixed(1)}/s, ${CONCURRENCY} at a time); ` +
          `${KEYED_FILES} keyed files × 2 passes through the CLI alongside, first file in after ${((firstFileIn - started) / 1000).toFixed(1)} s, all done after ${((keyersDone - started) / 1000).toFixed(1)} s (the first ${RESPONDENTS - HELD_BACK} respondents done after ${((mainDone - started) / 1000).toFixed(1)} s); ${failures.length} failures`,
      );

      for (const [i, [p1, p2]] of imports.entries()) {
        expect(p1.status, p1.stderr).toBe(0);
        expect(p2.status, p2.stderr).toBe(0);
        expect(p1.stdout).toContain(`pass 1: ${FORMS_PER_FILE} forms, ${files[i].cells} cells keyed by keyer-a${i}`);
        expect(p2.stdout).toContain(`pass 2: ${FORMS_PER_FILE} forms, ${files[i].cells} cells keyed by keyer-b${i}`);
      }
      expect(failures.slice(0, 10)).toEqual([]);
      expect(taken).toBe(RESPONDENTS);
      expect(acknowledged.length).toBe(RESPONDENTS);
      await server.stop();

      const db = new Database(server.dbPath, { readonly: true });
      try {
        // Acknowledged equals stored: no lost and no phantom submission.
        const stored = db.prepare("select count(*) n from submissions where kind = 'web_submit'").get() as { n: number };
        expect(stored.n).toBe(acknowledged.length);
        const counted = new Set((db.prepare("select access_code c from form_instances where counted_from = 'web'").all() as { c: string }[]).map((r) => r.c));
        for (const code of acknowledged) expect(counted.has(code.replace(/-/g, '')), code).toBe(true);
        expect(counted.size).toBe(acknowledged.length);

        // The desk's passes were written in between web submissions, not before or after them all.
        const ids = (kind: string, serials: string[]) =>
          (
            db
              .prepare(
                `select s.id from submissions s join form_instances f on f.id = s.form_id where s.kind = ? and f.serial in (${serials.map(() => '?').join(',')})`,
              )
              .all(kind, ...serials) as { id: number }[]
          ).map((r) => r.id);
        const deskIds = [
          ...ids(
            'pass1',
            desk.map((r) => r.serial),
          ),
          ...ids(
            'pass2',
            desk.map((r) => r.serial),
          ),
        ];
        expect(deskIds).toHaveLength(2 * DESK_FORMS);
        const webIds = (db.prepare("select id from submissions where kind = 'web_submit'").all() as { id: number }[]).map((r) => r.id);
        expect(
          webIds.some((w) => w > Math.min(...deskIds) && w < Math.max(...deskIds)),
          'web submissions interleaved with desk passes',
        ).toBe(true);
        const deskStatuses = db
          .prepare(`select distinct status from form_instances where serial in (${desk.map(() => '?').join(',')})`)
          .all(...desk.map((r) => r.serial));
        expect(deskStatuses).toEqual([{ status: 'counted' }]);

        // Every keyed file wholly in: both passes of every form with every cell, and the forms settled.
        for (const f of files) {
          const marks = f.serials.map(() => '?').join(',');
          const rows = db
            .prepare(
              `select s.kind, count(distinct s.id) subs, count(*) cells from submissions s join form_instances fi on fi.id = s.form_id
               join submission_cells c on c.submission_id = s.id where fi.serial in (${marks}) and s.kind in ('pass1', 'pass2') group by s.kind order by s.kind`,
            )
            .all(...f.serials);
          expect(rows).toEqual([
            { kind: 'pass1', subs: FORMS_PER_FILE, cells: f.cells },
            { kind: 'pass2', subs: FORMS_PER_FILE, cells: f.cells },
          ]);
          const fileIds = [...ids('pass1', f.serials), ...ids('pass2', f.serials)];
          expect(webIds.some((w) => w < Math.min(...fileIds)) && webIds.some((w) => w > Math.max(...fileIds)), `${f.path} loaded amid web submissions`).toBe(
            true,
          );
          const statuses = db.prepare(`select distinct status from form_instances where serial in (${marks})`).all(...f.serials);
          expect(statuses).toEqual([{ status: 'counted' }]);
        }
      } finally {
        db.close();
      }
    } finally {
      await server.kill();
    }
  });
});
