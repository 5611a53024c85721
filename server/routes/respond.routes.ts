/** Respondents on the web: the access-code box, the questionnaire at /r/<code>, drafts and the one submission; wrong codes are rate limited. */
import { Transform } from 'node:stream';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findWebForm, latestWebCells, saveWebDraft, submitWeb, webAccess, type WebAccess, type WebForm } from '../../db/web.repo';
import { formatAccessCode, normalizeAccessCode } from '../../surveys/access-code';
import { answerPlan, answerSchema, type AnswerPlan, answersByCell, answersFromWebFields, issuesByCell, webPostLimits } from '../../surveys/answer-schema';
import { dateTimeVi } from '../../surveys/format-vi';
import { addressOf, questionnaireView, returnAnchor, type Address } from '../../surveys/respond-view';
import { groupByCode } from '../../surveys/scope';

export type RespondOptions = {
  /** Wrong codes one client may try per window before every /r request from it answers 429. */
  maxFailures?: number;
  failureWindowMs?: number;
  /** Posts (saves and submissions) one access code takes per window, from any client; more answer 429. */
  maxPostsPerCode?: number;
  postWindowMs?: number;
};

const StartSchema = z.object({ code: z.string().trim().max(64).default('') });
const PostSchema = z.object({ action: z.enum(['save', 'submit']) });
/** Where the page's script says the respondent was when saving (a cell or question id); checked again by returnAnchor. */
const AtSchema = z.object({ at: z.string().max(16) });

/** What each closed state tells the respondent (addressed as the campaign does), and with which status. */
const CLOSED = (you: Address): Record<Exclude<WebAccess, 'open'>, { status: number; title: string; message: string }> => ({
  paper_only: {
    status: 403,
    title: 'Phiếu chỉ trả lời trên giấy',
    message: `Phiếu này được phát để trả lời trên giấy, không trả lời trực tuyến. Xin ${you} vui lòng trả lời trên phiếu giấy và gửi lại theo hướng dẫn. Trân trọng cảm ơn!`,
  },
  void: { status: 410, title: 'Phiếu không còn hiệu lực', message: 'Mã truy cập này thuộc một phiếu đã bị hủy. Nếu cần, xin liên hệ Sở Nội vụ.' },
  submitted: {
    status: 409,
    title: 'Phiếu đã được gửi',
    message: `Phiếu này đã được gửi trước đây; mỗi phiếu chỉ được gửi một lần. Trân trọng cảm ơn ${you} đã tham gia!`,
  },
  paper: {
    status: 409,
    title: 'Phiếu đã được nhận bản giấy',
    message: `Sở Nội vụ đã nhận và ghi nhận phiếu giấy mang số này, nên không nhận thêm câu trả lời trực tuyến. Trân trọng cảm ơn ${you} đã tham gia!`,
  },
  closed: { status: 409, title: 'Phiếu đã đóng', message: 'Phiếu này đã được xử lý và không còn nhận câu trả lời. Nếu cần, xin liên hệ Sở Nội vụ.' },
});

const NOT_FOUND = {
  title: 'Không tìm thấy phiếu',
  message:
    'Không có phiếu nào với mã truy cập này. Xin kiểm tra lại mã in trên giấy mời hoặc trên phiếu (không phân biệt chữ hoa, chữ thường và dấu gạch ngang).',
};
const TOO_BIG = {
  title: 'Dữ liệu gửi lên không hợp lệ',
  message: 'Dữ liệu gửi lên lớn hơn phiếu này có thể có nên không được nhận. Xin mở lại phiếu bằng mã truy cập và trả lời trên trang.',
};
/** The error a streamed body raises when it outgrows its form (webPostLimits). */
const POST_TOO_BIG = 'CCHC_POST_TOO_BIG';
const TOO_OFTEN = {
  title: 'Phiếu được gửi quá nhiều lần',
  message: 'Phiếu này vừa được lưu hoặc gửi quá nhiều lần trong một thời gian ngắn. Xin đợi vài phút rồi thử lại; những gì đã lưu vẫn còn.',
};
const TOO_MANY = {
  title: 'Quá nhiều lần nhập sai',
  message: 'Đã nhập sai mã truy cập quá nhiều lần từ máy này. Xin đợi vài phút rồi thử lại.',
};

type Values = Map<string, string | string[]>;

/** The questionnaire page of a web form: the view data (surveys/respond-view.ts) and what this request adds. */
const formPage = (wf: WebForm, values: Values, errors: Map<string, string>, extra: Record<string, unknown>) => ({
  ...questionnaireView(wf.campaign.def, wf.form, wf.targets, values, errors),
  ...extra,
});

