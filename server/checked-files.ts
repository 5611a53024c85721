/** Files checked on a page and waiting for the person's «Nạp vào hệ thống»: kept by their SHA-256 for a while, a few at most. */
import { createHash } from 'node:crypto';

/**
 * A bounded, expiring store: `keep` a checked file and get its hash for the confirm form; `take` it back while it is
 * fresh; once `loaded`, a second confirm of the same hash (a double click, the browser's resend) finds what it became.
 * At most `files` files and `files` loaded outcomes are held (the oldest go first), each file for `minutes`. `now` is
 * the clock, for tests.
 */
export class CheckedFiles<F, Outcome> {
  private readonly waiting = new Map<string, { file: F; expires: number }>();
  private readonly done = new Map<string, Outcome>();

  constructor(
    private readonly limits: { minutes: number; files: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps `file` (whose content is `bytes`) and returns its hash (64 hex digits). */
  keep(bytes: Uint8Array, file: F): string {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const now = this.now();
    for (const [h, w] of this.waiting) if (w.expires < now) this.waiting.delete(h);
    this.waiting.delete(hash);
    this.add(this.waiting, hash, { file, expires: now + this.limits.minutes * 60_000 });
    return hash;
  }

  /** The file kept under `hash`, unless it expired or made room for newer ones. */
  take(hash: string): F | undefined {
    const w = this.waiting.get(hash);
    return w && w.expires >= this.now() ? w.file : undefined;
  }

  /** The file under `hash` is loaded: it leaves the store, and its outcome is remembered for a second confirm. */
  loaded(hash: string, outcome: Outcome): void {
    this.waiting.delete(hash);
    this.add(this.done, hash, outcome);
  }

  /** What the file under `hash` became when it was loaded lately. */
  loadedAs(hash: string): Outcome | undefined {
    return this.done.get(hash);
  }

  // A Map iterates in insertion order: the oldest make room first.
  private add<V>(map: Map<string, V>, key: string, value: V): void {
    map.set(key, value);
    while (map.size > this.limits.files) map.delete(map.keys().next().value as string);
  }
}
