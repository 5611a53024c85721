/** Files posted from a console form (multipart/form-data): the route area's parser (one file, or several within one total size) and the field's schema. */
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
 * Registers multipart parsing for a form whose file field takes several files (`<input type="file" multiple>`: a
 * scanner that saves one image a page): at most `maxFiles` files of at most `maxBytes` together, counted as they
 * arrive, so an upload over the limit stops there (413, FST_REQ_FILE_TOO_LARGE, as for one file). The field is an
 * Upload when one file came and an array of them for more; `uploadsField` takes both.
 */
export async function acceptManyFiles(app: FastifyInstance, limits: { maxBytes: number; maxFiles: number; fields: number }): Promise<void> {
  const received = new WeakMap<object, number>();
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: limits.maxBytes, files: limits.maxFiles, fields: limits.fields },
    async onFile(this: object, part: MultipartFile) {
      const chunks: Buffer[] = [];
      let total = received.get(this) ?? 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > limits.maxBytes) throw new app.multipartErrors.RequestFileTooLargeError();
        chunks.push(chunk);
      }
      if (part.file.truncated) throw new app.multipartErrors.RequestFileTooLargeError();
      received.set(this, total);
      const upload: Upload = { fileName: part.filename, bytes: Buffer.concat(chunks) };
      Object.assign(part, { value: upload });
    },
  });
}

const isUpload = (v: unknown): v is Upload => typeof v === 'object' && v !== null && Buffer.isBuffer((v as Upload).bytes);
/** A part with no name and no bytes is what a browser sends when nothing was chosen; a named file of 0 bytes is a file. */
const chosen = (v: Upload) => v.bytes.length > 0 || v.fileName !== '';

/** The schema of a several-files field: the files chosen, in the order sent; `missing` when none was. */
export function uploadsField(missing: string) {
  return z
    .custom<Upload | Upload[]>((v) => (Array.isArray(v) ? v.every(isUpload) : isUpload(v)), missing)
    .transform((v) => (Array.isArray(v) ? v : [v]).filter(chosen))
    .refine((list) => list.length > 0, missing);
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
