/** Loading campaigns on a real SQLite: create, replace while no answers exist (re-resolving issued forms), refuse otherwise. */
import { describe, expect, it } from 'vitest';
import { getCampaign, loadCampaign, type DefinitionCache, type LoadOutcome } from '../../db/campaigns.repo';
import { importKeyedRows } from '../../db/entry.repo';
import { issueForms, listForms } from '../../db/forms.repo';
import { openDb } from '../../db/open';
import { saveSelfPoints } from '../../db/scores.repo';
import { campaignLoadText } from '../../surveys/campaign-load-problems';
import { miniCampaign } from '../helpers/campaigns';

const mini = miniCampaign;

/** An outcome with its problems in the CLI's English, as the tests have always read them. */
const inEnglish = (out: LoadOutcome) => (out.ok ? out : { ok: false as const, problems: out.problems.map((p) => campaignLoadText(p, 'en')) });

describe('campaign load', () => {
  it('parses a stored definition once per version: the same frozen object until a replacement, then the new one', () => {
    const db = openDb(':memory:');
    const cache: DefinitionCache = new Map();
    loadCampaign(db, mini(), 'test');
    const first = getCampaign(db, 'MINI-2026', cache)!.def;
    expect(getCampaign(db, 'MINI-2026', cache)!.def).toBe(first);
    expect(Object.isFrozen(first.units[0])).toBe(true);
    loadCampaign(
      db,
      mini((c) => (c.name = 'Điều tra thử nghiệm (sửa)')),
      'test',
    );
    const second = getCampaign(db, 'MINI-2026', cache)!;
    expect(second.version).toBe(2);
    expect(second.def).not.toBe(first);
    expect(second.def.name).toBe('Điều tra thử nghiệm (sửa)');
    // Another connection to another database never sees this one's entries.
    expect(getCampaign(openDb(':memory:'), 'MINI-2026')).toBeUndefined();
  });

  it('keeps nothing between calls without a cache: no module-level state outlives the caller', () => {
    const db = openDb(':memory:');
    loadCampaign(db, mini(), 'test');
    const first = getCampaign(db, 'MINI-2026')!.def;
    expect(getCampaign(db, 'MINI-2026')!.def).not.toBe(first);
    expect(getCampaign(db, 'MINI-2026')!.def).toEqual(first);
    expect(Object.isFrozen(first.units[0])).toBe(true);
  });

  it('stores nothing and keeps the version when the same definition is loaded again', () => {
    const db = openDb(':memory:');
    loadCampaign(db, mini(), 'test');
    expect(loadCampaign(db, mini(), 'test')).toEqual({ ok: true, code: 'MINI-2026', replaced: false, version: 1, unchanged: true });
    expect(getCampaign(db, 'MINI-2026')!.version).toBe(1);
    expect(
      loadCampaign(
        db,
        mini((c) => (c.name = 'Khác')),
        'test',
      ),
    ).toMatchObject({ ok: true, replaced: true, version: 2 });
  });

  it('replaces a campaign without answers, keeps its issued forms and re-resolves what they rate', () => {
    const db = openDb(':memory:');
    expect(loadCampaign(db, mini(), 'test')).toEqual({ ok: true, code: 'MINI-2026', replaced: false, version: 1 });
    issueForms(db, getCampaign(db, 'MINI-2026')!, 'mixed', 'test');
    const next = mini((c) => {
      c.name = 'Điều tra thử nghiệm (sửa)';
      c.units.push({ code: 'SC', name: 'Sở Công', level: 'so' });
    });
    expect(loadCampaign(db, next, 'test')).toEqual({ ok: true, code: 'MINI-2026', replaced: true, version: 2 });
    const stored = getCampaign(db, 'MINI-2026')!;
    expect(stored.name).toBe('Điều tra thử nghiệm (sửa)');
    const g1 = listForms(db, stored.id, { group: 'G1' });
    expect(g1.map((f) => f.targets)).toEqual([
      ['SA', 'SB', 'SC'],
      ['SA', 'SB', 'SC'],
    ]);
  });

  it('refuses a replacement that would orphan the self-assessment points in force, until points without that unit are imported', () => {
    const db = openDb(':memory:');
    loadCampaign(
      db,
      mini((c) => c.units.push({ code: 'SC', name: 'Sở Công', level: 'so' })),
      'test',
    );
    const c = getCampaign(db, 'MINI-2026')!;
    const points = [
      { unit: 'SA', selfPoints: 70, selfMax: 77.5 },
      { unit: 'SC', selfPoints: 60, selfMax: 77.5 },
    ];
    saveSelfPoints(db, c, points, 'self.csv', 'test');
    const out = loadCampaign(db, mini(), 'test');
    expect(inEnglish(out)).toEqual({
      ok: false,
      problems: ['the self-assessment points in force name SC, which the new file does not score: import self-assessment points without them first'],
    });
    expect(getCampaign(db, 'MINI-2026')!.version).toBe(1);
    saveSelfPoints(db, c, points.slice(0, 1), 'self-2.csv', 'test');
    expect(loadCampaign(db, mini(), 'test')).toMatchObject({ ok: true, replaced: true, version: 2 });
  });

  it('refuses a replacement that would orphan issued forms, naming them', () => {
    const db = openDb(':memory:');
    loadCampaign(db, mini(), 'test');
    issueForms(db, getCampaign(db, 'MINI-2026')!, 'mixed', 'test');
    const out = loadCampaign(
      db,
      mini((c) => (c.groups = [c.groups[0]])),
      'test',
    );
    expect(out.ok).toBe(false);
    expect(out.ok ? [] : out.problems.map((p) => campaignLoadText(p, 'en'))).toEqual([
      expect.stringMatching(/^issued form \d{6} belongs to group G2 \/ SA, which the new file no longer has$/),
      expect.stringMatching(/^issued form \d{6} belongs to group G2 \/ SB, which the new file no longer has$/),
    ]);
    expect(getCampaign(db, 'MINI-2026')!.version).toBe(1);
  });

  it('freezes the definition once any answer is stored', () => {
    const db = openDb(':memory:');
    loadCampaign(db, mini(), 'test');
    const c = getCampaign(db, 'MINI-2026')!;
    issueForms(db, c, 'paper', 'test');
    const form = listForms(db, c.id, { group: 'G2', home: 'SA' })[0];
    const rows = ['1', '2', '3'].map((q, i) => ({ row: i + 2, cells: { serial: form.serial, unit: '', question: q, answer: '1' } }));
    expect(importKeyedRows(db, c, rows, { pass: 1, operator: 'lan', fileName: 'x.csv' })).toMatchObject({ ok: true, forms: 1, cells: 3 });
    expect(
      inEnglish(
        loadCampaign(
          db,
          mini((x) => (x.name = 'Khác')),
          'test',
        ),
      ),
    ).toEqual({ ok: false, problems: ['campaign MINI-2026 already has answers; its definition is frozen'] });
  });
});
