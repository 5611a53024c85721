/** The drizzle schema: campaigns and their frozen definitions, the form ledger, append-only answers, users and the audit log. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { BATCH_KINDS, CHANNELS, COUNTED_FROM, FORM_STATUSES, SUBMISSION_KINDS } from '../surveys/ledger';
import { ROLES } from '../surveys/roles';

const now = () => sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const campaigns = sqliteTable('campaigns', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  year: integer('year').notNull(),
  province: text('province').notNull(),
  /**
   * The current definition (JSON of the checked campaign file); frozen once any answer exists. Kept as text, not
   * `mode: 'json'`: it is read only by campaigns.repo's definitionOf, which parses it through CampaignSchema once per
   * version and caches the result; json mode would parse the whole file (5.6 MB for a national campaign) on every
   * whole-row select of a campaign as well, into an unchecked value.
   */
  definition: text('definition').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: text('created_at').notNull().default(now()),
  updatedAt: text('updated_at').notNull().default(now()),
});

/** Every definition ever loaded, so that answers stored under a version can always be rescored with it. */
export const campaignVersions = sqliteTable(
  'campaign_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    version: integer('version').notNull(),
    definition: text('definition').notNull(),
    loadedBy: text('loaded_by').notNull(),
    loadedAt: text('loaded_at').notNull().default(now()),
  },
  (t) => [uniqueIndex('campaign_versions_campaign_version').on(t.campaignId, t.version)],
);

export const formInstances = sqliteTable(
  'form_instances',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    seq: integer('seq').notNull(),
    serial: text('serial').notNull(),
    /** Normalised (upper case, no hyphens); unique across campaigns because /r/<code> names no campaign. */
    accessCode: text('access_code').notNull().unique(),
    formCode: text('form_code').notNull(),
    groupCode: text('group_code').notNull(),
    homeUnit: text('home_unit'),
    /** The unit codes this form rates, resolved at issue time (a JSON array). */
    targets: text('targets', { mode: 'json' }).notNull().$type<string[]>(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    status: text('status', { enum: FORM_STATUSES }).notNull().default('issued'),
    countedFrom: text('counted_from', { enum: COUNTED_FROM }),
    /** The submission whose cells are this form's settled answers (web submit, a paper pass, or a settled merge). */
    finalSubmissionId: integer('final_submission_id').references((): AnySQLiteColumn => submissions.id),
    invalidReason: text('invalid_reason'),
    createdAt: text('created_at').notNull().default(now()),
    updatedAt: text('updated_at').notNull().default(now()),
  },
  (t) => [
    uniqueIndex('form_instances_campaign_serial').on(t.campaignId, t.serial),
    index('form_instances_campaign_status').on(t.campaignId, t.status),
    index('form_instances_campaign_group_home').on(t.campaignId, t.groupCode, t.homeUnit),
  ],
);

export const importBatches = sqliteTable('import_batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  campaignId: integer('campaign_id')
    .notNull()
    .references(() => campaigns.id),
  kind: text('kind', { enum: BATCH_KINDS }).notNull(),
  fileName: text('file_name').notNull(),
  pass: integer('pass'),
  operator: text('operator').notNull(),
  /** The signed-in person who loaded a keyed pass (console upload, desk); null from the CLI, which has no login. */
  loadedBy: text('loaded_by'),
  rows: integer('rows').notNull(),
  createdAt: text('created_at').notNull().default(now()),
});

/** One record per web save or submit, keyed paper pass, or settled merge; never updated. */
export const submissions = sqliteTable(
  'submissions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    formId: integer('form_id')
      .notNull()
      .references(() => formInstances.id),
    kind: text('kind', { enum: SUBMISSION_KINDS }).notNull(),
    actor: text('actor').notNull(),
    definitionVersion: integer('definition_version').notNull(),
    batchId: integer('batch_id').references(() => importBatches.id),
    createdAt: text('created_at').notNull().default(now()),
  },
  (t) => [index('submissions_form_kind').on(t.formId, t.kind)],
);

export const submissionCells = sqliteTable(
  'submission_cells',
  {
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id),
    unit: text('unit').notNull(),
    question: text('question').notNull(),
    /** An option code, '' for blank, '*' for spoiled. */
    answer: text('answer').notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.unit, t.question] })],
);

/** A supervisor's decision on one cell where the two paper passes differ. */
export const resolutions = sqliteTable(
  'resolutions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    formId: integer('form_id')
      .notNull()
      .references(() => formInstances.id),
    unit: text('unit').notNull(),
    question: text('question').notNull(),
    pass1: text('pass1').notNull(),
    pass2: text('pass2').notNull(),
    answer: text('answer').notNull(),
    operator: text('operator').notNull(),
    createdAt: text('created_at').notNull().default(now()),
  },
  (t) => [uniqueIndex('resolutions_cell').on(t.formId, t.unit, t.question)],
);

