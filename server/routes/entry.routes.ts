/** The keying desk (/entry) and the paper back office: blind double entry, reconciliation, invalid forms, the ledger and keyer accuracy. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { keyerAccuracy } from '../../db/accuracy.repo';
import { listCampaigns, type StoredCampaign } from '../../db/campaigns.repo';
import { invalidateForm, listConflicts } from '../../db/entry.repo';
import { ledgerForms, listForms } from '../../db/forms.repo';
import { formWasScanned, scanUnsureCells } from '../../db/scans.repo';
import { resolveCells, saveDeskPass } from '../../db/desk.repo';
import { typedFields } from '../form-fields';
import { campaignFromField, campaignFromUrl, campaignNotFoundPage, campaignOf } from '../plugins/campaign-param';
import type { Role } from '../../db/users.repo';
import { accuracyView, campaignChoices, conflictFormView, deskDefaultCampaign, conflictListView, ledgerView, settledNotice } from '../../surveys/entry-views';
import { FORM_STATUSES, type FormStatus } from '../../surveys/ledger';
import { keyedText } from '../../surveys/keyed';
import { deskSerialVi, deskView, INVALID_REASONS, invalidateText, readDecisions, readDeskSerial, STATUS_LABELS } from '../../surveys/keying-desk';
import { campaignAsk, deskPass, deskPassVi } from '../../surveys/passes';
import { SERIAL_RULE } from '../../surveys/serial';
import { settleText } from '../../surveys/settle';

const KEYING: Role[] = ['keyer', 'supervisor', 'admin'];

/** The desk's answer to a form it may not key: every pass refusal is a conflict with the ledger's state. */
const PASS_REFUSED = 409;
const unknownForm = (serial: string) => ({ error: `Không có phiếu số ${serial} trong đợt điều tra này.` });
const SUPERVISING: Role[] = ['supervisor', 'admin'];

const PassBodySchema = z.object({
  cells: z
    .array(z.object({ unit: z.string().max(40), question: z.string().max(40), answer: z.string().max(1) }))
    .min(1)
    .max(20_000),
});

const InvalidateBodySchema = z.object({
  serial: z.string().default(''),
  reason: z.string().default(''),
  other: z.string().trim().max(300).default(''),
});

/** How many decisions the last reconciliation post stored, carried through its redirect so the next page can say so. */
const storedCount = (q?: string) => (q && /^[0-9]{1,6}$/.test(q) ? Number(q) : null);

