/** Serials are numbered per campaign, so a page's QR code carries its campaign's tag: a form of another campaign with the same serial is listed, never read into this one (a tester's finding: LCU-2020's 000293 was read into LCU-2026 with 35 sure cells). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/open';
import { importScans, type ScanDeps } from '../../server/scan/import-scans';
import { campaignTag, parseQrPayload, qrPayload } from '../../surveys/omr/layout-map';
import { scanText } from '../../surveys/omr/scan-plan';
import { fakeDeps, readCell, readPageOf, scanTiff } from '../helpers/scans';
import { seedCampaign, serialsOf } from '../helpers/seed';

describe('the campaign tag in a page QR code', () => {
  it('is four QR-alphanumeric characters of the code’s FNV-1a hash, and reads back with the serial and page', () => {
    // A fixed value: forms printed with it must read the same in every later version (changing the hash orphans them).
    expect(campaignTag('LCU-2020')).toBe('WUAM');
    expect(campaignTag('LCU-2026')).not.toBe(campaignTag('LCU-2020'));
    expect(qrPayload('000293', 1, 2, 'LCU-2020')).toBe('000293/1/2/WUAM');
    expect(parseQrPayload('000293/1/2/WUAM')).toEqual({ serial: '000293', page: 1, pages: 2, campaign: 'WUAM' });
    // Pages printed before the tag, and before the page number, still read.
    expect(parseQrPayload('000293/1/2')).toEqual({ serial: '000293', page: 1, pages: 2, campaign: null });
    expect(parseQrPayload('000293')).toEqual({ serial: '000293', page: null, pages: null, campaign: null });
    expect(parseQrPayload('000293/1/2/wuam')).toBeNull();
  });

  it('lists a page of another stored campaign by that campaign’s code and reads nothing of it; an untagged page is read as before', async () => {
    const db = openDb(':memory:');
    const { c, forms } = seedCampaign(db, {});
    seedCampaign(db, { patch: (raw) => (raw.code = 'MINI-2027') });
    const [a] = serialsOf(forms, 'G1', null);
    const readings = [
      readPageOf(a, 1, 2, [readCell('SA', '1', '1', 40), readCell('SB', '1', '2', 50), readCell('SA', '2', '3', 60), readCell('SB', '2', '', 70)]),
      readPageOf(a, 2, 2, [readCell('SA', '3', '4', 40), readCell('SB', '3', '9', 50)]),
    ];
    const tagged = (tag: string | null): ScanDeps => {
      const deps = fakeDeps(readings);
      return { ...deps, identify: async (image) => ({ ...(await deps.identify(image)), campaign: tag }) as Awaited<ReturnType<ScanDeps['identify']>> };
    };
    const run = async (tag: string | null) =>
      importScans(
        db,
        c,
        [{ name: 'lo.tif', bytes: await scanTiff(readings) }],
        { scannedBy: 'Hoa', by: null },
        {
          scansDir: mkdtempSync(join(tmpdir(), 'scans-')),
          deps: tagged(tag),
        },
      );
    const other = await run(campaignTag('MINI-2027'));
    expect(other.ok && other.forms).toEqual([]);
    expect(other.ok && other.problems.map((p) => scanText(p, 'vi'))).toEqual([
      expect.stringContaining(`phiếu ${a} là phiếu của đợt điều tra MINI-2027, không thuộc đợt này`),
      expect.stringContaining(`phiếu ${a} là phiếu của đợt điều tra MINI-2027, không thuộc đợt này`),
    ]);
    const unknown = await run('ZZZZ');
    expect(unknown.ok && unknown.problems.map((p) => scanText(p, 'en'))).toContain(
      `lo.tif page 1: cannot read the page: form ${a} is a form of another campaign, not of this campaign`,
    );
    const ours = await run(campaignTag(c.code));
    expect(ours.ok && ours.forms.map((f) => f.serial)).toEqual([a]);
  });
});
