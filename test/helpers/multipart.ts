/** Builds a multipart/form-data body as a browser sends a form with a file input, for inject(). */

export type UploadFile = { bytes: string | Uint8Array; name: string };

/** The body and its content-type header (with the boundary) for `fields` and any number of files named `file`. */
export async function multipartBody(fields: Record<string, string>, files: UploadFile[] = []): Promise<{ contentType: string; payload: Buffer }> {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const f of files) body.append('file', new Blob([typeof f.bytes === 'string' ? f.bytes : new Uint8Array(f.bytes)]), f.name);
  const encoded = new Request('http://localhost/', { method: 'POST', body });
  return { contentType: encoded.headers.get('content-type')!, payload: Buffer.from(await encoded.arrayBuffer()) };
}
