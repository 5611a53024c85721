/** The keying desk's and reconciliation's writes: each one transaction that returns what happened, for the routes to word. */
import type { FormStatus } from '../surveys/ledger';
import type { KeyedProblem } from '../surveys/keyed';
import { campaignAsk, deskPass, type PassProblem } from '../surveys/passes';
import type { SettleProblem } from '../surveys/settle';
import { DESK_BATCH, importKeyedRows, resolveCell } from './entry.repo';
import { ledgerForms } from './forms.repo';
import { inTransaction, type Db } from './open';
import type { StoredCampaign } from './records';

export type DeskCell = { unit: string; question: string; answer: string };

export type DeskSaveOutcome =
  | { kind: 'saved'; pass: 1 | 2; formStatus: FormStatus }
  /** No form has this serial in the campaign. */
  | { kind: 'unknown-form' }
  /** The pass is not this operator's to key (or the form is not open to keying): the pass rule's refusal (surveys/passes.ts). */
  | { kind: 'refused'; problem: PassProblem }
  /** The pass was free, so what the keyed-file checker still refuses is in the posted cells. */
  | { kind: 'cells'; problems: KeyedProblem[] };

/** Saves one desk pass through the same import and checks as a keyed CSV file; which pass it is, is decided here. */
export function saveDeskPass(db: Db, c: StoredCampaign, serial: string, cells: DeskCell[], operator: string): DeskSaveOutcome {
  // Deciding the pass and storing it in one write transaction: two keyers saving at once cannot both get pass 1.
  return inTransaction(db, (): DeskSaveOutcome => {
    const f = ledgerForms(db, c.id, serial).get(serial);
    if (!f) return { kind: 'unknown-form' };
    // The same rule as a keyed file's (passProblem), with the signed-in person as operator and loader.
    const pass = deskPass(f, { operator, loadedBy: operator, ...campaignAsk(c.def) });
    if (!pass.ok) return { kind: 'refused', problem: pass.problem };
    const rows = cells.map((cell, i) => ({ row: i + 1, cells: { serial, ...cell } }));
    const result = importKeyedRows(db, c, rows, { pass: pass.pass, operator, fileName: DESK_BATCH, serial, by: operator });
    if (!result.ok) return { kind: 'cells', problems: result.problems };
    return { kind: 'saved', pass: pass.pass, formStatus: ledgerForms(db, c.id, serial).get(serial)!.status };
  });
}

export type Decision = { unit: string; question: string; answer: string };
export type ResolveFormOutcome = { ok: true; settled: 'counted' | 'invalid' | null } | { ok: false; problem: SettleProblem };

const ROLLBACK = Symbol('rollback');

/** Settles a form's differing cells as decided, all or none: the first refusal rolls back the ones before it. */
export function resolveCells(db: Db, c: StoredCampaign, serial: string, decisions: Decision[], operator: string): ResolveFormOutcome {
  let refused: ResolveFormOutcome | undefined;
  try {
    return inTransaction(db, (): ResolveFormOutcome => {
      let settled: 'counted' | 'invalid' | null = null;
      for (const d of decisions) {
        const out = resolveCell(db, c, { serial, ...d, operator });
        if (!out.ok) {
          refused = { ok: false, problem: out.problem };
          throw ROLLBACK;
        }
        settled = out.settled;
      }
      return { ok: true, settled };
    });
  } catch (e) {
    if (e !== ROLLBACK || !refused) throw e;
    return refused;
  }
}
