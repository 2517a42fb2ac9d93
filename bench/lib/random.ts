// Seeded randomness for load generators: every run of a bench builds the same data.

/** mulberry32: a small, fast, seeded 32-bit generator returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `pick` and `between` over one seeded generator. */
export function seeded(seed: number) {
  const rand = mulberry32(seed);
  return {
    rand,
    pick: <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!,
    between: (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1)),
  };
}
