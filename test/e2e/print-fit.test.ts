/** Printed sheets laid out by Chromium: no question row, unit name or footer is cut off, for the sample run and for extreme texts. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printableForms } from '../../db/forms.repo';
import { openDb } from '../../db/open';
import { renderPrintRun } from '../../server/render/render';
import { launchBrowser } from '../helpers/browser';
import { fixture } from '../helpers/cli';
import { seedCampaign } from '../helpers/seed';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The whole print run of a campaign file (changed by `patch`), as `print` writes it. */
async function printRun(file: string, patch?: (raw: Record<string, any>) => void): Promise<string> {
  const db = openDb(':memory:');
  const { c } = seedCampaign(db, { file, patch });
  return renderPrintRun(c.def, printableForms(db, c.id, {}));
}

/**
 * Every sheet whose content does not fit, as "serial/page: what". A sheet is a fixed A4 box that hides what overflows
 * (so that a long page can never push the footer onto a second sheet): content that does not fit would be lost on paper.
 */
async function cutOff(html: string): Promise<{ sheets: number; stacked: number; sideBySide: number; banded: number; unitNames: number; problems: string[] }> {
  const page = await browser.newPage();
  try {
    await page.emulateMedia({ media: 'print' });
    await page.setContent(html, { waitUntil: 'load', timeout: 300_000 });
    return await page.evaluate(() => {
      const problems: string[] = [];
      const sheets = [...document.querySelectorAll<HTMLElement>('section.sheet')];
      // Sheets with a units-across matrix, and the unit names in their heads that were checked for being cut.
      let stacked = 0;
      let unitNames = 0;
      let sideBySide = 0;
      let banded = 0;
      const mm = 96 / 25.4;
      for (const s of sheets) {
        const where = `${s.dataset.serial}/${s.dataset.page}`;
        const body = s.querySelector<HTMLElement>('.body')!;
        if (body.scrollHeight > body.clientHeight + 1) problems.push(`${where}: rows need ${body.scrollHeight}px, the page has ${body.clientHeight}px`);
        if (body.scrollWidth > body.clientWidth + 1) problems.push(`${where}: the matrix is ${body.scrollWidth}px wide, the page ${body.clientWidth}px`);
        if (s.querySelector('table.matrix.stacked')) {
          stacked += 1;
          if (s.querySelector('table.matrix.c2, table.matrix.c3, table.matrix.c4, table.matrix.c5, table.matrix.c6')) sideBySide += 1;
          if (s.querySelector('table.matrix.band')) banded += 1;
          if (!s.querySelector('th.unit span')) problems.push(`${where}: a units-across matrix without unit names`);
        }
        for (const name of s.querySelectorAll<HTMLElement>('th.unit span')) {
          unitNames += 1;
          if (name.scrollHeight > name.clientHeight + 1 || name.scrollWidth > name.parentElement!.clientWidth + 1)
            problems.push(`${where}: unit name "${name.textContent}" is cut`);
        }
        // Tick boxes side by side must each stay inside their share of the cell, and as many to a line as the layout put (table.cN).
        const table = s.querySelector<HTMLElement>('table.matrix.stacked');
        const perLine = Number(/\bc(\d)\b/.exec(table?.className ?? '')?.[1] ?? 1);
        const band = table?.classList.contains('band') ?? false;
        for (const cell of s.querySelectorAll<HTMLElement>('td.boxes')) {
          const items = [...cell.querySelectorAll<HTMLElement>('i')];
          if (cell.scrollWidth > cell.clientWidth + 1 || items.some((i) => i.scrollWidth > i.clientWidth + 1))
            problems.push(`${where}: tick boxes overflow their cell`);
          const tops = items.map((i) => i.getBoundingClientRect().top);
          if (new Set(tops.map((t) => Math.round(t))).size > Math.ceil(items.length / perLine))
            problems.push(`${where}: tick boxes wrap onto more lines than laid out`);
          if (band) {
            // Banded cells: every box at least 3.5 mm square (less a hair of rounding), inside its cell, its code inside it and not overlapping the next box.
            const c = cell.getBoundingClientRect();
            const boxes = items.map((i) => i.getBoundingClientRect());
            if (boxes.some((b) => b.width < 3.45 * mm || b.height < 3.45 * mm)) problems.push(`${where}: a tick box is smaller than 3.5 mm`);
            if (boxes.some((b) => b.left < c.left - 0.5 || b.right > c.right + 0.5 || b.top < c.top - 0.5 || b.bottom > c.bottom + 0.5))
              problems.push(`${where}: a tick box sticks out of its cell`);
            if (
              boxes.some((b, k) =>
                boxes.some((o, m) => m !== k && b.left < o.right - 0.5 && o.left < b.right - 0.5 && b.top < o.bottom - 0.5 && o.top < b.bottom - 0.5),
              )
            )
              problems.push(`${where}: tick boxes overlap`);
            if (items.some((i) => i.textContent === '' || i.scrollHeight > i.clientHeight + 1))
              problems.push(`${where}: an option code is missing from or cut in its box`);
          }
        }
        // The serial, its QR code and the page number: in the footer, or beside the compact heading of a banded form's first page.
        const ids = s.querySelector<HTMLElement>('.foot') ?? s.querySelector<HTMLElement>('.idblock');
        if (!ids?.querySelector('.qr svg') || !/Trang \d+\/\d+/.test(ids.textContent ?? '') || !ids.textContent!.includes(s.dataset.serial!))
          problems.push(`${where}: no serial, QR code or page number`);
        // The sheet is the whole paper; its content ends 10 mm above the paper's edge (the margin holds the registration marks).
        else if (ids.getBoundingClientRect().bottom > s.getBoundingClientRect().bottom - 10 * mm + 1)
          problems.push(`${where}: the footer with the serial and QR code is pushed off the page`);
        // The matrix's rules and the form code's box keep at least 1 mm from the registration marks in the margin (a line
        // touching a mark would make it one blot with the mark for the scan reader).
        for (const m of s.querySelectorAll('.reg')) {
          const r = m.getBoundingClientRect();
          for (const e of s.querySelectorAll('table.matrix, .formcode')) {
            const b = e.getBoundingClientRect();
            const gap = Math.max(b.left - r.right, r.left - b.right, b.top - r.bottom, r.top - b.bottom);
            if (gap < mm) problems.push(`${where}: ${e.className} is ${(gap / mm).toFixed(1)} mm from a registration mark`);
          }
        }
        const head = s.querySelector<HTMLElement>('header')!;
        if (head.scrollHeight > head.clientHeight + 1) problems.push(`${where}: the heading is cut`);
      }
      return { sheets: sheets.length, stacked, sideBySide, banded, unitNames, problems };
    });
  } finally {
    await page.close();
  }
}

