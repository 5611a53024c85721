/** The arrows of the house point one way: the CLI reaches nothing of the HTTP app, and no module imports itself round a loop. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const AREAS = ['server', 'surveys', 'db', 'scripts'];
/** What a CLI module may import from server/: the modules that import nothing of fastify by design. */
const CLI_MAY_USE_FROM_SERVER = /^server\/(render\/|scan\/|config\.ts$|background-jobs\.ts$)/;
const FASTIFY = /^(fastify|fastify-plugin|@fastify\/.+)$/;

type Module = { file: string; local: string[]; packages: string[] };

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every import, re-export and dynamic import of a file, type-only ones included (they tie the modules just the same). */
function read(file: string): Module {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
  const local: string[] = [];
  const packages: string[] = [];
  for (const { fileName: spec } of importedFiles) {
    if (spec.startsWith('.')) local.push(resolveLocal(file, spec));
    else if (!spec.startsWith('node:')) packages.push(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
  return { file, local, packages };
}

function resolveLocal(from: string, spec: string): string {
  const base = join(dirname(from), spec);
  const candidates = [base, `${base}.ts`, base.replace(/\.(m?js)$/, (_, e: string) => (e === 'mjs' ? '.mts' : '.ts')), join(base, 'index.ts')];
  const hit = candidates.find((c) => existsSync(join(root, c)) && statSync(join(root, c)).isFile());
  if (!hit) throw new Error(`${from}: cannot resolve ${spec}`);
  return relative(root, join(root, hit)).split('\\').join('/');
}

function graph(): Map<string, Module> {
  const modules = new Map<string, Module>();
  const queue = AREAS.flatMap(sources);
  while (queue.length) {
    const file = queue.pop()!;
    if (modules.has(file) || !/\.(ts|mts)$/.test(file)) continue;
    const m = read(file);
    modules.set(file, m);
    queue.push(...m.local);
  }
  return modules;
}

/** Chains from `start` to a module that imports fastify, each as the list of files walked. */
function fastifyPaths(modules: Map<string, Module>, start: string): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  const walk = (file: string, path: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const m = modules.get(file);
    if (!m) return;
    const pkg = m.packages.find((p) => FASTIFY.test(p));
    if (pkg) found.push([...path, file, pkg]);
    for (const next of m.local) walk(next, [...path, file]);
  };
  walk(start, []);
  return found;
}

/** Strongly connected components of more than one module, or a module that imports itself (Tarjan). */
function cycles(modules: Map<string, Module>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of modules.get(v)?.local ?? []) {
      if (!modules.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || modules.get(v)!.local.includes(v)) out.push(component.sort());
    }
  };
  for (const v of [...modules.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

describe('import graph', () => {
  const modules = graph();
  const inAreas = (f: string) => AREAS.some((a) => f.startsWith(`${a}/`));

  it('reads the TypeScript sources of every area', () => {
    // A walker that found nothing would pass every check below.
    expect(modules.has('scripts/cli.ts')).toBe(true);
    expect(modules.has('server/app.ts')).toBe(true);
    expect(modules.get('server/app.ts')!.packages).toContain('fastify');
  });

  it('nothing the CLI imports, however indirectly, imports fastify or an @fastify package', () => {
    const paths = sources('scripts')
      .flatMap((f) => fastifyPaths(modules, f))
      .map((p) => p.join(' → '));
    expect([...new Set(paths)]).toEqual([]);
  });

  it('the CLI imports from server/ only the fastify-free modules (server/render/, server/config.ts)', () => {
    const reached = sources('scripts').flatMap((f) => modules.get(f)!.local.map((to) => `${f} → ${to}`));
    expect(reached.filter((edge) => edge.split(' → ')[1].startsWith('server/') && !CLI_MAY_USE_FROM_SERVER.test(edge.split(' → ')[1]))).toEqual([]);
  });

  it('server/render/ and server/config.ts import nothing of the HTTP app', () => {
    const fastifyFree = [...modules.keys()].filter((f) => CLI_MAY_USE_FROM_SERVER.test(f));
    expect(fastifyFree.length).toBeGreaterThan(1);
    const edges = fastifyFree.flatMap((f) =>
      modules
        .get(f)!
        .local.filter((to) => to.startsWith('server/') && !CLI_MAY_USE_FROM_SERVER.test(to))
        .map((to) => `${f} → ${to}`),
    );
    expect(edges).toEqual([]);
    expect(fastifyFree.flatMap((f) => fastifyPaths(modules, f)).map((p) => p.join(' → '))).toEqual([]);
  });

  it('surveys/ imports nothing of ours outside surveys/, and db/ nothing outside db/ and surveys/', () => {
    const wrong = [...modules.values()].flatMap((m) =>
      m.local
        .filter((to) => (m.file.startsWith('surveys/') && !to.startsWith('surveys/')) || (m.file.startsWith('db/') && !/^(db|surveys)\//.test(to)))
        .map((to) => `${m.file} → ${to}`),
    );
    expect(wrong).toEqual([]);
  });

  it('has no import cycle in server/, surveys/, db/ or scripts/', () => {
    expect(cycles(new Map([...modules].filter(([f]) => inAreas(f))))).toEqual([]);
  });
});
