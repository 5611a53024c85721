/** Settings from the environment, parsed once with zod; nothing else reads process.env. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** An http(s) address without trailing slashes, as PUBLIC_URL and the CLI's --base-url take it. */
export const publicUrlSchema = (name: string) =>
  z
    .url({ protocol: /^https?$/, error: `${name} must be an http:// or https:// address, such as https://khaosat.example.gov.vn` })
    .transform((u) => u.replace(/\/+$/, ''));

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('data/cchc.db'),
  /** The folder of scanned page images (issue 15); by default beside the database file, `<DATABASE_PATH>.scans`. */
  SCANS_PATH: z.string().min(1).optional(),
  // Checked by the password rule when it is used (an empty database's first start), not at every start.
  ADMIN_PASSWORD: z.string().optional(),
  /** Secure cookies need HTTPS; set COOKIE_SECURE=false only for plain-HTTP local use. */
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  /** The browser that renders PDFs: a path, `packaged` (the one inside @sparticuz/chromium), or unset for Debian's chromium when installed, else the packaged one. */
  CHROMIUM_PATH: z.string().min(1).optional(),
  /**
   * Behind a reverse proxy: the proxy's address(es) or subnet(s), comma-separated. Then the client address (for the
   * wrong-code limit and the logs) is read from X-Forwarded-For as far as it passed trusted proxies; by default no
   * header is trusted, since any client can send one.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(false|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'TRUST_PROXY must be false or proxy addresses/subnets separated by commas')
    .default('false'),
  /**
   * Seconds a client may take to send a whole request (headers and body): a body trickled byte by byte is cut off
   * with 408. Long enough for a 32 MB keyed file over a slow line; load bigger files with the CLI.
   */
  REQUEST_TIMEOUT: z.coerce.number().positive().default(60),
  /** Seconds the analysis page waits for its numbers before it shows their progress instead (a provincial run takes about 2 s). */
  ANALYSIS_WAIT: z.coerce.number().min(0).default(5),
  /**
   * Seconds a connection may stay silent either way before it is closed. The server is silent while it works, so this
   * must outlast the slowest answer: a whole run's PDF, which Chromium may take up to 10 minutes to lay out.
   */
  CONNECTION_TIMEOUT: z.coerce.number().positive().default(900),
  /** Level of the server's log (startup, errors); `silent` for none. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** One log line per request and per response: off by default, so that the console shows what needs reading. */
  LOG_REQUESTS: z.enum(['true', 'false']).default('false'),
  /**
   * The address respondents type, as printed on invitations (`<PUBLIC_URL>/r/<code>`), e.g. https://khaosat.snv.laichau.gov.vn.
   * Unset, the console uses the address it was reached at and the CLI asks for --base-url.
   */
  PUBLIC_URL: publicUrlSchema('PUBLIC_URL').optional(),
});

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  /** Scanned page images, one grey PNG per page named by its SHA-256. */
  scansPath: string;
  adminPassword?: string;
  cookieSecure: 'true' | 'false' | 'auto';
  chromiumPath?: string;
  /** As fastify's `trustProxy`: false, or the addresses and subnets of the proxies. */
  trustProxy: false | string[];
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
  analysisWaitMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logRequests: boolean;
  /** Without a trailing slash. */
  publicUrl?: string;
};

const trustProxy = (v: string): false | string[] => (v === 'false' ? false : v.split(',').map((a) => a.trim()));

export function loadConfig(env: Record<string, string | undefined>): Config {
  const e = ConfigSchema.parse(env);
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    // An in-memory database (tests) has no folder beside it: its scans go to the temp folder unless SCANS_PATH is set.
    scansPath: e.SCANS_PATH ?? (e.DATABASE_PATH === ':memory:' ? join(tmpdir(), 'cchc-scans') : `${e.DATABASE_PATH}.scans`),
    adminPassword: e.ADMIN_PASSWORD,
    cookieSecure: e.COOKIE_SECURE,
    chromiumPath: e.CHROMIUM_PATH,
    trustProxy: trustProxy(e.TRUST_PROXY),
    requestTimeoutMs: e.REQUEST_TIMEOUT * 1000,
    connectionTimeoutMs: e.CONNECTION_TIMEOUT * 1000,
    analysisWaitMs: e.ANALYSIS_WAIT * 1000,
    logLevel: e.LOG_LEVEL,
    logRequests: e.LOG_REQUESTS === 'true',
    publicUrl: e.PUBLIC_URL,
  };
}
