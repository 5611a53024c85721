/** One error handler: validation → 400 with details, anything ≥ 500 logged with context and shown generically; a Vietnamese 404 page. */
import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';

const wantsJson = (url: string) => url.startsWith('/api/');

/** What people see instead of a library's English message, for errors they can cause by waiting too long. */
const USER_MESSAGES: Record<string, string> = {
  FST_CSRF_INVALID_TOKEN: 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi thử lại.',
  FST_CSRF_MISSING_SECRET: 'Phiên làm việc đã hết hạn. Vui lòng tải lại trang rồi thử lại.',
};

export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, req, reply) => {
      const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
      if (status >= 500) req.log.error({ err, url: req.url, method: req.method }, 'request failed');
      if (wantsJson(req.url)) {
        return reply.status(status).send({ error: status >= 500 ? 'Internal error' : err.message, details: err.validation ?? undefined });
      }
      return reply
        .status(status)
        .view('pages/error', {
          title: 'Lỗi',
          status,
          message: status >= 500 ? 'Đã có lỗi xảy ra. Vui lòng thử lại sau.' : (USER_MESSAGES[err.code] ?? err.message),
        });
    });
    app.setNotFoundHandler((req, reply) => {
      if (wantsJson(req.url)) return reply.status(404).send({ error: 'Not found' });
      return reply.status(404).view('pages/error', { title: 'Không tìm thấy', status: 404, message: 'Không tìm thấy trang bạn yêu cầu.' });
    });
  },
  { name: 'errors', dependencies: ['views'] },
);