/** The run has stacked (units-across) sheets, and every one of them had at least one unit name measured. */
function expectUnitNamesChecked(out: { stacked: number; unitNames: number }) {
  expect(out.stacked).toBeGreaterThan(0);
  expect(out.unitNames).toBeGreaterThan(0);
  expect(out.unitNames).toBeGreaterThanOrEqual(out.stacked);
}

describe('printed sheets', () => {
  it('fit every form of the Lai Châu sample run, 20 departments banded on one landscape page', async () => {
    const out = await cutOff(await printRun('surveys/samples/lai-chau-2020.json'));
    // 1,442 forms on one sheet each; 2,038 sheets before the boxes went side by side, 1,710 before the forms that rate
    // 20 departments were banded (CT-01 and CT-03, 268 forms, had two pages).
    expect(out.sheets).toBe(1442);
    expect(out.sideBySide).toBeGreaterThan(0);
    expect(out.banded).toBe(268);
    expectUnitNamesChecked(out);
    expect(out.problems).toEqual([]);
  }, 300_000);

  it('fit every form of the two-tier sample run', async () => {
    const out = await cutOff(await printRun('surveys/samples/two-tier-2026.json'));
    // 560 forms on one sheet each (749, then 644 sheets before).
    expect(out.sheets).toBe(560);
    expect(out.banded).toBeGreaterThan(0);
    expectUnitNamesChecked(out);
    expect(out.problems).toEqual([]);
  }, 300_000);

  it('keep the line breaks typed in an intro and a question, and still fit', async () => {
    // The long-texts campaign's first form, its intro and every question broken into short lines (Alt+Enter).
    // A space after every 30 to 40 characters becomes a break: the length (and its print limit) stays the same.
    const broken = (t: string) => t.replace(/(.{30,40}?) /g, '$1\n');
    const html = await printRun(fixture('long-texts-campaign.json'), (raw) => {
      raw.forms[0].intro = 'Kính gửi Ông/Bà,\nxin cho biết ý kiến về các đơn vị dưới đây.\nXin cảm ơn.';
      for (const q of raw.forms[0].questions) q.text = broken(q.text);
    });
    const out = await cutOff(html);
    expect(out.problems).toEqual([]);
    const page = await browser.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load', timeout: 300_000 });
      // innerText keeps a break only where CSS keeps it (white-space: pre-line); it was one line before.
      expect(
        await page
          .locator('p.intro')
          .first()
          .evaluate((e) => (e as HTMLElement).innerText),
      ).toBe('Kính gửi Ông/Bà,\nxin cho biết ý kiến về các đơn vị dưới đây.\nXin cảm ơn.');
      expect(
        await page
          .locator('td.q')
          .first()
          .evaluate((e) => (e as HTMLElement).innerText.split('\n').length),
      ).toBeGreaterThan(1);
    } finally {
      await page.close();
    }
  }, 300_000);

  it('fit texts at every print limit: 22 units with 120-character names, 600-character questions, a 1,500-character introduction, 40-character option labels', async () => {
    const out = await cutOff(await printRun(fixture('long-texts-campaign.json')));
    expect(out.sheets).toBeGreaterThan(100);
    expectUnitNamesChecked(out);
    expect(out.problems).toEqual([]);
  }, 300_000);
});
