/** The scan reader on the worker thread (app.offload): a stack of a hundred pages reads for a minute or more, and respondents, keyers and the console are served meanwhile. */
import type { FastifyInstance } from 'fastify';
import type { PageReader } from './import-scans';

/** Both steps of the reader as offloaded tasks; neither names a campaign, so neither comes back undefined. */
export function offloadedReader(app: FastifyInstance): PageReader {
  return {
    identify: async (image) => (await app.offload({ kind: 'scanIdentify', image }))!,
    read: async (image, found, map) => (await app.offload({ kind: 'scanRead', image, found, map }))!,
  };
}
