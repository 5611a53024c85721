/** The desk's grouped writes on a real SQLite (db/desk.repo.ts): a pass decided and stored together, a form's decisions all or none. */
import { describe, expect, it } from 'vitest';
import { getCampaign, loadCampaign } from '../../db/campaigns.repo';
import { resolveCells, saveDeskPass } from '../../db/desk.repo';
import { listConflicts } from '../../db/entry.repo';
import { getFormBySerial, issueForms, listForms } from '../../db/forms.repo';
import { openDb } from '../../db/open';
import { miniCampaign } from '../helpers/campaigns';

/** A G2 form of Sở An (one unit × questions 1–3), keyed by lan as 1 1 1 and by minh as 1 2 3: questions 2 and 3 differ. */
function inConflict() {
  const db = openDb(':memory:');
  loadCampaign(db, miniCampaign(), 'test');
  const c = getCampaign(db, 'MINI-2026')!;
  issueForms(db, c, 'paper', 'test');
  const serial = listForms(db, c.id).find((f) => f.groupCode === 'G2' && f.homeUnit === 'SA')!.serial;
  const cells = (a: string[]) => a.map((answer, i) => ({ unit: 'SA', question: String(i + 1), answer }));
  expect(saveDeskPass(db, c, serial, cells(['1', '1', '1']), 'lan')).toEqual({ kind: 'saved', pass: 1, formStatus: 'keyed_once' });
  expect(saveDeskPass(db, c, serial, cells(['1', '2', '3']), 'minh')).toEqual({ kind: 'saved', pass: 2, formStatus: 'conflict' });
  return { db, c, serial, cells };
}

describe('saveDeskPass', () => {
  it('decides the pass itself and refuses a third, or cells the form does not have, writing nothing', () => {
    const { db, c, serial, cells } = inConflict();
    const third = saveDeskPass(db, c, serial, cells(['1', '1', '1']), 'hoa');
    expect(third.kind).toBe('refused');
    expect(getFormBySerial(db, c.id, serial)!.status).toBe('conflict');
    const other = listForms(db, c.id).find((f) => f.groupCode === 'G2' && f.homeUnit === 'SB')!.serial;
    const wrong = saveDeskPass(db, c, other, [{ unit: 'SA', question: '1', answer: '1' }], 'lan');
    expect(wrong.kind).toBe('cells');
    expect(getFormBySerial(db, c.id, other)!.status).toBe('issued');
  });
});

describe('resolveCells', () => {
  it('settles every decided cell, and the form with the last one', () => {
    const { db, c, serial } = inConflict();
    const out = resolveCells(
      db,
      c,
      serial,
      [
        { unit: 'SA', question: '2', answer: '2' },
        { unit: 'SA', question: '3', answer: '1' },
      ],
      'hoa',
    );
    expect(out).toEqual({ ok: true, settled: 'counted' });
    expect(listConflicts(db, c, serial)).toEqual([]);
  });

  it('stores none of a form’s decisions when one is refused', () => {
    const { db, c, serial } = inConflict();
    // Question 2 is fine, question 9 does not exist: the first must not stay settled.
    const out = resolveCells(
      db,
      c,
      serial,
      [
        { unit: 'SA', question: '2', answer: '2' },
        { unit: 'SA', question: '9', answer: '1' },
      ],
      'hoa',
    );
    expect(out.ok).toBe(false);
    expect(listConflicts(db, c, serial).map((d) => d.question)).toEqual(['2', '3']);
    expect(getFormBySerial(db, c.id, serial)!.status).toBe('conflict');
  });
});
