/**
 * The simulation's randomness: reproducible from its seed. Each story (a family, a child, an incident, a
 * young person) draws from its own stream, named by the seed and the story's key, so stories running side
 * by side draw the same numbers whatever order their requests finish in.
 *
 * Written by hand: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, public domain) and
 * cyrb53 to turn a name into a seed are a few lines each; the seeded generators on npm (pure-rand) reach
 * this project only through fast-check, and a dependency for twenty lines is not worth its upkeep.
 */

/** A 53-bit hash of a string (cyrb53), to seed a stream from a name. */
export function hashOf(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream named by the seed and a key. */
  constructor(
    private readonly seed: number,
    private readonly key = '',
  ) {
    const h = hashOf(key, seed);
    this.a = h >>> 0;
    this.b = Math.floor(h / 4294967296) >>> 0;
    this.c = hashOf(`${key}#c`, seed) >>> 0;
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A stream of its own, named under this one's (the same seed and names, the same numbers). */
  fork(key: string): Random {
    return new Random(this.seed, `${this.key}/${key}`);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A key drawn by weight ({ a: 3, b: 1 }: a three times as often). */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((n, [, w]) => n + w, 0);
    let x = this.next() * total;
    for (const [k, w] of entries) {
      x -= w;
      if (x < 0) return k;
    }
    return entries.at(-1)![0];
  }

  /** A Poisson count with mean `mean` (Knuth's method; normal approximation above 50). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = this.next(); p > limit; p *= this.next()) k++;
    return k;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
