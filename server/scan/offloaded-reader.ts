/** The scan reader on the worker thread (app.offload): a stack of a hundred pages reads for a minute or more, and respondents, keyers and the console are served meanwhile. */
import type { FastifyInstance } from 'fastify';
import { PDF_DPI } from './decode';
import type { PageReader } from './import-scans';

/**
 * Every step as offloaded tasks (none names a campaign, so none comes back undefined): a PDF's pages drawn one at a
 * time (pdfjs draws on the thread it runs on, a third of a second a page), each page identified, then read.
 */
export function offloadedReader(app: FastifyInstance): PageReader {
  return {
    async *pdfPages(bytes) {
      // One copy into shared memory: the tasks of every page then see the same bytes.
      const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
      shared.set(bytes);
      const pages = (await app.offload({ kind: 'pdfPageCount', bytes: shared }))!;
      for (let page = 1; page <= pages; page++) yield (await app.offload({ kind: 'pdfPage', bytes: shared, page, dpi: PDF_DPI }))!;
    },
    identify: async (image) => (await app.offload({ kind: 'scanIdentify', image }))!,
    read: async (image, found, map) => (await app.offload({ kind: 'scanRead', image, found, map }))!,
  };
}
