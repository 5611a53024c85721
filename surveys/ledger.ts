/** The form ledger's vocabulary: form statuses, channels and the plain view of a form instance the domain checks work on. */
import { cleanText } from './text';

export const FORM_STATUSES = ['issued', 'draft', 'keyed_once', 'conflict', 'counted', 'invalid', 'void'] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

export const CHANNELS = ['paper', 'web', 'mixed'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Forms that came back: keyed, submitted, or judged invalid (the quotas' "returned"). */
export const RETURNED_STATUSES = ['keyed_once', 'conflict', 'counted', 'invalid'] as const satisfies readonly FormStatus[];

/** Where a form's counted answers came from. */
export const COUNTED_FROM = ['web', 'paper'] as const;
export type CountedFrom = (typeof COUNTED_FROM)[number];

/**
 * What an answer record is: a web draft or submission, one keyed paper pass, or the merge of two passes after the
 * supervisor's resolutions.
 */
export const SUBMISSION_KINDS = ['web_draft', 'web_submit', 'pass1', 'pass2', 'settled'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

/** The two keyed paper passes. */
export const PASS_KINDS = ['pass1', 'pass2'] as const satisfies readonly SubmissionKind[];
export type PassKind = (typeof PASS_KINDS)[number];

/** Import batches: a keyed paper pass (file or desk) or a self-assessment file. */
export const BATCH_KINDS = ['keyed', 'self'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];

/** What the domain needs to know about one issued form instance. */
export type LedgerForm = {
  serial: string;
  groupCode: string;
  homeUnit: string | null;
  targets: string[];
  status: FormStatus;
  countedFrom: CountedFrom | null;
  /** Operator of each keyed paper pass, or null where that pass is not keyed yet. */
  pass1Operator: string | null;
  pass2Operator: string | null;
  /** The signed-in person who loaded each keyed pass (console upload or desk), or null (not keyed, or from the CLI). */
  pass1LoadedBy: string | null;
  pass2LoadedBy: string | null;
};

/**
 * Two operator names are one person when they match once cleaned (Unicode form, invisible characters, surrounding
 * spaces) and ignoring case: "Lan" keyed " lan ", and "Hoà" typed on a Mac (a + U+0300) is "Hoà" typed on Windows.
 */
export const operatorKey = (name: string) => cleanText(name).toLowerCase();

/** The operator of every pass read by the machine from a scan (issue 15): the accuracy page reports it like a keyer. */
export const MACHINE_OPERATOR = 'omr';

/** Who keyed a pass, as the console names them: the scan reader by what it is, a person by their name. */
export const operatorName = (operator: string | null) => (operator === MACHINE_OPERATOR ? 'máy đọc phiếu quét (omr)' : operator);

/** A cell value: an option code, '' for blank, '*' for spoiled. */
export const BLANK = '';
export const SPOILED = '*';
