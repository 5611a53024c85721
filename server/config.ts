/** Settings from the environment, parsed once with zod; nothing else reads process.env. */
import { z } from 'zod';

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('data/cchc.db'),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD must be at least 8 characters').optional(),
  /** Secure cookies need HTTPS; set COOKIE_SECURE=false only for plain-HTTP local use. */
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  /** The browser that renders PDFs (Debian's chromium package). */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
});

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  adminPassword?: string;
  cookieSecure: 'true' | 'false' | 'auto';
  chromiumPath: string;
};

export function loadConfig(env: Record<string, string | undefined>): Config {
  const e = ConfigSchema.parse(env);
  return { port: e.PORT, host: e.HOST, databasePath: e.DATABASE_PATH, adminPassword: e.ADMIN_PASSWORD, cookieSecure: e.COOKIE_SECURE, chromiumPath: e.CHROMIUM_PATH };
}
