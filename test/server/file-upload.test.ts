/** Several files in one console upload (server/file-upload.ts acceptManyFiles): every file reaches the handler in the order sent, and the size limit holds for all files together, not each one. */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { acceptManyFiles, uploadsField, type Upload } from '../../server/file-upload';
import { multipartBody } from '../helpers/multipart';

async function build() {
  const a = Fastify();
  await a.register(async (area) => {
    await acceptManyFiles(area, { maxBytes: 1000, maxFiles: 10, fields: 2 });
    area.post('/up', async (req, reply) => {
      const files = uploadsField('Chọn tệp.').safeParse((req.body as { file?: unknown }).file);
      if (!files.success) return reply.status(400).send({ error: files.error.issues[0].message });
      return files.data.map((f: Upload) => [f.fileName, f.bytes.length]);
    });
  });
  return a;
}

describe('acceptManyFiles', () => {
  it.each([
    ['one file', [600], 200, [['f1', 600]]],
    [
      'three files within 1000 bytes together',
      [300, 300, 400],
      200,
      [
        ['f1', 300],
        ['f2', 300],
        ['f3', 400],
      ],
    ],
    ['two files each under the limit but 1200 bytes together', [600, 600], 413, null],
    ['one file over the limit', [1001], 413, null],
  ] as [string, number[], number, [string, number][] | null][])('%s', async (_name, sizes, status, body) => {
    const a = await build();
    try {
      const { contentType, payload } = await multipartBody(
        {},
        sizes.map((n, i) => ({ bytes: new Uint8Array(n).fill(65), name: `f${i + 1}` })),
      );
      const res = await a.inject({ method: 'POST', url: '/up', headers: { 'content-type': contentType }, payload });
      expect(res.statusCode).toBe(status);
      if (body) expect(res.json()).toEqual(body);
    } finally {
      await a.close();
    }
  });

  it('no file: the field’s message', async () => {
    const a = await build();
    try {
      const { contentType, payload } = await multipartBody({ note: 'x' });
      const res = await a.inject({ method: 'POST', url: '/up', headers: { 'content-type': contentType }, payload });
      expect([res.statusCode, res.json().error]).toEqual([400, 'Chọn tệp.']);
    } finally {
      await a.close();
    }
  });
});
