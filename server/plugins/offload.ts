/** app.offload(task): slow work on a worker thread (piscina), so that respondents and keyers are served meanwhile. */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import fp from 'fastify-plugin';
import { Piscina } from 'piscina';
import { responseSalt } from '../../db/settings.repo';
import { runTask, type Task, type TaskResult } from '../work/tasks';

declare module 'fastify' {
  interface FastifyInstance {
    offload<K extends Task['kind']>(task: Extract<Task, { kind: K }>): Promise<TaskResult[K] | undefined>;
  }
}

export type OffloadOptions = {
  /** The database file the workers open read-only; `:memory:` cannot be shared, so tasks then run on the request thread. */
  databasePath: string;
  /** Worker threads; one by default, leaving a core of a 2-core machine to the request thread. */
  threads?: number;
};

export default fp<OffloadOptions>(
  async (app, opts) => {
    if (opts.databasePath === ':memory:') {
      app.decorate('offload', (task: Task) => runTask(app.db, task) as never);
      return;
    }
    // Workers read only: the secrets they read (the answers' response-id salt) are made here, on the writable connection.
    responseSalt(app.db);
    let pool: Piscina | undefined;
    // Created on first use: most requests never need it, and a worker costs a TypeScript loader start-up.
    const poolOf = () =>
      (pool ??= new Piscina({
        filename: new URL('../work/worker.ts', import.meta.url).href,
        minThreads: 0,
        maxThreads: opts.threads ?? 1,
        idleTimeout: 60_000,
        // The worker is TypeScript: it loads through tsx whether the server runs under tsx or a test runner.
        execArgv: ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href],
      }));
    app.decorate('offload', (task: Task) => poolOf().run({ databasePath: opts.databasePath, task }) as never);
    app.addHook('onClose', async () => {
      await pool?.destroy();
    });
  },
  { name: 'offload', dependencies: ['db'] },
);
