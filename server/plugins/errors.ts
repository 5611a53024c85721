/** One error handler: validation → 400 with details, anything ≥ 500 logged with context and shown generically; a Vietnamese 404 page. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyReply {
    /** Renders the Vietnamese error page with this status; returns the reply, so a handler can `return reply.errorPage(...)`. */
    errorPage(status: number, title: string, message: string): FastifyReply;
  }
}

/** The API, for scripts and other tools: English messages. */
export const isApi = (req: FastifyRequest) => req.url.startsWith('/api/');

/**
 * Whether the client reads JSON: the API, and the keying desk's fetch calls (they ask for JSON; an HTML page or a redirect
 * to the login page would reach them as something they cannot read). Both the error handler and the role checks use it.
 */
export const wantsJson = (req: FastifyRequest) => isApi(req) || (req.headers.accept ?? '').startsWith('application/json');

/** What people see instead of a library's English message, for errors they can cause by waiting too long. */
const USER_MESSAGES: Record<string, string> = {
  FST_CSRF_INVALID_TOKEN: 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi thử lại.',
  FST_CSRF_MISSING_SECRET: 'Phiên làm việc đã hết hạn. Vui lòng tải lại trang rồi thử lại.',
};
const GENERIC_VI = 'Đã có lỗi xảy ra. Vui lòng thử lại sau.';
/**
 * Any other refusal fastify or a plugin makes of a request (a body over its route's limit, a body the route cannot
 * parse, a type no form sends), by status: their messages are English ("Request body is too large"), and a page or
 * the keying desk shows this text instead (issue 12: no English on a Vietnamese page).
 */
const STATUS_MESSAGES: Record<number, string> = {
  408: 'Gửi dữ liệu quá lâu nên máy chủ đã ngừng chờ. Vui lòng thử lại.',
  413: 'Dữ liệu gửi lên quá lớn. Với tệp lớn, hãy chia nhỏ tệp hoặc dùng dòng lệnh.',
};
const BAD_REQUEST_VI = 'Dữ liệu gửi lên không đúng định dạng.';
/** What a person reads for a refusal under 500 that no route worded itself. */
const refusalVi = (err: FastifyError, status: number) => USER_MESSAGES[err.code] ?? STATUS_MESSAGES[status] ?? BAD_REQUEST_VI;

export default fp(
  async (app) => {
    app.decorateReply('errorPage', function (this: FastifyReply, status: number, title: string, message: string) {
      return this.status(status).view('pages/error', { title, status, message });
    });

    app.setErrorHandler((err: FastifyError, req, reply) => {
      const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
      if (status >= 500) req.log.error({ err, url: req.url, method: req.method }, 'request failed');
      if (isApi(req)) {
        return reply.status(status).send({ error: status >= 500 ? 'Internal error' : err.message, details: err.validation ?? undefined });
      }
      const message = status >= 500 ? GENERIC_VI : refusalVi(err, status);
      // The keying desk shows `error` to the keyer as it is.
      if (wantsJson(req)) return reply.status(status).send({ error: message, details: err.validation ?? undefined });
      return reply.errorPage(status, 'Lỗi', message);
    });
    app.setNotFoundHandler((req, reply) => {
      if (isApi(req)) return reply.status(404).send({ error: 'Not found' });
      if (wantsJson(req)) return reply.status(404).send({ error: 'Không tìm thấy.' });
      return reply.errorPage(404, 'Không tìm thấy', 'Không tìm thấy trang được yêu cầu.');
    });
  },
  { name: 'errors', dependencies: ['views'] },
);
