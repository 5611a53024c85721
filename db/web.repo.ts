/** Web answers: forms looked up by access code, drafts and submissions as append-only records, one counted response per form. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { normalizeAccessCode } from '../surveys/access-code';
import type { FormStatus, SubmissionKind } from '../surveys/ledger';
import type { Cell } from '../surveys/settle';
import { insertAnswers, setFormStatus } from './answer-writes';
import { audit } from './audit.repo';
import { getCampaign, type DefinitionCache, type StoredCampaign } from './campaigns.repo';
import { settle } from './entry.repo';
import { settlingForm, type FormRow } from './forms.repo';
import { inTransaction, type Db } from './open';
import { campaigns, formInstances, submissionCells, submissions } from './schema';

/** Who web records name: respondents are anonymous. */
export const RESPONDENT = 'respondent';
export const WEB_DRAFT = 'web_draft' satisfies SubmissionKind;
export const WEB_SUBMIT = 'web_submit' satisfies SubmissionKind;

/** Whether a form takes web answers, and if not why (each has its own page and status code). */
export type WebAccess = 'open' | 'paper_only' | 'void' | 'submitted' | 'paper' | 'closed';

export type WebForm = { form: FormRow; campaign: StoredCampaign; targets: string[] };

/** The hot statements of a web post, prepared once per database: building SQL per call cost more than running it. */
function prepare(db: Db) {
  return {
    byCode: db
      .select({ form: formInstances, code: campaigns.code, version: campaigns.version })
      .from(formInstances)
      .innerJoin(campaigns, eq(campaigns.id, formInstances.campaignId))
      .where(eq(formInstances.accessCode, sql.placeholder('code')))
      .prepare(),
    form: db
      .select()
      .from(formInstances)
      .where(eq(formInstances.id, sql.placeholder('id')))
      .prepare(),
    kind: db
      .select({ kind: submissions.kind })
      .from(submissions)
      .where(eq(submissions.id, sql.placeholder('id')))
      .prepare(),
  };
}
const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();

function statements(db: Db): ReturnType<typeof prepare> {
  let s = prepared.get(db);
  if (!s) prepared.set(db, (s = prepare(db)));
  return s;
}

/** The form a typed access code names (case, spaces and hyphens ignored), with its campaign; undefined when none. */
export function findWebForm(db: Db, typed: string, cache?: DefinitionCache): WebForm | undefined {
  const code = normalizeAccessCode(typed);
  if (code === '') return undefined;
  const row = statements(db).byCode.get({ code });
  if (!row) return undefined;
  // With the app's cache, a respondent's every request does not re-parse the definition.
  const campaign = getCampaign(db, row.code, cache);
  if (!campaign) return undefined;
  return { form: row.form, campaign, targets: row.form.targets };
}

/** Web access of a form as stored now; read inside the write transaction before any write. */
export function webAccess(db: Db, form: FormRow): WebAccess {
  if (form.status === 'void') return 'void';
  if (form.channel === 'paper') return 'paper_only';
  if (form.status !== 'counted' && form.status !== 'invalid') return 'open';
  if (form.finalSubmissionId === null) return 'closed'; // invalidated by hand before any answer was settled
  const kind = statements(db).kind.get({ id: form.finalSubmissionId })?.kind;
  return kind === WEB_SUBMIT ? 'submitted' : 'paper';
}

/** The newest web answers of a form (draft or submission), or null when the respondent has saved nothing yet. */
export function latestWebCells(db: Db, formId: number): { cells: Cell[]; savedAt: string } | null {
  const last = db
    .select({ id: submissions.id, createdAt: submissions.createdAt })
    .from(submissions)
    .where(and(eq(submissions.formId, formId), inArray(submissions.kind, [WEB_DRAFT, WEB_SUBMIT])))
    .orderBy(desc(submissions.id))
    .limit(1)
    .get();
  if (!last) return null;
  const cells = db
    .select({ unit: submissionCells.unit, question: submissionCells.question, answer: submissionCells.answer })
    .from(submissionCells)
    .where(eq(submissionCells.submissionId, last.id))
    .all();
  return { cells, savedAt: last.createdAt };
}

export type WebWriteOutcome = { ok: true; submissionId: number; status: FormStatus } | { ok: false; access: Exclude<WebAccess, 'open'> };

const webAnswers = (db: Db, c: StoredCampaign, formId: number, kind: SubmissionKind, cells: Cell[]) =>
  insertAnswers(db, { formId, kind, actor: RESPONDENT, definitionVersion: c.version }, cells);

function reread(db: Db, formId: number): FormRow {
  return statements(db).form.get({ id: formId })!;
}

/** Keeps a draft as a new record; an issued form becomes 'draft'. Refused (as a value) once the form is closed. */
export function saveWebDraft(db: Db, c: StoredCampaign, formId: number, cells: Cell[]): WebWriteOutcome {
  return inTransaction(db, () => {
    const form = reread(db, formId);
    const access = webAccess(db, form);
    if (access !== 'open') return { ok: false, access };
    const sid = webAnswers(db, c, formId, WEB_DRAFT, cells);
    let status = form.status;
    if (form.status === 'issued') {
      status = 'draft';
      setFormStatus(db, formId, status);
    }
    audit(db, { actor: RESPONDENT, action: 'web.save', campaignId: c.id, detail: { serial: form.serial, submissionId: sid } });
    return { ok: true, submissionId: sid, status };
  });
}

/**
 * Stores a submission and settles the form (counted, or invalid by the blank-share rule), all in one BEGIN IMMEDIATE
 * transaction that re-reads the form first: however many posts race, exactly one is stored as the counted response.
 * A form already settled from paper refuses it, and the refused attempt goes into the audit log as a duplicate.
 */
export function submitWeb(db: Db, c: StoredCampaign, formId: number, cells: Cell[]): WebWriteOutcome {
  return inTransaction(db, () => {
    const form = reread(db, formId);
    const access = webAccess(db, form);
    if (access !== 'open') {
      if (access === 'paper' || access === 'submitted') {
        audit(db, {
          actor: RESPONDENT,
          action: 'web.duplicate',
          campaignId: c.id,
          detail: { serial: form.serial, status: form.status, countedFrom: form.countedFrom },
        });
      }
      return { ok: false, access };
    }
    const sid = webAnswers(db, c, formId, WEB_SUBMIT, cells);
    const status = settle(db, c.def, settlingForm(form), sid, cells, 'web');
    audit(db, { actor: RESPONDENT, action: 'web.submit', campaignId: c.id, detail: { serial: form.serial, submissionId: sid, status } });
    return { ok: true, submissionId: sid, status };
  });
}
