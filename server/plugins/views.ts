/** Handlebars pages through @fastify/view: one layout, partials, auto-escaping for everything from users or campaign files. */
import { fileURLToPath } from 'node:url';
import view from '@fastify/view';
import fp from 'fastify-plugin';
import Handlebars from 'handlebars';
import { dateTimeVi, numberVi } from '../../surveys/format-vi';

declare module 'fastify' {
  interface FastifyReply {
    /** Data every page's layout sees (set per request by @fastify/view). */
    locals: Record<string, unknown>;
  }
}

const root = fileURLToPath(new URL('../views', import.meta.url));

export default fp(
  async (app) => {
    const hbs = Handlebars.create();
    hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    // Every value placed in a link goes through it: a typed filter (an operator name with "&" or "#") or a code must
    // stay inside its own path segment or parameter. Handlebars then escapes the result for the attribute as usual.
    hbs.registerHelper('url', (x: unknown) => encodeURIComponent(x === undefined || x === null ? '' : String(x)));
    // One way of writing times and numbers on every page: {{dateTime createdAt}} → 29/11/2026 14:04 (Vietnam time),
    // {{num issued}} → 1.193, {{num points 2}} → 22,50. Handlebars passes its options object last, so a missing
    // decimals argument arrives as that object.
    hbs.registerHelper('dateTime', (at: unknown) => dateTimeVi(typeof at === 'string' || typeof at === 'number' || at instanceof Date ? at : null));
    hbs.registerHelper('num', (x: unknown, decimals: unknown) => (typeof x === 'number' ? numberVi(x, typeof decimals === 'number' ? decimals : 0) : x));
    await app.register(view, {
      engine: { handlebars: hbs },
      root,
      layout: 'layouts/main.hbs',
      viewExt: 'hbs',
      // Compile each template once; without this @fastify/view recompiles on every request unless NODE_ENV=production.
      production: true,
      // The console and keying-desk navigation, one copy each; pages that only admins (or supervisors) reach pass the flag.
      options: {
        partials: {
          head: 'partials/head.hbs',
          'admin-nav': 'partials/admin-nav.hbs',
          'entry-nav': 'partials/entry-nav.hbs',
          'staff-home': 'partials/staff-home.hbs',
          'file-pick': 'partials/file-pick.hbs',
        },
      },
    });
  },
  { name: 'views' },
);
