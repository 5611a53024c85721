/** Response compression: pages and CSV go compressed to clients that ask, downloads stay intact, tiny and already-compressed bodies go as they are. */
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { listForms } from '../../db/forms.repo';
import { createToken } from '../../db/tokens.repo';
import { addUser } from '../../db/users.repo';
import { buildTestApp } from '../helpers/app';
import { SAMPLE_CAMPAIGN, seedCampaign } from '../helpers/seed';

type App = Awaited<ReturnType<typeof buildTestApp>>;
let app: App;
afterEach(() => app?.close());

async function adminToken(a: App) {
  const added = await addUser(a.db, 'hoa', 'admin', 'mật-khẩu-dài', 'test');
  if (!added.ok) throw new Error(JSON.stringify(added.problem));
  const t = createToken(a.db, added.user.id, 'nén', 'test');
  if (!t.ok) throw new Error(JSON.stringify(t.problem));
  return { authorization: `Bearer ${t.token}` };
}

/** An app with the sample campaign (Lai Châu 2020) loaded and issued for the web. */
async function sample() {
  app = await buildTestApp();
  return seedCampaign(app.db, { file: SAMPLE_CAMPAIGN, channel: 'web' }).c;
}

describe('compressed responses', () => {
  it('sends the 20-unit questionnaire of the sample campaign compressed (brotli or gzip) and the same page as uncompressed', async () => {
    const c = await sample();
    const form = listForms(app.db, c.id, { group: 'CT01-HDND' })[0]; // 20 departments × 10 questions
    const url = `/r/${form.accessCode}`;

    const plain = await app.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
    const gz = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    // The pages differ only in their CSRF token; everything else must come through unchanged.
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/, '');
    expect(strip(brotliDecompressSync(br.rawPayload).toString('utf8'))).toBe(strip(plain.body));
    expect(strip(gunzipSync(gz.rawPayload).toString('utf8'))).toBe(strip(plain.body));
    // The figures of the README: bytes of HTML, and bytes on the wire with each encoding.
    console.log(`20-unit form: ${plain.rawPayload.length} B plain, ${gz.rawPayload.length} B gzip, ${br.rawPayload.length} B brotli`);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 10);
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length / 5);
  });

  it('keeps CSV downloads byte-exact (BOM included) through gzip and leaves xlsx, PDF and tiny bodies uncompressed', async () => {
    await sample();
    const auth = await adminToken(app);
    const csvUrl = '/api/v1/campaigns/LCU-2020/scores?format=csv';
    const plain = await app.inject({ method: 'GET', url: csvUrl, headers: auth });
    const gz = await app.inject({ method: 'GET', url: csvUrl, headers: { ...auth, 'accept-encoding': 'gzip' } });
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-disposition']).toBe(plain.headers['content-disposition']);
    expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect(gunzipSync(gz.rawPayload).subarray(0, 3).toString('hex')).toBe('efbbbf');

    const xlsx = await app.inject({ method: 'GET', url: '/api/v1/campaigns/LCU-2020/workbook.xlsx', headers: { ...auth, 'accept-encoding': 'br, gzip' } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-encoding']).toBeUndefined();
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip, as sent

    // Tiny bodies: a JSON refusal and a redirect.
    const tiny = await app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: { 'accept-encoding': 'br, gzip' } });
    expect(tiny.statusCode).toBe(401);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(tiny.body)).toHaveProperty('error');
    const redirect = await app.inject({ method: 'POST', url: '/r', payload: { code: 'abcd-efgh-jkmn' }, headers: { 'accept-encoding': 'gzip' } });
    expect(redirect.statusCode).toBe(303);
    expect(redirect.headers['content-encoding']).toBeUndefined();
  });

  it('leaves a PDF as it is (application/pdf is already compressed)', async () => {
    app = await buildTestApp();
    // The print route needs Chromium to make a PDF; what matters here is the content type it sends, as print.routes.ts does.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(8192, 'x')]);
    app.get('/test/pdf', async (_req, reply) => reply.type('application/pdf').header('content-disposition', 'attachment; filename="x.pdf"').send(pdf));
    const res = await app.inject({ method: 'GET', url: '/test/pdf', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.equals(pdf)).toBe(true);
  });

  it('does not inflate compressed request bodies (nothing of ours sends one; inflating invites zip bombs)', async () => {
    app = await buildTestApp();
    const res = await app.inject({
      method: 'POST',
      url: '/r',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' },
      payload: gzipSync('code=ABCD-EFGH-JKMN'),
    });
    // Read as it came: no code field in it, so the code box asks again instead of redirecting to /r/ABCD-EFGH-JKMN.
    expect(res.statusCode).toBe(400);
    expect(res.headers.location).toBeUndefined();
  });
});
