/** The form ledger's vocabulary: form statuses, channels and the plain view of a form instance the domain checks work on. */
import { cleanText } from './text';

export const FORM_STATUSES = ['issued', 'draft', 'keyed_once', 'conflict', 'counted', 'invalid', 'void'] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

export const CHANNELS = ['paper', 'web', 'mixed'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Where a form's counted answers came from. */
export type CountedFrom = 'web' | 'paper';

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

/** A cell value: an option code, '' for blank, '*' for spoiled. */
export const BLANK = '';
export const SPOILED = '*';
