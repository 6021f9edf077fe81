// A seeded generator whose streams are addressed by (seed, ids): a borrower's data depends on the seed and
// its own number only, never on how many values earlier borrowers drew or how the run was batched.

/** murmur3's finaliser: spreads every input bit over the whole 32-bit word. */
function fmix32(h0: number): number {
  let h = h0 >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) h = fmix32(h ^ fmix32(p + 0x7f4a7c15));
  return h;
}

/** mulberry32: tiny, fast and good enough for simulation (not for anything secret). */
export class Rng {
  private state: number;

  constructor(...seedParts: number[]) {
    this.state = mixSeed(...seedParts);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An independent stream for a sub-simulation (e.g. one of several futures). */
  fork(id: number): Rng {
    return new Rng(this.state, id);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  uniform(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  /** Standard normal (Box-Muller, one value per call so the stream stays simple to reason about). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks from [value, weight] pairs; weights need not sum to 1. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let u = this.next() * total;
    for (const [value, w] of choices) {
      u -= w;
      if (u < 0) return value;
    }
    return (choices[choices.length - 1] as readonly [T, number])[0];
  }

  /** Poisson by inversion: fine for the small means used here. */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
