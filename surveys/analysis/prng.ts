/** A seeded pseudo-random generator (mulberry32) so that a bootstrap run is reproducible from its seed alone. */

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): one 32-bit state, period 2^32, passes the usual quick tests and is
 * plenty for drawing resample indices. Math.random cannot be seeded, and the same seed must give the same intervals.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
