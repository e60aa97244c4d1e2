/** Seeded randomness for fuzz tests: a failure reproduces exactly from its seed. */

/** mulberry32: small, fast, and the same sequence everywhere for a seed. */
export const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
export type Random = ReturnType<typeof prng>;
export const pick = <T>(random: Random, from: readonly T[]): T => from[Math.floor(random() * from.length)];
