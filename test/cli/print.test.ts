/** `print` and `manifest --counts` through the CLI as a process: HTML and PDF (Chromium) runs of the sample campaign, and the layout map. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { getCampaign } from '../../db/campaigns.repo';
import { listForms } from '../../db/forms.repo';
import { openDb } from '../../db/open';
import { type LayoutMap, type Rect, registrationMarks } from '../../surveys/omr/layout-map';
import { formOf, groupByCode, optionsOf } from '../../surveys/scope';
import { fixture, runCli, tempDir } from '../helpers/cli';

const dir = tempDir();
const db = join(dir, 'cchc.db');

beforeAll(() => {
  expect(runCli(db, ['campaign', 'load', 'surveys/samples/lai-chau-2020.json']).status).toBe(0);
  expect(runCli(db, ['campaign', 'load', fixture('mini-campaign.json')]).status).toBe(0);
  expect(runCli(db, ['issue', 'MINI-2026']).status).toBe(0);
  expect(runCli(db, ['issue', 'LCU-2020']).status).toBe(0);
});

/** Pages of a PDF as Chromium writes it (no object streams): one `/Type /Page` object each. */
const pdfPages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
/** Sheets of a print run: each is laid out to fill exactly one A4 page (test/e2e/print-fit.test.ts checks that its content fits). */
const sheets = (html: string) => html.match(/class="sheet (?:portrait|landscape)"/g)?.length ?? 0;

describe('print', () => {
  it('writes one HTML file for a home unit of the sample, landscape where 20 units are rated', () => {
    const out = join(dir, 'tdu.html');
    const r = runCli(db, ['print', 'LCU-2020', '--home', 'TDU', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('class="sheet landscape"');
    expect(html).toContain('class="sheet portrait"');
    expect(html).toContain('UBND huyện Tam Đường');
    expect(r.stderr).toMatch(/printed \d+ forms/);
  });

  it('renders a PDF through Chromium, with progress on stderr', () => {
    const out = join(dir, 'mini.pdf');
    expect(runCli(db, ['print', 'MINI-2026', '--out', join(dir, 'mini.html')]).status).toBe(0);
    const r = runCli(db, ['print', 'MINI-2026', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(pdf)).toBe(sheets(readFileSync(join(dir, 'mini.html'), 'utf8')));
    // The last progress line is always printed: every form laid out.
    expect(r.stderr).toMatch(/^pdf: (\d+)\/\1 forms laid out \(100 %\)/m);
  });

  it("prints one group with --group: exactly that group's forms", () => {
    const manifest = Papa.parse<Record<string, string>>(runCli(db, ['manifest', 'MINI-2026']).stdout.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const g2 = manifest
      .filter((r) => r.group === 'G2')
      .map((r) => r.serial)
      .sort();
    expect(g2.length).toBeGreaterThan(0);
    expect(manifest.length).toBeGreaterThan(g2.length);
    const out = join(dir, 'g2.html');
    const r = runCli(db, ['print', 'MINI-2026', '--group', 'G2', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`printed ${g2.length} forms to ${out}`);
    const html = readFileSync(out, 'utf8');
    expect([...new Set([...html.matchAll(/data-serial="([^"]+)"/g)].map((m) => m[1]))].sort()).toEqual(g2);
    expect(html).toContain('Công chức các sở');
    expect(html).not.toContain('Đại biểu HĐND tỉnh');
  });

  it('refuses an unknown group and a missing --out with exit 1', () => {
    expect(runCli(db, ['print', 'MINI-2026', '--group', 'NOPE', '--out', join(dir, 'x.html')])).toMatchObject({ status: 1 });
    const r = runCli(db, ['print', 'MINI-2026']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--out');
    expect(r.stderr).toContain('--layout');
    expect(existsSync(join(dir, 'x.html'))).toBe(false);
  });

  it('writes the layout map with --layout alone: every printed page, and a tick box for every cell and option', () => {
    const out = join(dir, 'mini-layout.json');
    const r = runCli(db, ['print', 'MINI-2026', '--layout', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^layout: (\d+)\/\1 forms measured \(100 %\)/m);
    const map = JSON.parse(readFileSync(out, 'utf8')) as LayoutMap;
    expect(map).toMatchObject({ campaign: 'MINI-2026', unit: 'mm' });
    // Forms, their pages (as the HTML run prints them) and their cells × options (from the ledger and the definition).
    const store = openDb(db);
    const c = getCampaign(store, 'MINI-2026')!;
    const forms = listForms(store, c.id).filter((f) => f.status !== 'void');
    store.$client.close();
    expect(map.forms.map((f) => f.serial)).toEqual(forms.map((f) => f.serial));
    const html = join(dir, 'mini-layout.html');
    expect(runCli(db, ['print', 'MINI-2026', '--out', html]).status).toBe(0);
    const printedPages = [...readFileSync(html, 'utf8').matchAll(/data-serial="(\d+)" data-page="(\d+)"/g)].map((m) => `${m[1]}/${m[2]}`);
    expect(map.forms.flatMap((f) => f.pages.map((p) => `${f.serial}/${p.page}`))).toEqual(printedPages);
    let boxes = 0;
    for (const [k, f] of forms.entries()) {
      const form = formOf(c.def, groupByCode(c.def, f.groupCode)!);
      const options = optionsOf(c.def, form).map((o) => o.code);
      const m = map.forms[k];
      expect(m).toMatchObject({ form: form.code, group: f.groupCode, home: f.homeUnit });
      const found = m.pages.flatMap((p) => p.boxes.map((b) => `${b.unit} ${b.question} ${b.answer}`));
      const expected = form.questions.flatMap((q) => f.targets.flatMap((u) => options.map((o) => `${u} ${q.code} ${o}`)));
      expect(found.sort()).toEqual(expected.sort());
      boxes += found.length;
      for (const p of m.pages) {
        expect(p.marks).toEqual(registrationMarks(p.width, p.height));
        // Millimetres to 0.01: no longer decimals in the file.
        for (const r of [p.qr, ...p.boxes] as Rect[]) for (const v of [r.x, r.y, r.w, r.h]) expect(Math.abs(v * 100 - Math.round(v * 100))).toBeLessThan(1e-6);
      }
    }
    expect(r.stderr).toContain(`wrote the layout map of ${forms.length} forms (${printedPages.length} pages, ${boxes} tick boxes) to ${out}`);
  });

  it('refuses a layout map file that is not .json', () => {
    const r = runCli(db, ['print', 'MINI-2026', '--layout', join(dir, 'map.csv')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--layout writes JSON');
    expect(existsSync(join(dir, 'map.csv'))).toBe(false);
  });

  it('writes the count sheet with manifest --counts', () => {
    const r = runCli(db, ['manifest', 'MINI-2026', '--counts']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toBe('\uFEFFhome_unit,home_unit_name,group,group_name,forms');
    expect(r.stdout).toContain('SA,Sở An,G2,Công chức các sở,1');
  });
});
