/** The app's one cache of parsed campaign definitions, decorated as `app.definitions` and passed to the campaign repository. */
import fp from 'fastify-plugin';
import type { DefinitionCache } from '../../db/campaigns.repo';

declare module 'fastify' {
  interface FastifyInstance {
    /** Parsed definitions by campaign id and version, for the app's database only (see db/campaigns.repo.ts). */
    definitions: DefinitionCache;
  }
}

export default fp(
  async (app) => {
    app.decorate('definitions', new Map() as DefinitionCache);
  },
  { name: 'campaigns', dependencies: ['db'] },
);
