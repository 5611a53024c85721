/** HSTS and the CSP's upgrade-insecure-requests go out over HTTPS only, decided as the session cookie's Secure flag is. */
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app';

async function loginPage(env: Record<string, string>, headers: Record<string, string>) {
  const app = await buildTestApp(undefined, env);
  try {
    const res = await app.inject({ method: 'GET', url: '/login', headers });
    const session = res.cookies.find((c) => c.name === 'cchc_session');
    return { hsts: res.headers['strict-transport-security'], csp: String(res.headers['content-security-policy']), secureCookie: session?.secure === true };
  } finally {
    await app.close();
  }
}

const lan = { host: '10.12.0.5:3000' };

describe('HTTPS-only headers', () => {
  it.each([
    ['plain HTTP at a LAN address', {}, lan, false],
    ['plain HTTP claiming https without a trusted proxy', {}, { ...lan, 'x-forwarded-proto': 'https' }, false],
    ['HTTPS through a trusted proxy', { TRUST_PROXY: '127.0.0.1' }, { ...lan, 'x-forwarded-proto': 'https' }, true],
    ['plain HTTP through a trusted proxy', { TRUST_PROXY: '127.0.0.1' }, { ...lan, 'x-forwarded-proto': 'http' }, false],
    ['COOKIE_SECURE=true (TLS proxy in front)', { COOKIE_SECURE: 'true' }, lan, true],
    ['COOKIE_SECURE=false', { COOKIE_SECURE: 'false', TRUST_PROXY: '127.0.0.1' }, { ...lan, 'x-forwarded-proto': 'https' }, false],
  ])('%s', async (_name, env, headers, https) => {
    const got = await loginPage(env, headers);
    expect(got.hsts).toBe(https ? 'max-age=15552000; includeSubDomains' : undefined);
    expect(got.csp.includes('upgrade-insecure-requests')).toBe(https);
    // The rest of the policy is the same either way.
    expect(got.csp).toContain("script-src 'self'");
    expect(got.csp).toContain("default-src 'self'");
    expect(got.secureCookie).toBe(https);
  });
});
