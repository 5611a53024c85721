/** A production install (no dev dependencies) has no playwright-core: the server must still start and serve; only PDF output needs it. */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getCampaign, loadCampaign } from '../../db/campaigns.repo';
import { issueForms } from '../../db/forms.repo';
import { checkCampaignText } from '../../surveys/campaign';
import { buildTestApp, csrfOf, loginAs } from '../helpers/app';
import { fixture } from '../helpers/cli';

// As `npm install --omit=dev` leaves it: importing the package fails.
vi.mock('playwright-core', () => {
  throw new Error("Cannot find package 'playwright-core'");
});

let app: Awaited<ReturnType<typeof buildTestApp>>;

beforeEach(async () => {
  app = await buildTestApp();
  const check = checkCampaignText(readFileSync(fixture('mini-campaign.json'), 'utf8'));
  if (!check.ok) throw new Error('fixture');
  loadCampaign(app.db, check.campaign, 'test');
  issueForms(app.db, getCampaign(app.db, 'MINI-2026')!, 'paper', 'test');
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
    const pdf = await app.inject({ method: 'POST', url: '/admin/print/pdf', headers: { cookie: admin }, payload: { _csrf: csrfOf(confirm.body), campaign: 'MINI-2026' } });
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
