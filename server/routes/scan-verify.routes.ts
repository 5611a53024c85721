/** Verifying the cells the scan reader was unsure of (issue 15): one cell at a time beside the image of its row, one key to confirm or correct; and that image, for the reconciliation too. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { listCampaigns } from '../../db/campaigns.repo';
import { cellsWaiting, nextToVerify, scanCellImage, verifyCell } from '../../db/scans.repo';
import type { Role } from '../../surveys/roles';
import { mostWaiting, othersWaiting, verifyText, verifyView } from '../../surveys/omr/verify';
import { readDeskSerial } from '../../surveys/keying-desk';
import { deskDefaultCampaign } from '../../surveys/entry-views';
import { typedFields } from '../form-fields';
import { campaignFromField, campaignFromUrl, campaignOf } from '../plugins/campaign-param';
import type { StoredCampaign } from '../../db/campaigns.repo';
import { rowCropPng } from '../scan/crop-png';

/** Verifying is keying: keyers do it, and supervisors and admins may. */
const KEYING: Role[] = ['keyer', 'supervisor', 'admin'];
const SUPERVISING: Role[] = ['supervisor', 'admin'];

const VerifySchema = z.object({
  serial: z.string().max(20),
  unit: z.string().max(40),
  question: z.string().max(40),
  answer: z.string().max(10).default(''),
});

/** The serial of the form the last verification settled, and how, carried through the redirect. */
const settledNote = (serial?: string, outcome?: string) =>
  serial && /^[0-9]{1,12}$/.test(serial) && (outcome === 'counted' || outcome === 'invalid') ? { serial, counted: outcome === 'counted' } : null;

const scanVerifyRoutes: FastifyPluginAsync<{ scansPath: string }> = async (app, opts) => {
  campaignFromUrl(app, 'campaign', (_req, reply, code) => reply.status(404).send({ error: `Không có đợt điều tra ${code}.` }));
  campaignFromField(
    app,
    'campaign',
    (_req, reply, code) => reply.errorPage(404, 'Không tìm thấy', code ? `Không có đợt điều tra ${code}.` : 'Chưa có đợt điều tra nào.'),
    // Opened from the navigation without a campaign: the one with most cells waiting (a tester's LCV-2020 had 122 while the
    // page opened the newest campaign, with none), else the desk's.
    () => {
      const campaigns = listCampaigns(app.db, app.definitions);
      return (
        mostWaiting(
          campaigns.map((c) => c.code),
          cellsWaiting(app.db),
        ) ?? deskDefaultCampaign(campaigns)
      );
    },
  );
  const named = { campaignField: 'required' } as const;

  const page = (req: { user: { role: Role } | null }, c: StoredCampaign, extra: { errors?: string[]; settled?: ReturnType<typeof settledNote> } = {}) => {
    const next = nextToVerify(app.db, c.id);
    const waiting = cellsWaiting(app.db);
    return {
      // Other campaigns with cells waiting, to switch to.
      others: othersWaiting(
        listCampaigns(app.db, app.definitions).map((o) => o.code),
        waiting,
        c.code,
      ),
      title: 'Xác nhận ô phiếu quét',
      campaign: c,
      cell: next.cell ? verifyView(c.def, next.cell, next.remaining) : null,
      supervising: req.user ? SUPERVISING.includes(req.user.role) : false,
      isAdmin: req.user?.role === 'admin',
      campaignCode: c.code,
      ...extra,
    };
  };

  app.get<{ Querystring: { campaign?: string; settled?: string; outcome?: string } }>(
    '/entry/verify',
    { onRequest: app.requireRole(...KEYING), config: named },
    async (req, reply) => {
      const c = campaignOf(req);
      return reply.view('pages/entry/verify', { ...page(req, c, { settled: settledNote(req.query.settled, req.query.outcome) }), csrf: reply.generateCsrf() });
    },
  );

  app.post('/entry/verify', { onRequest: app.requireRole(...KEYING), preHandler: app.csrfProtection, config: named }, async (req, reply) => {
    const c = campaignOf(req);
    const parsed = VerifySchema.safeParse(req.body);
    const typed = parsed.success ? parsed.data : typedFields(req.body, ['serial', 'unit', 'question', 'answer']);
    const serial = readDeskSerial(typed.serial);
    const errors: string[] = [];
    if (!parsed.success || !serial.ok) errors.push('Dữ liệu gửi lên không hợp lệ. Vui lòng tải lại trang rồi thử lại.');
    else {
      const out = verifyCell(app.db, c, { serial: serial.serial, unit: typed.unit, question: typed.question, answer: typed.answer, operator: req.user!.name });
      if (!out.ok) errors.push(verifyText(out.problem, 'vi'));
      else {
        const settled = out.settled ? `&settled=${serial.serial}&outcome=${out.settled}` : '';
        return reply.redirect(`/entry/verify?campaign=${encodeURIComponent(c.code)}${settled}`, 303);
      }
    }
    return reply.status(400).view('pages/entry/verify', { ...page(req, c, { errors }), csrf: reply.generateCsrf() });
  });

  /** The image of a cell's row on the scanned page that fed its machine pass, upright, as PNG. */
  app.get<{ Params: { campaign: string; serial: string; unit: string; question: string } }>(
    '/entry/scan-crop/:campaign/:serial/:unit/:question',
    { onRequest: app.requireRole(...KEYING) },
    async (req, reply) => {
      const c = campaignOf(req);
      const { serial, unit, question } = req.params;
      const at = scanCellImage(app.db, c.id, serial, unit, question);
      if (!at) return reply.status(404).send({ error: `Ô ${unit} / câu ${question} của phiếu ${serial} không có ảnh quét.` });
      const png = await rowCropPng(opts.scansPath, at.hash, at.transform, at.row);
      return reply.type('image/png').send(png);
    },
  );
};

export default scanVerifyRoutes;
