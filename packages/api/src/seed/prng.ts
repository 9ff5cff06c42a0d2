// A small seeded PRNG for the demo and scale generators: the same seed gives the same data on every
// machine (Math.random is never used). mulberry32: 32-bit state, fast, good enough for test data.

export interface Rng {
  /** uniform in [0, 1) */
  readonly next: () => number
  /** integer in [lo, hi] */
  readonly int: (lo: number, hi: number) => number
  readonly chance: (p: number) => boolean
  readonly pick: <T>(xs: ReadonlyArray<T>) => T
  /** picks by weight: [[value, weight], …] */
  readonly weighted: <T>(xs: ReadonlyArray<readonly [T, number]>) => T
  /** an independent stream derived from this one and a label (modules do not disturb each other) */
  readonly fork: (label: string) => Rng
}

const hashLabel = (label: string): number => {
  let h = 2166136261
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}

export const rngOf = (seed: number): Rng => {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1))
  const pick = <T>(xs: ReadonlyArray<T>): T => {
    if (xs.length === 0) throw new Error('pick from an empty list')
    return xs[Math.floor(next() * xs.length)] as T
  }
  const weighted = <T>(xs: ReadonlyArray<readonly [T, number]>): T => {
    const total = xs.reduce((s, [, w]) => s + w, 0)
    let r = next() * total
    for (const [v, w] of xs) {
      r -= w
      if (r < 0) return v
    }
    return (xs.at(-1) as readonly [T, number])[0]
  }
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted,
    fork: (label) => rngOf((seed ^ hashLabel(label)) >>> 0),
  }
}
