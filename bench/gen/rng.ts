/**
 * Seeded pseudo-random numbers for the capture generator: sfc32 (Chris Doty-Humphrey's Small
 * Fast Counting generator, 128-bit state, 32-bit ops only) seeded through splitmix32. Same seed →
 * same sequence on every platform, so the same seed gives a byte-identical capture. Not for
 * cryptography.
 */

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const mix = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('Rng.pick: empty list');
    return item;
  }

  /** Pick by weight: `weights[i]` is the relative weight of index i. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] ?? 0;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** Exponentially distributed value with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  /** Log-uniform integer in [lo, hi]: many small values, a long tail of large ones. */
  logRange(lo: number, hi: number): number {
    return Math.floor(Math.exp(Math.log(lo) + this.float() * (Math.log(hi + 1) - Math.log(lo))));
  }

  /** Fill dst[off, off+len) with random bytes. */
  fill(dst: Uint8Array, off = 0, len = dst.length - off): Uint8Array {
    let i = off;
    const end = off + len;
    for (; i + 4 <= end; i += 4) {
      const v = this.u32();
      dst[i] = v & 0xff;
      dst[i + 1] = (v >>> 8) & 0xff;
      dst[i + 2] = (v >>> 16) & 0xff;
      dst[i + 3] = v >>> 24;
    }
    for (; i < end; i++) dst[i] = this.u32() & 0xff;
    return dst;
  }

  bytes(len: number): Uint8Array {
    return this.fill(new Uint8Array(len));
  }
}
