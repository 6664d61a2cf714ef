/** A seeded random source (mulberry32), so a soak's traffic can be sent again as it was. */
export function createRng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    between: (from: number, to: number) => from + next() * (to - from),
    pick: <T>(items: readonly T[]): T => items[int(items.length)],
    distinctPair<T>(items: readonly T[]): [T, T] {
      const a = int(items.length);
      const b = (a + 1 + int(items.length - 1)) % items.length;
      return [items[a], items[b]];
    },
  };
}
export type Rng = ReturnType<typeof createRng>;
