/** What the request log may say: URLs with access codes and tokens blanked, no credentials from headers (issue 11, item 8). */
import type { FastifyRequest } from 'fastify';

const HIDDEN = '[redacted]';
/** An access code in a path: `/r/<code>`, up to the next segment, query, fragment, space or quote. */
const ACCESS_CODE_PATH = /\/r\/[^/\s?#"']+/g;
const hideCodes = (text: string) => text.replace(ACCESS_CODE_PATH, `/r/${HIDDEN}`);
/** Query parameters that carry a secret somewhere in the app (none today, but a token in a link must never be logged). */
const SECRET_PARAMS = /^(code|token|access_token|password|_csrf)$/i;

/**
 * A URL as it may be logged: the access code of `/r/<code>` (a respondent's form: with the client address it would
 * tie a person's address to their answers) and secret query parameters are replaced by `[redacted]`.
 * `/r/ABCD-EFGH-JKMN?saved=1` → `/r/[redacted]?saved=1`.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = hideCodes(q < 0 ? url : url.slice(0, q));
  if (q < 0) return path;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((kv) => {
      const eq = kv.indexOf('=');
      const key = decodeURIComponentSafe(eq < 0 ? kv : kv.slice(0, eq));
      return SECRET_PARAMS.test(key) ? `${kv.slice(0, eq < 0 ? kv.length : eq)}=${HIDDEN}` : kv;
    });
  return `${path}?${params.join('&')}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * pino serializers and paths for fastify's logger: the request is logged as method, redacted URL, host and client
 * address (fastify's default fields), and the credential headers are censored wherever a log line carries them.
 */
export const logRedaction = {
  // Messages are text too: a line such as "Route GET:/r/ABCD-EFGH-JKMN not found" must not carry the code either.
  hooks: {
    logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
      method.apply(
        this,
        args.map((a) => (typeof a === 'string' ? hideCodes(a) : a)),
      );
    },
  },
  serializers: {
    // Whatever object a line logs as `req` (fastify's request, or a plain one a handler builds): never a bare URL, never
    // its headers, and never a throw while logging.
    req: (req: Partial<FastifyRequest>) => ({
      method: req.method,
      url: typeof req.url === 'string' ? redactUrl(req.url) : undefined,
      host: req.host,
      remoteAddress: req.ip,
    }),
  },
  redact: {
    paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', 'url'],
    censor: (v: unknown, path: string[]) => (path.at(-1) === 'url' && typeof v === 'string' ? redactUrl(v) : HIDDEN),
  },
};
