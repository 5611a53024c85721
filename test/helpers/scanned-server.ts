/** The real server over a database holding one form read by the machine from constructed pages, a user to sign in as, and a browser: the setting of the scan screens' Chromium tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import type { StoredCampaign } from '../../db/campaigns.repo';
import { closeDb, openDb, type Db } from '../../db/open';
import { addUser } from '../../db/users.repo';
import type { Role } from '../../surveys/roles';
import type { CellReading } from '../../surveys/omr/reading';
import { launchBrowser } from './browser';
import { tempDir } from './cli';
import { importReadings, readCell, readPageOf } from './scans';
import { seedCampaign, serialsOf } from './seed';
import { type RunningServer, startServer } from './server';

/**
 * The mini campaign in `scanCompletion` mode with its first G1 form read from two pages: SA/1 read `sa1` (answer, why
 * unsure), SB/1 2, SA/2 3, SB/2 blank, SA/3 two marks (unsure, 'several'), SB/3 9. `before` runs on the database before
 * the server starts (a keyed pass 2, say); `user` is added with its role and password.
 */
export async function startWithScannedForm(opts: {
  scanCompletion: 'verify' | 'doubleEntry';
  sa1: [answer: string, why?: CellReading['why']];
  user: { name: string; role: Role; password: string };
  before?: (db: Db, c: StoredCampaign, serial: string) => void;
}): Promise<{ server: RunningServer; browser: Browser; serial: string }> {
  const dbPath = join(tempDir(), 'cchc.db');
  const scans = mkdtempSync(join(tmpdir(), 'scans-'));
  const db = openDb(dbPath);
  const { c, forms } = seedCampaign(db, { patch: (raw) => (raw.scanCompletion = opts.scanCompletion) });
  const serial = serialsOf(forms, 'G1', null)[0];
  await importReadings(
    db,
    c,
    [
      readPageOf(serial, 1, 2, [
        readCell('SA', '1', opts.sa1[0], 40, opts.sa1[1]),
        readCell('SB', '1', '2', 50),
        readCell('SA', '2', '3', 60),
        readCell('SB', '2', '', 70),
      ]),
      readPageOf(serial, 2, 2, [readCell('SA', '3', '*', 40, 'several'), readCell('SB', '3', '9', 50)]),
    ],
    scans,
  );
  opts.before?.(db, c, serial);
  expect((await addUser(db, opts.user.name, opts.user.role, opts.user.password, 'test')).ok).toBe(true);
  closeDb(db);
  const server = await startServer({ DATABASE_PATH: dbPath, SCANS_PATH: scans });
  return { server, browser: await launchBrowser(), serial };
}
