/** One Vietnamese term for one thing on every page, print and message: the code a respondent types is «mã truy cập». */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|hbs|js|json)$/.test(name) ? [path] : [];
  });
}

describe('terms', () => {
  it('calls the respondent code «mã truy cập» everywhere (the invitations said «mã trả lời» while the home page, the form and the console said «Mã truy cập»)', () => {
    const found = ['server', 'surveys', 'scripts']
      .flatMap((area) => files(join(root, area)))
      .filter((file) => /mã trả lời/i.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(found).toEqual([]);
  });

  // Staff screens and messages speak as an administration does, not to «bạn» (the account list said «(bạn)», the
  // refusal «Tài khoản của bạn không có quyền…»).
  it('never addresses the user as «bạn»', () => {
    const found = ['server', 'surveys', 'scripts']
      .flatMap((area) => files(join(root, area)))
      .filter((file) => /\bbạn\b/iu.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(found).toEqual([]);
  });
});
