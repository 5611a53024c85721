/** What every CLI command shares: the input-error type (exit 1), output to a file or stdout, reading files. */
import { readFileSync, writeFileSync } from 'node:fs';

/** Bad input from the user: every problem is listed on stderr, nothing was written, exit status 1. */
export class InputError extends Error {
  constructor(public readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export function fail(...problems: string[]): never {
  throw new InputError(problems);
}

export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    fail(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Writes to `--out` when given, else to stdout. */
export function emit(text: string | Buffer, out?: string): void {
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  fail(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}
