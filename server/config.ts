/** Settings from the environment, parsed once with zod; nothing else reads process.env. */
import { z } from 'zod';

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('data/cchc.db'),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD must be at least 8 characters').optional(),
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
});

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  adminPassword?: string;
  cookieSecure: 'true' | 'false' | 'auto';
  chromiumPath?: string;
  /** As fastify's `trustProxy`: false, or the addresses and subnets of the proxies. */
  trustProxy: false | string[];
};

const trustProxy = (v: string): false | string[] => (v === 'false' ? false : v.split(',').map((a) => a.trim()));

export function loadConfig(env: Record<string, string | undefined>): Config {
  const e = ConfigSchema.parse(env);
  return { port: e.PORT, host: e.HOST, databasePath: e.DATABASE_PATH, adminPassword: e.ADMIN_PASSWORD, cookieSecure: e.COOKIE_SECURE, chromiumPath: e.CHROMIUM_PATH, trustProxy: trustProxy(e.TRUST_PROXY) };
}
