/** Request logs keep respondents anonymous: no access code and no credential in any logged line (issue 11, item 8). */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/open';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { redactUrl } from '../../server/log-redact';
import { formatAccessCode } from '../../surveys/access-code';
import { seedCampaign } from '../helpers/seed';

describe('redactUrl', () => {
  it.each([
    ['/r/ABCD-EFGH-JKMN', '/r/[redacted]'],
    ['/r/abcdefghjkmn?saved=1#luu', '/r/[redacted]?saved=1#luu'],
    ['/r', '/r'],
    ['/r/ABCD/extra', '/r/[redacted]/extra'],
    ['/admin/print?campaign=LCU-2020&group=G1', '/admin/print?campaign=LCU-2020&group=G1'],
    ['/x?token=cchc_secret&code=ABCD&a=1', '/x?token=[redacted]&code=[redacted]&a=1'],
    ['/x?%74oken=cchc_secret', '/x?%74oken=[redacted]'],
    ['/recent/ABCD', '/recent/ABCD'],
  ])('%s → %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});

it('logs neither the access code of a form that was opened, posted to or guessed, nor a bearer token or a cookie', async () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const db = openDb(':memory:');
  const form = seedCampaign(db, { channel: 'web' }).forms[0];
  const app = await buildApp({ config: loadConfig({ DATABASE_PATH: ':memory:', LOG_REQUESTS: 'true' }), db, logger: { level: 'info', stream } });
  // A line that carries the request's headers (as an error report might): the credentials in them are censored.
  app.get('/test-headers', async (req) => {
    req.log.info({ req: { headers: req.headers }, headers: req.headers }, 'headers');
    return 'ok';
  });
  const code = formatAccessCode(form.accessCode);
  const logged = await app.inject({ url: '/test-headers', headers: { cookie: 'session=secret-cookie', authorization: 'Bearer cchc_headertoken' } });
  expect(logged.statusCode, logged.body).toBe(200);
  const opened = await app.inject({ method: 'GET', url: `/r/${code}`, headers: { cookie: 'session=secret-cookie' } });
  expect(opened.statusCode).toBe(200);
  // Without its CSRF token: refused, and logged like any other request.
  expect((await app.inject({ method: 'POST', url: `/r/${form.accessCode.toLowerCase()}`, payload: { action: 'save' } })).statusCode).toBe(403);
  expect((await app.inject({ method: 'POST', url: '/r', payload: { code } })).statusCode).toBe(303);
  expect((await app.inject({ method: 'GET', url: '/r/WXYZ-WXYZ-WXYZ' })).statusCode).toBe(404);
  expect((await app.inject({ method: 'GET', url: `/r/${code}/nothing-here` })).statusCode).toBe(404);
  const api = await app.inject({ method: 'GET', url: '/api/v1/campaigns?token=cchc_querytoken', headers: { authorization: 'Bearer cchc_headertoken' } });
  expect(api.statusCode).toBe(401);
  await app.close();

  const log = lines.join('');
  expect(log).toContain('/r/[redacted]');
  expect(log).toContain('"cookie":"[redacted]"');
  expect(log).toContain('"authorization":"[redacted]"');
  for (const secret of [code, form.accessCode, form.accessCode.toLowerCase(), 'WXYZ-WXYZ-WXYZ', 'cchc_querytoken', 'cchc_headertoken', 'secret-cookie']) {
    expect(log, secret).not.toContain(secret);
  }
});
