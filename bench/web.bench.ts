/** Web submissions per second and p50/p99 latency at 50 concurrent keep-alive connections on loopback, beside a bare fastify + better-sqlite3 insert route. */
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { getCampaign, loadCampaign } from '../db/campaigns.repo';
import { issueForms, listForms } from '../db/forms.repo';
import { closeDb, openDb } from '../db/open';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { CampaignSchema } from '../surveys/campaign';

const UNITS = 20;
const QUESTIONS = 8;
const CONCURRENCY = 50;
const FORMS = 2000; // submissions per run; each form can be submitted once
const TIME_LIMIT_MS = 30_000;

/** A synthetic campaign: one province-wide group whose form rates 20 departments on 8 questions. */
function syntheticCampaign() {
  const units = Array.from({ length: UNITS }, (_, i) => ({ code: `S${String(i + 1).padStart(2, '0')}`, name: `Sở thử nghiệm số ${i + 1}`, level: 'so' }));
  return CampaignSchema.parse({
    code: 'BENCH',
    name: 'Điều tra đo hiệu năng',
    year: 2026,
    province: 'Tỉnh Thử',
    spareShare: 0,
    optionSets: [{ code: 'MD4', options: [
      { code: '1', label: 'Rất tốt', fraction: 1 }, { code: '2', label: 'Tốt', fraction: 0.6 }, { code: '3', label: 'Trung bình', fraction: 0.2 },
      { code: '4', label: 'Kém', fraction: 0 }, { code: '9', label: 'Không biết', fraction: null }] }],
    units,
    criteria: [{ code: 'C1', level: 'so', name: 'Tiêu chí 1', maxPoints: 10 }, { code: 'C2', level: 'so', name: 'Tiêu chí 2', maxPoints: 10 }],
    forms: [{ code: 'F1', title: 'Phiếu đo hiệu năng', intro: 'Thử.', targetLevel: 'so', optionSet: 'MD4',
      questions: Array.from({ length: QUESTIONS }, (_, i) => ({ code: String(i + 1), text: `Câu hỏi ${i + 1}`, criterion: i % 2 ? 'C2' : 'C1' })) }],
    groups: [{ code: 'G', name: 'Đại biểu', form: 'F1', home: 'province', scope: 'all', quota: FORMS }],
  });
}

const answers = (unitCodes: string[]) =>
  unitCodes.flatMap((u, i) => Array.from({ length: QUESTIONS }, (_, q) => `a.${u}.${q + 1}=${'12349'[(i + q) % 5]}`)).join('&');

type Result = { n: number; seconds: number; perSecond: number; p50: number; p99: number; statuses: Map<number, number> };

/** Fires `paths.length` POSTs, `CONCURRENCY` at a time, over keep-alive connections; stops early at the time limit. */
async function load(port: number, paths: string[], body: string, headers: Record<string, string>): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const payload = Buffer.from(body);
  let next = 0;
  const start = performance.now();
  const one = (path: string) =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now();
      const req = request(
        { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', 'content-length': payload.length } },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            statuses.set(res.statusCode!, (statuses.get(res.statusCode!) ?? 0) + 1);
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const worker = async () => {
    while (next < paths.length && performance.now() - start < TIME_LIMIT_MS) await one(paths[next++]);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { n: latencies.length, seconds, perSecond: latencies.length / seconds, p50: pct(50), p99: pct(99), statuses };
}

async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return (app.server.address() as { port: number }).port;
}

/** The floor: parse the same form body and insert one submission with its 160 cells, nothing else. */
async function bare(dir: string, body: string) {
  const sqlite = new Database(join(dir, 'bare.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('create table submissions (id integer primary key, form_id integer not null, kind text not null); create table cells (submission_id integer not null, unit text not null, question text not null, answer text not null, primary key (submission_id, unit, question))');
  const insertSubmission = sqlite.prepare('insert into submissions (form_id, kind) values (?, ?)');
  const insertCell = sqlite.prepare('insert into cells values (?, ?, ?, ?)');
  const store = sqlite.transaction((formId: number, fields: Record<string, string>) => {
    const sid = Number(insertSubmission.run(formId, 'web_submit').lastInsertRowid);
    for (const [k, v] of Object.entries(fields)) {
      if (!k.startsWith('a.')) continue;
      const [, unit, question] = k.split('.');
      insertCell.run(sid, unit, question, v);
    }
  });
  const app = Fastify();
  await app.register(formbody);
  app.post<{ Params: { id: string } }>('/bare/:id', async (req) => {
    store(Number(req.params.id), req.body as Record<string, string>);
    return 'ok';
  });
  const port = await listen(app);
  const r = await load(port, Array.from({ length: FORMS }, (_, i) => `/bare/${i + 1}`), body, {});
  await app.close();
  sqlite.close();
  return r;
}

async function web(dir: string, body: string, name: string) {
  const db = openDb(join(dir, name));
  loadCampaign(db, syntheticCampaign(), 'bench');
  const c = getCampaign(db, 'BENCH')!;
  issueForms(db, c, 'web', 'bench');
  const codes = listForms(db, c.id).map((f) => f.accessCode);
  const app = await buildApp({ config: loadConfig({ DATABASE_PATH: join(dir, name), COOKIE_SECURE: 'false' }), db });
  const port = await listen(app);
  // One session serves every post: the CSRF secret lives in the session cookie, not in the form.
  const page = await fetch(`http://127.0.0.1:${port}/r/${codes[0]}`);
  const cookie = page.headers.getSetCookie().map((x) => x.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const r = await load(port, codes.map((code) => `/r/${code}`), `${body}&_csrf=${encodeURIComponent(csrf)}&action=submit`, { cookie });
  const counted = db.$client.prepare("select count(*) n from form_instances where status = 'counted' and counted_from = 'web'").get() as { n: number };
  await app.close();
  closeDb(db);
  return { ...r, counted: counted.n };
}

const fmt = (r: Result) =>
  `${r.n} in ${r.seconds.toFixed(2)} s: ${r.perSecond.toFixed(0)}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, statuses ${JSON.stringify(Object.fromEntries(r.statuses))}`;

export async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
  try {
    const body = answers(Array.from({ length: UNITS }, (_, i) => `S${String(i + 1).padStart(2, '0')}`));
    console.log(`form: ${UNITS} units × ${QUESTIONS} questions = ${UNITS * QUESTIONS} cells, body ${body.length} bytes; ${CONCURRENCY} concurrent keep-alive connections on 127.0.0.1, client in the same process`);
    const b = await bare(dir, body);
    console.log(`bare fastify + better-sqlite3 insert: ${fmt(b)}`);
    const w = await web(dir, body, 'web.db');
    console.log(`web submit POST /r/<code> (CSRF, validate, BEGIN IMMEDIATE, settle, audit, thank-you page): ${fmt(w)}; counted ${w.counted}`);
    console.log(`ratio web / bare: ${(w.perSecond / b.perSecond).toFixed(2)} (target ≥ 0.5)`);
    // @fastify/view caches compiled templates only under NODE_ENV=production; measure that set-up too.
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const p = await web(dir, body, 'web-production.db');
      console.log(`same, NODE_ENV=production (templates cached): ${fmt(p)}; counted ${p.counted}`);
      console.log(`ratio web (NODE_ENV=production) / bare: ${(p.perSecond / b.perSecond).toFixed(2)} (target ≥ 0.5)`);
    } finally {
      if (before === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = before;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
