/** One file posted from a console form (multipart/form-data): the route area's parser and the field's schema. */
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/** A posted file as the handler sees it: the browser's file name (for the ledger and the audit log) beside the bytes. */
export type Upload = { fileName: string; bytes: Buffer };

/**
 * Registers multipart parsing on an encapsulated route area: one file of at most `maxBytes` and `fields` plain
 * fields, attached to the body as values (the file field as an Upload). Register it only in the area that takes a
 * file: it replaces the body of every request of its scope. Roles belong in onRequest there, since the file is read
 * whole in preValidation.
 */
export async function acceptOneFile(app: FastifyInstance, limits: { maxBytes: number; fields: number }): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: limits.maxBytes, files: 1, fields: limits.fields },
    async onFile(part: MultipartFile) {
      const upload: Upload = { fileName: part.filename, bytes: await part.toBuffer() };
      Object.assign(part, { value: upload });
    },
  });
}

/**
 * The schema of a form's file field; `missing` is the Vietnamese line shown when no file was chosen. A named file of
 * 0 bytes is a file (its reader says it is empty); a part with no name and no bytes is what a browser sends when
 * nothing was chosen.
 */
export function uploadField(missing: string) {
  return z.custom<Upload>(
    (v) => typeof v === 'object' && v !== null && Buffer.isBuffer((v as Upload).bytes) && ((v as Upload).bytes.length > 0 || (v as Upload).fileName !== ''),
    missing,
  );
}
