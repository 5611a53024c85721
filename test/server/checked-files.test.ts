/** The store of checked campaign files: kept by hash, expiring, bounded, and remembering what a loaded file became. */
import { describe, expect, it } from 'vitest';
import { CheckedFiles } from '../../server/checked-files';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('CheckedFiles', () => {
  it('gives a file back by its hash until it expires', () => {
    let t = 0;
    const store = new CheckedFiles<string, number>({ minutes: 30, files: 5 }, () => t);
    const hash = store.keep(bytes('a'), 'a.xlsx');
    // SHA-256 of "a".
    expect(hash).toBe('ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb');
    t = 30 * 60_000;
    expect(store.take(hash)).toBe('a.xlsx');
    t += 1;
    expect(store.take(hash)).toBeUndefined();
  });

  it('keeps at most `files` files, the oldest making room', () => {
    const store = new CheckedFiles<string, number>({ minutes: 30, files: 2 }, () => 0);
    const [a, b, c] = ['a', 'b', 'c'].map((x) => store.keep(bytes(x), x));
    expect([store.take(a), store.take(b), store.take(c)]).toEqual([undefined, 'b', 'c']);
  });

  it('remembers what a loaded file became, and no longer gives the file', () => {
    const store = new CheckedFiles<string, { version: number }>({ minutes: 30, files: 1 }, () => 0);
    const a = store.keep(bytes('a'), 'a');
    store.loaded(a, { version: 3 });
    expect(store.take(a)).toBeUndefined();
    expect(store.loadedAs(a)).toEqual({ version: 3 });
    const b = store.keep(bytes('b'), 'b');
    store.loaded(b, { version: 4 });
    expect(store.loadedAs(a)).toBeUndefined();
  });
});
