/** Web submissions measured from outside the server, as a peer would: the server in a child process, autocannon loading it from this one. */
// The server is server/main.ts as `npm start` runs it, or the bare fastify + insert floor. Closed loop (50 connections,
// each sends its next submission when the last is answered) gives throughput and the ratio to the floor; open loop (a
// fixed offered rate, latencies corrected for coordinated omission) gives p50/p99 at 100 and 300 submissions per second.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { getCampaign, loadCampaign } from '../db/campaigns.repo';
import { issueForms, listForms } from '../db/forms.repo';
import { closeDb, openDb } from '../db/open';
import { CampaignSchema } from '../surveys/campaign';
import { freePort } from '../test/helpers/server';
import { MD4 } from '../test/helpers/campaigns';

const UNITS = 20;
const QUESTIONS = 8;
const CONNECTIONS = 50;
const WARM_UP = 300; // submissions before any measurement: JIT, template compilation, SQLite page cache
const CLOSED_LOOP = 3000; // submissions in the closed-loop run
const RATES = [100, 300]; // offered submissions per second in the open-loop runs
const OPEN_SECONDS = 10;
// Each form can be submitted once; every run gets fresh codes, with a margin for requests in flight at a run's end.
const FORMS = WARM_UP + CLOSED_LOOP + RATES.reduce((n, r) => n + r * OPEN_SECONDS, 0) + 10 * CONNECTIONS;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A synthetic campaign: one province-wide group whose form rates 20 departments on 8 questions. */
function syntheticCampaign() {
  const units = Array.from({ length: UNITS }, (_, i) => ({ code: `S${String(i + 1).padStart(2, '0')}`, name: `Sở thử nghiệm số ${i + 1}`, level: 'so' }));
  return CampaignSchema.parse({
    code: 'BENCH',
    name: 'Điều tra đo hiệu năng',
    year: 2026,
    province: 'Tỉnh Thử',
    spareShare: 0,
    optionSets: [MD4],
    units,
    criteria: [
      { code: 'C1', level: 'so', name: 'Tiêu chí 1', maxPoints: 10 },
      { code: 'C2', level: 'so', name: 'Tiêu chí 2', maxPoints: 10 },
    ],
    forms: [
      {
        code: 'F1',
        title: 'Phiếu đo hiệu năng',
        intro: 'Thử.',
        targetLevel: 'so',
        optionSet: 'MD4',
        questions: Array.from({ length: QUESTIONS }, (_, i) => ({ code: String(i + 1), text: `Câu hỏi ${i + 1}`, criterion: i % 2 ? 'C2' : 'C1' })),
      },
    ],
    groups: [{ code: 'G', name: 'Đại biểu', form: 'F1', home: 'province', scope: 'all', quota: FORMS }],
  });
}

const answers = (unitCodes: string[]) =>
  unitCodes.flatMap((u, i) => Array.from({ length: QUESTIONS }, (_, q) => `a.${u}.${q + 1}=${'12349'[(i + q) % 5]}`)).join('&');

type Server = { url: string; stop(): Promise<void> };

