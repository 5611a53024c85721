/** First start: the real server process migrates a new database, loads the sample campaign, creates the admin, and shows the campaign. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/open';
import { authenticate } from '../../db/users.repo';
import { ensureAdmin, ensureSampleCampaign } from '../../server/bootstrap';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../helpers/server';

describe('first start', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it('serves the home page with the sample campaign', async () => {
    const res = await fetch(server.url + '/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Điều tra xã hội học xác định Chỉ số cải cách hành chính năm 2020 — Lai Châu, năm 2020');
  });

  it('answers unknown pages with a Vietnamese 404', async () => {
    const res = await fetch(server.url + '/khong-co');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Không tìm thấy trang được yêu cầu.');
  });

  it('created the admin with ADMIN_PASSWORD', async () => {
    const db = openDb(server.dbPath);
    expect(await authenticate(db, 'admin', server.adminPassword)).toMatchObject({ name: 'admin', role: 'admin' });
    db.$client.close();
  });
});

describe('bootstrap on an empty database', () => {
  it('loads the sample once and generates an admin password once', async () => {
    const db = openDb(':memory:');
    expect(ensureSampleCampaign(db)).toBe('LCU-2020');
    expect(ensureSampleCampaign(db)).toBeNull();
    const password = await ensureAdmin(db);
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await authenticate(db, 'admin', password!)).toBeTruthy();
    expect(await ensureAdmin(db)).toBeNull();
  });

  it('checks ADMIN_PASSWORD by the password rule only when it creates the admin: a short one on a database with users is not used', async () => {
    const db = openDb(':memory:');
    await expect(ensureAdmin(db, 'ngan')).rejects.toThrow(/^ADMIN_PASSWORD: .*10/);
    expect(await ensureAdmin(db, 'mat-khau-du-dai')).toBeNull();
    expect(await ensureAdmin(db, 'ngan')).toBeNull();
  });

  it('starts with a short ADMIN_PASSWORD when users exist (it is only read on the first start)', () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: 'x' })).not.toThrow();
  });
});
