/** What every CLI command shares: the input-error type (exit 1), output to a file or stdout, reading files. */
import { readFileSync, writeFileSync } from 'node:fs';
import { utf8Text } from '../surveys/csv';

/** Bad input from the user: every problem is listed on stderr, nothing was written, exit status 1. */
export class InputError extends Error {
  constructor(public readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export function fail(...problems: string[]): never {
  throw new InputError(problems);
}

/** A whole text file, which must be UTF-8: a file saved in Windows-1258 would otherwise load with garbled diacritics. */
export function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    fail(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return utf8Text(bytes) ?? fail(`${path} is not UTF-8 text: save it as UTF-8 (Windows-1258 and other code pages are not read)`);
}

/**
 * A reader that closes early (`cchc manifest X | head -1`) is not an error: the command ends quietly with status 0,
 * as `git log | head` does, instead of dying with an EPIPE stack trace. Anything it wrote to a file or the database
 * before is complete; only the rest of stdout is dropped.
 */
export function endQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
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
