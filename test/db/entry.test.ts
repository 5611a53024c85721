/** Paper forms on a real SQLite: one form's ledger entry for the desk, and marking forms invalid (refusal kinds, settled answers kept). */
import { describe, expect, it } from 'vitest';
import { importKeyedRows, invalidateForm, resolveCell } from '../../db/entry.repo';
import { invalidateForm as invalidate } from '../../db/entry.repo';
import { invalidateText } from '../../surveys/keying-desk';
import { getFormBySerial, ledgerForms } from '../../db/forms.repo';
import { openDb } from '../../db/open';
import { makeSerial } from '../../surveys/serial';
import { keyInConflict, seedCampaign, serialsOf } from '../helpers/seed';

function setup() {
  const db = openDb(':memory:');
  const { c, forms } = seedCampaign(db);
  const serial = serialsOf(forms, 'G2', 'SA')[0];
  return { db, c, serial };
}

describe('ledgerForms for one serial', () => {
  it('holds that form alone, with the operators of its passes, exactly as the whole ledger has it', () => {
    const { db, c, serial } = setup();
    const rows = ['1', '2', '3'].map((q, i) => ({ row: i + 2, cells: { serial, unit: 'SA', question: q, answer: '1' } }));
    expect(importKeyedRows(db, c, rows, { pass: 1, operator: 'lan', fileName: 'x.csv', serial }).ok).toBe(true);
    const one = ledgerForms(db, c.id, serial);
    expect([...one.keys()]).toEqual([serial]);
    expect(one.get(serial)).toEqual(ledgerForms(db, c.id).get(serial));
    expect(one.get(serial)).toMatchObject({ status: 'keyed_once', pass1Operator: 'lan', pass2Operator: null });
    expect(ledgerForms(db, c.id, makeSerial(999)).size).toBe(0);
  });
});

describe('invalidateForm', () => {
  it('marks a counted form invalid, keeping which record holds its settled answers', () => {
    const { db, c, serial } = setup();
    const rows = ['1', '2', '3'].map((q, i) => ({ row: i + 2, cells: { serial, unit: 'SA', question: q, answer: '1' } }));
    for (const [pass, operator] of [
      [1, 'lan'],
      [2, 'minh'],
    ] as const)
      expect(importKeyedRows(db, c, rows, { pass, operator, fileName: 'x.csv' }).ok).toBe(true);
    const counted = getFormBySerial(db, c.id, serial)!;
    expect(counted).toMatchObject({ status: 'counted', countedFrom: 'paper' });
    expect(counted.finalSubmissionId).not.toBeNull();

    expect(invalidateForm(db, c, serial, '  Phiếu trùng ', 'hoa')).toEqual({ ok: true });
    expect(getFormBySerial(db, c.id, serial)).toMatchObject({
      status: 'invalid',
      invalidReason: 'Phiếu trùng',
      countedFrom: null,
      finalSubmissionId: counted.finalSubmissionId,
    });
  });

  it('returns the kind of each refusal, with an English message for the CLI', () => {
    const { db, c, serial } = setup();
    /** The outcome with its problem flattened and worded in English, as the CLI prints it. */
    const invalidateForm = (...args: Parameters<typeof invalidate>) => {
      const out = invalidate(...args);
      return out.ok ? out : { ok: false, ...out.problem, message: invalidateText(out.problem, 'en') };
    };
    expect(invalidateForm(db, c, makeSerial(999), 'x', 'hoa')).toEqual({
      ok: false,
      kind: 'unknown-serial',
      serial: makeSerial(999),
      message: `unknown serial ${makeSerial(999)}`,
    });
    expect(invalidateForm(db, c, serial, '  ', 'hoa')).toEqual({ ok: false, kind: 'no-reason', serial, message: 'a reason is required' });
    expect(getFormBySerial(db, c.id, serial)!.status).toBe('issued');
    expect(invalidateForm(db, c, serial, 'Nộp sau hạn', 'hoa')).toEqual({ ok: true });
    expect(invalidateForm(db, c, serial, 'Nộp sau hạn', 'hoa')).toMatchObject({ ok: false, kind: 'already-invalid', serial });
  });
});

describe('resolveCell', () => {
  it('finds the cell as a keyed row does: any case, Excel\'s lost leading zeros (contract: "unit as in the keyed CSV")', () => {
    const db = openDb(':memory:');
    const { c, forms } = seedCampaign(db);
    const serial = serialsOf(forms, 'G1')[0];
    const [pass1, pass2] = keyInConflict(db, c, serial);
    expect(pass1.ok).toBe(true);
    expect(pass2.ok).toBe(true);
    expect(getFormBySerial(db, c.id, serial)!.status).toBe('conflict');
    expect(resolveCell(db, c, { serial, unit: 'sb', question: '02', answer: '3', operator: 'hoa' })).toEqual({ ok: true, settled: 'counted', remaining: 0 });
  });
});
