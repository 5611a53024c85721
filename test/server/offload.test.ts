/** Slow work runs off the request thread: while a large campaign is scored, the start page still answers (issue 11, item 1); scanned pages are read there too (issue 15). */
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, expect, it } from 'vitest';
import { closeDb, openDb, type Db } from '../../db/open';
import { scaleCampaign } from '../../bench/scale.bench';
import { decodeScanFile } from '../../server/scan/decode';
import { inThreadReader } from '../../server/scan/import-scans';
import { offloadedReader } from '../../server/work/offloaded-reader';
import { runTask } from '../../server/work/tasks';
import type { GreyImage } from '../../surveys/omr/reading';
import { answerEveryForm } from '../helpers/answer-all';
import { buildTestApp, loginAs } from '../helpers/app';
import { tempDir } from '../helpers/cli';
import { seedCampaign } from '../helpers/seed';
import { CLEAN, syntheticPageMap, syntheticScan } from '../helpers/synthetic-scan';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** An app on a database file, so that its tasks go to the worker thread (an in-memory database keeps them here). */
async function fileDbApp(seed: (db: Db) => void = () => {}) {
  const dbPath = join(tempDir(), 'cchc.db');
  const db: Db = openDb(dbPath);
  seed(db);
  const app = await buildTestApp(db, { DATABASE_PATH: dbPath });
  cleanup = async () => {
    await app.close();
    closeDb(db);
  };
  return app;
}

async function largeCampaignApp(units: number) {
  let code = '';
  const app = await fileDbApp((db) => {
    code = seedCampaign(db, { json: scaleCampaign(units) }).c.code;
    answerEveryForm(db, code);
  });
  return { app, code };
}

it('answers GET / while the summary of a 5,000-unit campaign is computed, and the summary is whole', async () => {
  const { app, code } = await largeCampaignApp(5_000);
  const cookie = await loginAs(app, 'admin', 'admin');
  const order: string[] = [];
  // The scoring request goes first; on the request thread it would hold the event loop until it was done.
  const summary = app.inject({ method: 'GET', url: `/api/v1/campaigns/${code}/summary?format=csv`, headers: { cookie } }).then((r) => {
    order.push('summary');
    return r;
  });
  const home = app.inject({ method: 'GET', url: '/' }).then((r) => {
    order.push('home');
    return r;
  });
  const [s, h] = await Promise.all([summary, home]);
  expect(h.statusCode).toBe(200);
  expect(s.statusCode).toBe(200);
  expect(order).toEqual(['home', 'summary']);
  // Header + one row per unit: nothing was lost on the way back from the worker.
  expect(s.body.trim().split('\r\n')).toHaveLength(5_001);
});

it('serves the scores page, a cell explanation and the scores from the worker, with the numbers of the request thread', async () => {
  const { app, code } = await largeCampaignApp(50);
  const cookie = await loginAs(app, 'admin', 'admin');
  const page = await app.inject({ method: 'GET', url: `/admin/campaigns/${code}/scores`, headers: { cookie } });
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('UBND xã số 50');
  const cell = await app.inject({ method: 'GET', url: `/admin/campaigns/${code}/scores/X7/C3`, headers: { cookie } });
  expect(cell.statusCode).toBe(200);
  expect(cell.body).toContain('UBND xã số 7');
  const missing = await app.inject({ method: 'GET', url: `/admin/campaigns/${code}/scores/X7/C9`, headers: { cookie } });
  expect(missing.statusCode).toBe(404);
  // The worker's numbers are the request thread's: the same task run in this process on the same database.
  const api = await app.inject({ method: 'GET', url: `/api/v1/campaigns/${code}/scores`, headers: { cookie } });
  expect(api.json()).toEqual(await runTask(app.db, { kind: 'export', code, what: 'scores', format: 'json' }));
});

it('runs the analysis and the answers export on the read-only worker of a database that never made its answers-id salt', async () => {
  // The salt of response ids is made on first use; a worker's read-only connection cannot make it (SQLITE_READONLY).
  const dbPath = join(tempDir(), 'cchc.db');
  const db: Db = openDb(dbPath);
  const { c } = seedCampaign(db, { json: scaleCampaign(3) });
  answerEveryForm(db, c.code);
  const app = await buildTestApp(db, { DATABASE_PATH: dbPath });
  cleanup = async () => {
    await app.close();
    closeDb(db);
  };
  const cookie = await loginAs(app, 'admin', 'admin');
  const analysis = await app.inject({ url: `/api/v1/campaigns/${c.code}/analysis?replicates=100`, headers: { cookie } });
  expect(analysis.statusCode, analysis.body).toBe(200);
  const answers = await app.inject({ url: `/api/v1/campaigns/${c.code}/answers?format=csv`, headers: { cookie } });
  expect(answers.statusCode, answers.body).toBe(200);
}, 120_000);

it('reads a scanned page on the worker thread as on the request thread: the same page identity and the same cells', async () => {
  const app = await fileDbApp();
  const map = syntheticPageMap({ serial: '000124', page: 1, pages: 1, layout: 'stacked' });
  const { image } = await syntheticScan({ map, distortion: CLEAN, seed: 7 });
  const reader = offloadedReader(app.offload);
  const found = await reader.identify(image);
  expect(found).toMatchObject({ ok: true, serial: '000124', page: 1, pages: 1 });
  const reading = await reader.read(image, found, map);
  expect(reading).toEqual(await inThreadReader.read(image, found, map));
  expect(reading.ok && reading.cells.length).toBeGreaterThan(10);
});

it('draws the pages of a scanned PDF on the worker thread, each the same pixels as on the request thread', async () => {
  const app = await fileDbApp();
  const pdf = await PDFDocument.create();
  for (const serial of ['000124', '000132']) {
    const { image } = await syntheticScan({ map: syntheticPageMap({ serial, layout: 'columns' }), distortion: { ...CLEAN, dpi: 100 }, seed: 3 });
    const png = await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 1 } })
      .png()
      .toBuffer();
    pdf.addPage([595.28, 841.89]).drawImage(await pdf.embedPng(png), { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  const bytes = await pdf.save();
  const onWorker: GreyImage[] = [];
  for await (const page of offloadedReader(app.offload).pdfPages!(bytes)) onWorker.push(page);
  const inThread: GreyImage[] = [];
  for await (const page of decodeScanFile(bytes)) inThread.push(page);
  expect(onWorker.map((p) => [p.width, p.height])).toEqual([
    [1654, 2339],
    [1654, 2339],
  ]);
  expect(onWorker.map((p, i) => Buffer.from(p.data).equals(Buffer.from(inThread[i].data)))).toEqual([true, true]);
});