export const invalidations = sqliteTable('invalidations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  formId: integer('form_id')
    .notNull()
    .references(() => formInstances.id),
  reason: text('reason').notNull(),
  actor: text('actor').notNull(),
  createdAt: text('created_at').notNull().default(now()),
});

/** Self-assessment points; each import is a batch and the newest batch of a campaign is the one in force. */
export const selfPoints = sqliteTable(
  'self_points',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    batchId: integer('batch_id')
      .notNull()
      .references(() => importBatches.id),
    unit: text('unit').notNull(),
    selfPoints: real('self_points').notNull(),
    selfMax: real('self_max').notNull(),
  },
  (t) => [index('self_points_campaign_batch').on(t.campaignId, t.batchId)],
);

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  role: text('role', { enum: ROLES }).notNull(),
  passwordHash: text('password_hash').notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull().default(now()),
});

/**
 * One row per logged-in browser. The encrypted session cookie names its row, so a cookie stops working when its row
 * goes: at logout, at "logout everywhere", when the password is reset or the account disabled, and after 12 hours.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull().default(now()),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId), index('sessions_expires').on(t.expiresAt)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull().default(now()),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    /** Null for what belongs to no campaign (users, tokens). */
    campaignId: integer('campaign_id').references(() => campaigns.id),
    /** What was done (counts, serials, reasons), as a JSON object. */
    detail: text('detail', { mode: 'json' }).notNull().$type<Record<string, unknown>>().default({}),
  },
  (t) => [index('audit_log_campaign').on(t.campaignId, t.id)],
);

/** Bearer tokens for /api/v1; only a SHA-256 of the token is stored. */
export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: text('created_at').notNull().default(now()),
  revokedAt: text('revoked_at'),
});

/** Service settings kept with the data, such as the session-cookie key, so that a restart keeps people logged in. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * One scanned page as imported (issue 15): its image (a grey PNG in the scans folder beside the database, named by the
 * SHA-256 of its bytes), where it came from, and what the reader found: the page it is and the mm→pixel transform
 * of the image, or why it could not be placed. Pages that fed a machine pass name that pass's batch. Never updated.
 */
export const scanPages = sqliteTable(
  'scan_pages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    batchId: integer('batch_id').references(() => importBatches.id),
    fileName: text('file_name').notNull(),
    filePage: integer('file_page').notNull(),
    imageHash: text('image_hash').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    serial: text('serial'),
    page: integer('page'),
    pages: integer('pages'),
    rotation: integer('rotation'),
    skew: real('skew'),
    dpi: real('dpi'),
    /** [a, b, c, d, e, f]: px = a·x + c·y + e, py = b·x + d·y + f, from sheet millimetres to pixels of the stored image. */
    transform: text('transform', { mode: 'json' }).$type<[number, number, number, number, number, number]>(),
    /** The reader's or the import's reason the page was not used (a problem value), null when it fed a pass. */
    problem: text('problem', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** Who scanned the paper (--operator); the person who ran the import is in the audit log. */
    scannedBy: text('scanned_by').notNull(),
    loadedBy: text('loaded_by'),
    createdAt: text('created_at').notNull().default(now()),
  },
  (t) => [index('scan_pages_campaign_serial').on(t.campaignId, t.serial)],
);

/** Every cell the reader read on a page: its answer, whether it was sure, the boxes' darkness and the row's rectangle (mm) for the crop. */
export const scanCells = sqliteTable(
  'scan_cells',
  {
    pageId: integer('page_id')
      .notNull()
      .references(() => scanPages.id),
    unit: text('unit').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    sure: integer('sure', { mode: 'boolean' }).notNull(),
    why: text('why'),
    fill: text('fill', { mode: 'json' }).notNull().$type<number[]>(),
    row: text('row', { mode: 'json' }).notNull().$type<{ x: number; y: number; w: number; h: number }>(),
    /** The cell waits for a person's verification (verify mode, machine pass 1, read unsure). */
    queued: integer('queued', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pageId, t.unit, t.question] })],
);

/** A person's verification of one cell the machine read unsure: the machine's answer and the one confirmed or typed. */
export const scanVerifications = sqliteTable(
  'scan_verifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    formId: integer('form_id')
      .notNull()
      .references(() => formInstances.id),
    unit: text('unit').notNull(),
    question: text('question').notNull(),
    machine: text('machine').notNull(),
    answer: text('answer').notNull(),
    operator: text('operator').notNull(),
    createdAt: text('created_at').notNull().default(now()),
  },
  (t) => [uniqueIndex('scan_verifications_cell').on(t.formId, t.unit, t.question)],
);
