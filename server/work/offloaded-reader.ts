/** The scan reader on the worker thread (app.offload): a stack of a hundred pages reads for a minute or more, and respondents, keyers and the console are served meanwhile. */
import type { Task, TaskResult } from './tasks';
import { PDF_DPI } from '../scan/decode';
import type { PageReader } from '../scan/import-scans';

/** app.offload (server/plugins/offload.ts), named by its shape: the CLI's side of server/ stays free of fastify. */
type Offload = <K extends Task['kind']>(task: Extract<Task, { kind: K }>) => Promise<TaskResult[K] | undefined>;

/**
 * Every step as offloaded tasks (none names a campaign, so none comes back undefined): a PDF's pages drawn one at a
 * time (pdfjs draws on the thread it runs on, a third of a second a page), each page identified, then read.
 */
export function offloadedReader(offload: Offload): PageReader {
  return {
    async *pdfPages(bytes) {
      // One copy into shared memory: the tasks of every page then see the same bytes.
      const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
      shared.set(bytes);
      const pages = (await offload({ kind: 'pdfPageCount', bytes: shared }))!;
      for (let page = 1; page <= pages; page++) yield (await offload({ kind: 'pdfPage', bytes: shared, page, dpi: PDF_DPI }))!;
    },
    identify: async (image) => (await offload({ kind: 'scanIdentify', image }))!,
    read: async (image, found, map) => (await offload({ kind: 'scanRead', image, found, map }))!,
  };
}