/** Starts a TypeScript entry point in its own Node process and waits until it answers GET /. */
async function startProcess(args: string[], env: Record<string, string>, port: number): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ; ) {
    if (child.exitCode !== null) throw new Error(`${args[0]} exited early:\n${stderr}`);
    if (
      await fetch(url + '/').then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`${args[0]} did not start in 60 s:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, stop };
}

type Load = { paths: () => string; body: string; headers: Record<string, string> };
type Figures = { n: number; seconds: number; perSecond: number; p50: number; p99: number; statuses: Record<string, number>; load: string };

/** One autocannon run: closed loop when `rate` is unset (`amount` submissions), else `rate` per second for `seconds`. */
async function run(url: string, load: Load, opts: { amount?: number; rate?: number; seconds?: number }): Promise<Figures> {
  const before = loadavg()[0];
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    ...(opts.rate ? { overallRate: opts.rate, duration: opts.seconds } : { amount: opts.amount }),
    requests: [
      {
        method: 'POST',
        headers: { ...load.headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: load.body,
        // A fresh form for every request: a code can be submitted only once.
        setupRequest: (req) => ({ ...req, path: load.paths() }),
      },
    ],
  });
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, Number(s.count ?? 0)]));
  if (r.errors || r.timeouts) statuses.errors = r.errors + r.timeouts;
  const n = r.requests.total;
  return {
    n,
    seconds: r.duration,
    perSecond: n / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    statuses,
    load: `load average ${before.toFixed(2)} → ${loadavg()[0].toFixed(2)}`,
  };
}

const fmt = (f: Figures) =>
  `${f.n} in ${f.seconds.toFixed(2)} s: ${f.perSecond.toFixed(0)}/s, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, statuses ${JSON.stringify(f.statuses)} (${f.load})`;

/** The floor: closed loop against the bare route in its own process. */
async function bare(dir: string, body: string): Promise<Figures> {
  const port = await freePort();
  const server = await startProcess(['bench/web-bare-server.ts', join(dir, 'bare.db'), String(port)], {}, port);
  try {
    let id = 0;
    const load: Load = { paths: () => `/bare/${++id}`, body, headers: {} };
    await run(server.url, load, { amount: WARM_UP });
    return await run(server.url, load, { amount: CLOSED_LOOP });
  } finally {
    await server.stop();
  }
}

/** The real server (server/main.ts, as `npm start` runs it) on a database with FORMS web forms issued. */
async function web(dir: string, body: string, name: string, env: Record<string, string>, bareRate: number): Promise<void> {
  const dbPath = join(dir, `${name}.db`);
  const db = openDb(dbPath);
  loadCampaign(db, syntheticCampaign(), 'bench');
  const c = getCampaign(db, 'BENCH')!;
  issueForms(db, c, 'web', 'bench');
  const codes = listForms(db, c.id).map((f) => f.accessCode);
  closeDb(db);

  const port = await freePort();
  let oks = 0;
  const server = await startProcess(
    ['server/main.ts'],
    { ...env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: dbPath, COOKIE_SECURE: 'false', ADMIN_PASSWORD: 'bench-password', LOG_LEVEL: 'warn' },
    port,
  );
  try {
    // One session serves every post: the CSRF secret lives in the session cookie, not in the form.
    const page = await fetch(`${server.url}/r/${codes[0]}`);
    const cookie = page.headers
      .getSetCookie()
      .map((x) => x.split(';')[0])
      .join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
    let next = 0;
    const load: Load = {
      paths: () => `/r/${codes[next++ % codes.length]}`,
      body: `${body}&_csrf=${encodeURIComponent(csrf)}&action=submit`,
      headers: { cookie },
    };
    oks += (await run(server.url, load, { amount: WARM_UP })).statuses['200'] ?? 0;
    const closed = await run(server.url, load, { amount: CLOSED_LOOP });
    oks += closed.statuses['200'] ?? 0;
    console.log(`  closed loop, ${CONNECTIONS} connections: ${fmt(closed)}`);
    console.log(`  ratio to bare: ${(closed.perSecond / bareRate).toFixed(2)} (target ≥ 0.5)`);
    for (const rate of RATES) {
      const open = await run(server.url, load, { rate, seconds: OPEN_SECONDS });
      oks += open.statuses['200'] ?? 0;
      console.log(`  open loop, ${rate} submissions/s offered for ${OPEN_SECONDS} s: ${fmt(open)}`);
    }
  } finally {
    await server.stop();
  }
  const check = openDb(dbPath);
  const counted = check.$client.prepare("select count(*) n from form_instances where status = 'counted' and counted_from = 'web'").get() as { n: number };
  closeDb(check);
  // A timed run stops counting at its deadline; what its connections had sent by then is still answered and counted.
  console.log(
    `  forms counted from the web: ${counted.n}; 200 answers seen: ${oks} (the difference, at most ${CONNECTIONS} per open-loop run, was in flight when a run's time was up)`,
  );
}

export async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
  try {
    const body = answers(Array.from({ length: UNITS }, (_, i) => `S${String(i + 1).padStart(2, '0')}`));
    console.log(
      `form: ${UNITS} units × ${QUESTIONS} questions = ${UNITS * QUESTIONS} cells, body ${body.length} bytes; server in a child process, autocannon in this one, on 127.0.0.1; ${WARM_UP} submissions of warm-up before each server's figures`,
    );
    const b = await bare(dir, body);
    console.log(`bare fastify + better-sqlite3 insert, closed loop, ${CONNECTIONS} connections: ${fmt(b)}`);
    console.log('web submit POST /r/<code> (CSRF, validate, BEGIN IMMEDIATE, settle, audit, thank-you page), server/main.ts:');
    await web(dir, body, 'web', {}, b.perSecond);
    // @fastify/view caches compiled templates only under NODE_ENV=production; measure that set-up too.
    console.log('same, NODE_ENV=production (templates cached):');
    await web(dir, body, 'web-production', { NODE_ENV: 'production' }, b.perSecond);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
