/** A production install (no dev dependencies) has no playwright-core: the server must still start and serve; only PDF output needs it. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTestApp, loginAs, postForm } from '../helpers/app';
import { seedCampaign } from '../helpers/seed';

// As `npm install --omit=dev` leaves it: importing the package fails.
vi.mock('playwright-core', () => {
  throw new Error("Cannot find package 'playwright-core'");
});

let app: Awaited<ReturnType<typeof buildTestApp>>;

beforeEach(async () => {
  app = await buildTestApp();
  seedCampaign(app.db);
});
afterEach(() => app.close());

describe('without playwright-core', () => {
  it('starts, serves pages and HTML print runs; a PDF request fails alone, on its progress page', async () => {
    expect((await app.inject({ url: '/' })).statusCode).toBe(200);
    const admin = await loginAs(app, 'an', 'admin');
    const html = await app.inject({ url: '/admin/print?campaign=MINI-2026', headers: { cookie: admin } });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    // The PDF is made in the background: its progress page ends on a failure that names no package.
    const confirm = await app.inject({ url: '/admin/print?campaign=MINI-2026&format=pdf', headers: { cookie: admin } });
    const pdf = await postForm(app, { from: confirm, to: '/admin/print/pdf', cookie: admin, fields: { campaign: 'MINI-2026' } });
    expect(pdf.statusCode).toBe(303);
    let page = await app.inject({ url: pdf.headers.location!, headers: { cookie: admin } });
    while (page.headers.refresh) {
      await new Promise((r) => setTimeout(r, 100));
      page = await app.inject({ url: pdf.headers.location!, headers: { cookie: admin } });
    }
    expect(page.body).toContain('Không tạo được tệp PDF');
    expect(page.body).not.toContain('playwright');
    expect((await app.inject({ url: '/admin/print/pdf/file?campaign=MINI-2026', headers: { cookie: admin } })).statusCode).toBe(303);
  });
});