const entryRoutes: FastifyPluginAsync = async (app) => {
  // The desk's form URLs answer JSON to its script; the reconciliation pages answer pages.
  campaignFromUrl(app, 'campaign', (req, reply, code) =>
    req.url.startsWith('/entry/form/') ? reply.status(404).send({ error: `Không có đợt điều tra ${code}.` }) : campaignNotFoundPage(req, reply, code),
  );
  // The desk's pages name the campaign in `?campaign=` (the invalidation form in its body); opened without one, a page
  // shows the campaign a desk most likely means: the newest with issued forms.
  campaignFromField(
    app,
    'campaign',
    (_req, reply, code) => reply.errorPage(404, 'Không tìm thấy', code ? `Không có đợt điều tra ${code}.` : 'Chưa có đợt điều tra nào.'),
    () => deskDefaultCampaign(listCampaigns(app.db, app.definitions)),
  );
  const named = { campaignField: 'required' } as const;
  const nav = (req: { user: { role: Role } | null }, c?: StoredCampaign) => ({
    supervising: req.user ? SUPERVISING.includes(req.user.role) : false,
    // The console's navigation on supervising pages shows the admin-only links to admins.
    isAdmin: req.user?.role === 'admin',
    campaignCode: c?.code,
  });

  // ---- the keying desk -------------------------------------------------------------------------------------------

  app.get('/entry', { onRequest: app.requireRole(...KEYING), config: named }, async (req, reply) => {
    const c = campaignOf(req);
    return reply.view('pages/entry/desk', {
      title: 'Nhập phiếu giấy',
      campaign: c,
      ...campaignChoices(listCampaigns(app.db, app.definitions), c.code),
      deskCsrf: reply.generateCsrf(),
      serialRule: JSON.stringify(SERIAL_RULE),
      ...nav(req, c),
    });
  });

  /** The form to key, as JSON: heading and matrix only. A pass-2 keyer sees exactly what a pass-1 keyer sees. */
  app.get<{ Params: { campaign: string; serial: string } }>('/entry/form/:campaign/:serial', { onRequest: app.requireRole(...KEYING) }, async (req, reply) => {
    const c = campaignOf(req);
    const serial = readDeskSerial(req.params.serial);
    if (!serial.ok) return reply.status(400).send({ error: deskSerialVi(serial.problem) });
    const f = ledgerForms(app.db, c.id, serial.serial).get(serial.serial);
    if (!f) return reply.status(404).send(unknownForm(serial.serial));
    const pass = deskPass(f, { operator: req.user!.name, loadedBy: req.user!.name, ...campaignAsk(c.def) });
    if (!pass.ok) return reply.status(PASS_REFUSED).send({ error: deskPassVi(pass.problem) });
    return deskView(c.def, f, pass.pass);
  });

  /** Saves one pass through the same import and checks as a keyed CSV file; the server decides which pass it is. */
  app.post<{ Params: { campaign: string; serial: string } }>(
    '/entry/form/:campaign/:serial/pass',
    { onRequest: app.requireRole(...KEYING), preHandler: app.csrfProtection },
    async (req, reply) => {
      const c = campaignOf(req);
      const serial = readDeskSerial(req.params.serial);
      if (!serial.ok) return reply.status(400).send({ error: deskSerialVi(serial.problem) });
      const body = PassBodySchema.safeParse(req.body);
      if (!body.success) return reply.status(400).send({ error: 'Dữ liệu gửi lên không đúng định dạng.' });
      const outcome = saveDeskPass(app.db, c, serial.serial, body.data.cells, req.user!.name);
      if (outcome.kind === 'unknown-form') return reply.status(404).send(unknownForm(serial.serial));
      if (outcome.kind === 'refused') return reply.status(PASS_REFUSED).send({ error: deskPassVi(outcome.problem) });
      if (outcome.kind === 'cells')
        return reply.status(400).send({ error: `Không lưu được phiếu ${serial.serial}: ${outcome.problems.map((p) => keyedText(p, 'vi')).join('; ')}` });
      return reply.send({
        ok: true,
        serial: serial.serial,
        pass: outcome.pass,
        formStatus: outcome.formStatus,
        statusLabel: STATUS_LABELS[outcome.formStatus],
      });
    },
  );

  // ---- reconciliation --------------------------------------------------------------------------------------------

  app.get<{ Querystring: { campaign?: string; settled?: string; outcome?: string; stored?: string } }>(
    '/entry/conflicts',
    { onRequest: app.requireRole(...SUPERVISING), config: named },
    async (req, reply) => {
      const c = campaignOf(req);
      return reply.view('pages/entry/conflicts', {
        title: 'Đối chiếu hai lượt nhập',
        campaign: c,
        forms: conflictListView(c.def, ledgerForms(app.db, c.id), listConflicts(app.db, c)),
        settled: settledNotice(req.query.settled, req.query.outcome),
        stored: storedCount(req.query.stored),
        ...nav(req, c),
      });
    },
  );

  /** One form's differing cells, with one decision each; null when the campaign has no such form. */
  const conflictPage = (
    c: StoredCampaign,
    serial: string,
    extra: { errors?: string[]; chosen?: Record<string, string>; others?: Record<string, string> } = {},
  ) => {
    const f = ledgerForms(app.db, c.id, serial).get(serial);
    if (!f) return null;
    return {
      ...conflictFormView(c.def, f, listConflicts(app.db, c, serial), extra.chosen, extra.others, scanUnsureCells(app.db, c.id, serial)),
      // A form read from a scan shows each differing cell's row as scanned, beside the two passes (issue 15).
      scanned: formWasScanned(app.db, c.id, serial),
      campaign: c,
      ...extra,
    };
  };

  app.get<{ Params: { campaign: string; serial: string }; Querystring: { stored?: string } }>(
    '/entry/conflicts/:campaign/:serial',
    { onRequest: app.requireRole(...SUPERVISING) },
    async (req, reply) => {
      const c = campaignOf(req);
      const page = conflictPage(c, req.params.serial);
      if (!page) return reply.errorPage(404, 'Không tìm thấy', `Không có phiếu số ${req.params.serial}.`);
      return reply.view('pages/entry/conflict-form', { ...page, stored: storedCount(req.query.stored), csrf: reply.generateCsrf(), ...nav(req, c) });
    },
  );

  app.post<{ Params: { campaign: string; serial: string }; Body: Record<string, string> }>(
    '/entry/conflicts/:campaign/:serial',
    { onRequest: app.requireRole(...SUPERVISING), preHandler: app.csrfProtection },
    async (req, reply) => {
      const c = campaignOf(req);
      const serial = req.params.serial;
      const f = ledgerForms(app.db, c.id, serial).get(serial);
      if (!f) return reply.errorPage(404, 'Không tìm thấy', `Không có phiếu số ${serial}.`);
      const read = readDecisions(c.def, f.groupCode, listConflicts(app.db, c, serial), (req.body ?? {}) as Record<string, unknown>);
      const { decisions, chosen, others } = read;
      const errors = read.problems.map((p) => settleText(p, 'vi'));
      let settled: 'counted' | 'invalid' | null = null;
      if (!errors.length) {
        const out = resolveCells(app.db, c, serial, decisions, req.user!.name);
        if (out.ok) settled = out.settled;
        else errors.push(settleText(out.problem, 'vi'));
      }
      if (errors.length) {
        const page = conflictPage(c, serial, { errors, chosen, others })!;
        return reply.status(400).view('pages/entry/conflict-form', { ...page, csrf: reply.generateCsrf(), ...nav(req, c) });
      }
      const stored = `stored=${decisions.length}`;
      if (settled) return reply.redirect(`/entry/conflicts?campaign=${encodeURIComponent(c.code)}&settled=${serial}&outcome=${settled}&${stored}`, 303);
      return reply.redirect(`/entry/conflicts/${encodeURIComponent(c.code)}/${serial}?${stored}`, 303);
    },
  );

  // ---- the ledger and invalid forms ------------------------------------------------------------------------------

  const ledgerPage = (c: StoredCampaign, status: FormStatus | undefined, extra: Record<string, unknown> = {}) => ({
    ...ledgerView(c.def, listForms(app.db, c.id), status),
    campaign: c,
    ...extra,
  });

  app.get<{ Querystring: { campaign?: string; status?: string; invalidated?: string } }>(
    '/entry/ledger',
    { onRequest: app.requireRole(...SUPERVISING), config: named },
    async (req, reply) => {
      const c = campaignOf(req);
      const status = FORM_STATUSES.find((s) => s === req.query.status);
      const invalidated = req.query.invalidated && /^[0-9]+$/.test(req.query.invalidated) ? req.query.invalidated : undefined;
      return reply.view('pages/entry/ledger', { ...ledgerPage(c, status, { invalidated }), csrf: reply.generateCsrf(), ...nav(req, c) });
    },
  );

  app.post('/entry/invalidate', { onRequest: app.requireRole(...SUPERVISING), preHandler: app.csrfProtection, config: named }, async (req, reply) => {
    const c = campaignOf(req);
    const parsed = InvalidateBodySchema.safeParse(req.body);
    // A field sent twice or a reason over its limit (a crafted post: the form sends neither) is refused with what was typed.
    const { serial: serialText, reason, other } = parsed.success ? parsed.data : typedFields(req.body, ['serial', 'reason', 'other']);
    const errors: string[] = parsed.success ? [] : ['Dữ liệu gửi lên không hợp lệ. Vui lòng tải lại trang rồi thử lại.'];
    const serial = readDeskSerial(serialText);
    if (!serial.ok) errors.push(deskSerialVi(serial.problem));
    const chosen = reason === 'other' ? other : (INVALID_REASONS as readonly string[]).includes(reason) ? reason : '';
    if (!chosen) errors.push(reason === 'other' ? 'Hãy ghi lý do.' : 'Hãy chọn lý do.');
    if (serial.ok && !errors.length) {
      const out = invalidateForm(app.db, c, serial.serial, chosen, req.user!.name);
      if (!out.ok) errors.push(invalidateText(out.problem, 'vi'));
    }
    if (errors.length) {
      const page = ledgerPage(c, undefined, { errors, typed: { serial: serialText, reason, other } });
      return reply.status(400).view('pages/entry/ledger', { ...page, csrf: reply.generateCsrf(), ...nav(req, c) });
    }
    return reply.redirect(`/entry/ledger?campaign=${encodeURIComponent(c.code)}&invalidated=${serial.ok ? serial.serial : ''}`, 303);
  });

  // ---- keyer accuracy --------------------------------------------------------------------------------------------

  app.get('/entry/accuracy', { onRequest: app.requireRole(...SUPERVISING), config: named }, async (req, reply) => {
    const c = campaignOf(req);
    return reply.view('pages/entry/accuracy', {
      title: 'Độ chính xác của người nhập phiếu',
      campaign: c,
      ...accuracyView(keyerAccuracy(app.db, c.id)),
      ...nav(req, c),
    });
  });
};

export default entryRoutes;
