/** Invitations laid out by Chromium: every part of each half sheet fits (names at the print limits, long links), and the PDF has one A4 page per two invitations. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/open';
import { renderInvitations } from '../../server/render/invitations';
import { htmlToPdf } from '../../server/render/pdf';
import { buildInvitations } from '../../surveys/invitations';
import { launchBrowser } from '../helpers/browser';
import { fixture } from '../helpers/cli';
import { seedCampaign } from '../helpers/seed';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The invitations of a campaign file issued on the mixed channel (the longest text: it adds the paper sentence). */
async function invitationsOf(file: string, baseUrl: string): Promise<{ html: string; count: number }> {
  const { c, forms } = seedCampaign(openDb(':memory:'), { file, channel: 'mixed' });
  const invitations = buildInvitations(c.def, forms, baseUrl);
  return { html: await renderInvitations(invitations, 'test'), count: invitations.length };
}

/** Invitations whose content is taller or wider than their half sheet, or whose parts spill out of it, as "serial: what". */
async function cutOff(html: string): Promise<{ invitations: number; problems: string[] }> {
  const page = await browser.newPage();
  try {
    await page.emulateMedia({ media: 'print' });
    await page.setContent(html, { waitUntil: 'load' });
    return await page.evaluate(() => {
      const problems: string[] = [];
      const boxes = [...document.querySelectorAll<HTMLElement>('.invite')];
      for (const inv of boxes) {
        const serial = inv.dataset.serial;
        if (inv.scrollHeight > inv.clientHeight + 1 || inv.scrollWidth > inv.clientWidth + 1) problems.push(`${serial}: content overflows`);
        const box = inv.getBoundingClientRect();
        for (const part of inv.querySelectorAll<HTMLElement>('.foot, .qr, .code, .link')) {
          const r = part.getBoundingClientRect();
          if (r.bottom > box.bottom + 0.5 || r.right > box.right + 0.5) problems.push(`${serial}: ${part.className} cut off`);
        }
      }
      for (const sheet of document.querySelectorAll<HTMLElement>('.sheet')) {
        if (sheet.scrollHeight > sheet.clientHeight + 1) problems.push('a sheet holds more than an A4 page');
      }
      return { invitations: boxes.length, problems };
    });
  } finally {
    await page.close();
  }
}

describe('invitations in Chromium', () => {
  it('the Lai Châu sample run: all 1,442 fit their half sheet', async () => {
    const { html, count } = await invitationsOf(fixture('../../surveys/samples/lai-chau-2020.json'), 'https://khaosat.snv.laichau.gov.vn');
    const r = await cutOff(html);
    expect(r.invitations).toBe(count);
    expect(count).toBe(1442);
    expect(r.problems).toEqual([]);
  }, 120_000);

  it('group and unit names at the print limits and a long address still fit', async () => {
    const { html, count } = await invitationsOf(fixture('long-texts-campaign.json'), 'https://khaosat-dieu-tra-xa-hoi-hoc.sonoivu.tinh-co-ten-dai.gov.vn/cchc');
    const r = await cutOff(html);
    expect(r.invitations).toBe(count);
    expect(r.problems).toEqual([]);
  }, 120_000);

  it('renders to a PDF of one A4 page per two invitations', async () => {
    const { html, count } = await invitationsOf(fixture('mini-campaign.json'), 'https://ks.example.gov.vn');
    const pdf = (await htmlToPdf(html, { chromium: process.env.CHROMIUM_PATH })).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(Math.ceil(count / 2));
    // A4 portrait in points.
    expect(pdf).toMatch(/\/MediaBox \[0 0 594\.9\d* 841\.9\d*\]/);
  }, 120_000);
});