const respondRoutes: FastifyPluginAsync<RespondOptions> = async (app, opts) => {
  // Only wrong codes count: a respondent with the right code is never slowed down, while guessing stops after a few.
  const failures = app.createRateLimit({ max: opts.maxFailures ?? 10, timeWindow: opts.failureWindowMs ?? 15 * 60_000 });

  /** Answers 429 when this client has used up its wrong guesses; checked before the code is looked up, so it leaks nothing. */
  async function blocked(req: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const state = await failures(req, { increment: false });
    // A peek reports `isExceeded` only past max; a client that has used its last guess is already out.
    if (state.isAllowed || (!state.isExceeded && state.remaining > 0)) return false;
    reply.header('retry-after', String(state.ttlInSeconds));
    await reply.status(429).view('pages/respond/message', { ...TOO_MANY, status: 429, codeBox: false });
    return true;
  }

  // Every post to a code is weighed before its body is read (a bogus post must cost next to nothing): the code's own
  // post limit, then the form's size, which bounds the body's bytes and its fields (webPostLimits).
  const postsPerCode = app.createRateLimit({
    max: opts.maxPostsPerCode ?? 60,
    timeWindow: opts.postWindowMs ?? 10 * 60_000,
    keyGenerator: (req) => `post:${normalizeAccessCode((req.params as { code: string }).code)}`,
  });
  /** The form a post was weighed against, so that the handler does not look it up again. */
  const weighed = new WeakMap<FastifyRequest, { wf: WebForm | undefined; plan: AnswerPlan | null; limits: ReturnType<typeof webPostLimits> }>();
  const planOf = (wf: WebForm) => answerPlan(wf.campaign.def, groupByCode(wf.campaign.def, wf.form.groupCode)!, wf.targets);

  async function refuse(reply: FastifyReply, status: 413 | 429, page: { title: string; message: string }) {
    await reply.status(status).view('pages/respond/message', { ...page, status, codeBox: false });
    return reply;
  }

  async function weigh(req: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply, payload: NodeJS.ReadableStream) {
    if (await blocked(req, reply)) return reply;
    const state = await postsPerCode(req);
    if (!state.isAllowed && state.isExceeded) {
      reply.header('retry-after', String(state.ttlInSeconds));
      return refuse(reply, 429, TOO_OFTEN);
    }
    const wf = findWebForm(app.db, req.params.code, app.definitions);
    // An unknown code stores nothing whatever it posts: it is weighed as a form of no cells.
    const plan = wf ? planOf(wf) : null;
    const limits = webPostLimits(plan ? plan.units.length * plan.questions.length : 0);
    weighed.set(req, { wf, plan, limits });
    if (Number(req.headers['content-length'] ?? 0) > limits.bytes) return refuse(reply, 413, TOO_BIG);
    // A body without a length (chunked) is counted as it streams and cut off at the same bound.
    let received = 0;
    return payload.pipe(
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          received += chunk.length;
          if (received > limits.bytes) done(Object.assign(new Error('the post is larger than its form can be'), { statusCode: 413, code: POST_TOO_BIG }));
          else done(null, chunk);
        },
      }),
    );
  }

  /** Looks a code up; an unknown one counts against the client and gets the 404 page with the code box again. */
  async function lookUp(req: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply): Promise<WebForm | null> {
    const known = weighed.get(req);
    if (!known && (await blocked(req, reply))) return null;
    const wf = known ? known.wf : findWebForm(app.db, req.params.code, app.definitions);
    if (wf) return wf;
    await failures(req);
    await reply.status(404).view('pages/respond/message', { ...NOT_FOUND, status: 404, codeBox: true, typed: req.params.code.slice(0, 64) });
    return null;
  }

  function closed(reply: FastifyReply, wf: WebForm, access: Exclude<WebAccess, 'open'>) {
    const page = CLOSED(addressOf(wf.campaign.def))[access];
    return reply.status(page.status).view('pages/respond/message', { ...page, codeBox: false });
  }

  // A stale or missing CSRF token (say the session cookie expired overnight) stores nothing, but the page comes back
  // with every answer the person typed and a fresh token, so that pressing the button again is all it takes.
  app.setErrorHandler(async (err: FastifyError, req: FastifyRequest<{ Params: { code?: string } }>, reply) => {
    // A body cut off while it streamed gets the same short page as one refused by its declared length.
    if (err.code === POST_TOO_BIG) return refuse(reply, 413, TOO_BIG);
    if (!String(err.code ?? '').startsWith('FST_CSRF') || req.method !== 'POST' || !req.params.code) throw err;
    const wf = await lookUp(req as FastifyRequest<{ Params: { code: string } }>, reply);
    if (!wf) return reply;
    const access = webAccess(app.db, wf.form);
    if (access !== 'open') return closed(reply, wf, access);
    const values: Values = new Map(Object.entries(answersFromWebFields((req.body ?? {}) as Record<string, unknown>)));
    return reply.status(403).view('pages/respond/form', formPage(wf, values, new Map(), { csrf: reply.generateCsrf(), csrfExpired: true }));
  });

  app.get('/r', async (_req, reply) => reply.view('pages/respond/message', { title: 'Trả lời phiếu trực tuyến', codeBox: true, start: true }));

  app.post('/r', async (req, reply) => {
    const code = normalizeAccessCode(StartSchema.safeParse(req.body).data?.code ?? '');
    if (code === '') {
      return reply
        .status(400)
        .view('pages/respond/message', { title: 'Trả lời phiếu trực tuyến', codeBox: true, start: true, message: 'Xin nhập mã truy cập.' });
    }
    return reply.redirect(`/r/${encodeURIComponent(formatAccessCode(code))}`, 303);
  });

  app.get<{ Params: { code: string }; Querystring: { saved?: string } }>('/r/:code', async (req, reply) => {
    const wf = await lookUp(req, reply);
    if (!wf) return reply;
    const access = webAccess(app.db, wf.form);
    if (access !== 'open') return closed(reply, wf, access);
    const saved = latestWebCells(app.db, wf.form.id);
    const values: Values = new Map(saved ? answersByCell(saved.cells) : []);
    const notice = req.query.saved !== undefined && saved ? `Đã lưu tạm lúc ${dateTimeVi(saved.savedAt)}.` : undefined;
    return reply.view('pages/respond/form', formPage(wf, values, new Map(), { csrf: reply.generateCsrf(), notice }));
  });

  const fieldCount = async (req: FastifyRequest, reply: FastifyReply) => {
    const limits = weighed.get(req)?.limits;
    if (limits && Object.keys((req.body ?? {}) as object).length > limits.fields) return refuse(reply, 413, TOO_BIG);
  };

  app.post<{ Params: { code: string } }>('/r/:code', { preParsing: weigh, preValidation: fieldCount, preHandler: app.csrfProtection }, async (req, reply) => {
    const wf = await lookUp(req, reply);
    if (!wf) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const action = PostSchema.safeParse(body).data?.action ?? 'save';
    const raw = answersFromWebFields(body);
    const plan = weighed.get(req)?.plan ?? planOf(wf);
    const values: Values = new Map(Object.entries(raw));
    const full = action === 'submit' ? answerSchema(plan, { complete: !wf.campaign.def.allowBlanks }).safeParse(raw) : null;
    if (full?.success) {
      const out = submitWeb(app.db, wf.campaign, wf.form.id, full.data);
      if (!out.ok) return closed(reply, wf, out.access);
      const you = addressOf(wf.campaign.def);
      return reply.view('pages/respond/thanks', {
        title: `Cảm ơn ${you}`,
        you,
        campaignName: wf.campaign.def.name,
        formCode: wf.form.formCode,
        at: dateTimeVi(new Date()),
      });
    }
    const draft = answerSchema(plan, { complete: false }).safeParse(raw);
    if (!draft.success) {
      // Only a crafted post gets here (a browser sends option codes of this form); show what is wrong, keep the rest.
      const page = formPage(wf, values, issuesByCell(draft.error, 'vi'), { csrf: reply.generateCsrf() });
      return reply.status(400).view('pages/respond/form', page);
    }
    // A draft, or a submission with cells still to answer: either way what was typed is kept as a draft.
    const out = saveWebDraft(app.db, wf.campaign, wf.form.id, draft.data);
    if (!out.ok) return closed(reply, wf, out.access);
    if (action === 'save') {
      // Back to where the person was (without JavaScript: to the first cell still empty), not to the top of a long page.
      const kept = answersByCell(draft.data);
      const at = returnAnchor(
        plan.units,
        plan.questions.map((q) => q.code),
        (cell) => (kept.get(cell) ?? '') !== '',
        AtSchema.safeParse(body).data?.at,
      );
      return reply.redirect(`/r/${encodeURIComponent(formatAccessCode(wf.form.accessCode))}?saved=1#${at}`, 303);
    }
    const page = formPage(wf, values, issuesByCell(full!.error!, 'vi'), { csrf: reply.generateCsrf(), draftKept: true });
    return reply.status(400).view('pages/respond/form', page);
  });
};

export default respondRoutes;
