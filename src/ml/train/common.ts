/**
 * Shared pieces of the built-in trainers: the dataset form, a seeded RNG (mulberry32, so a
 * training run is reproducible), standardisation statistics, balanced class weights and the
 * stratified held-out split.
 */
import { slog } from '../model.js';

export interface Dataset {
  /** Rows in `columns` order. */
  X: Float64Array[];
  /** Class index per row. */
  y: number[];
  classes: string[];
  columns: string[];
}

export function rng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(a: T[], r: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Per-column mean and standard deviation (population; 1 for a constant column). */
export function meanScale(
  X: Float64Array[],
  transform: 'none' | 'slog',
): { mean: number[]; scale: number[] } {
  const d = X[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const sq = new Array<number>(d).fill(0);
  const f = transform === 'slog' ? slog : (v: number): number => v;
  for (const x of X) for (let i = 0; i < d; i++) mean[i]! += f(x[i]!);
  for (let i = 0; i < d; i++) mean[i]! /= X.length || 1;
  for (const x of X) for (let i = 0; i < d; i++) sq[i]! += (f(x[i]!) - mean[i]!) ** 2;
  const scale = sq.map((s) => {
    const sd = Math.sqrt(s / (X.length || 1));
    return sd > 1e-12 ? sd : 1;
  });
  return { mean, scale };
}

/** n / (k × n_c) per class (scikit-learn's "balanced"). */
export function classWeights(y: number[], k: number): number[] {
  const n = new Array<number>(k).fill(0);
  for (const c of y) n[c]!++;
  return n.map((c) => (c ? y.length / (k * c) : 0));
}

/** Stratified split: `frac` of each class goes to the test side. */
export function stratifiedSplit(ds: Dataset, frac: number, seed: number): { train: Dataset; test: Dataset } {
  const r = rng(seed);
  const byClass = ds.classes.map(() => [] as number[]);
  ds.y.forEach((c, i) => byClass[c]!.push(i));
  const tr: number[] = [];
  const te: number[] = [];
  for (const idx of byClass) {
    shuffle(idx, r);
    const nTest = Math.round(idx.length * frac);
    te.push(...idx.slice(0, nTest));
    tr.push(...idx.slice(nTest));
  }
  const pick = (ix: number[]): Dataset => ({
    X: ix.map((i) => ds.X[i]!),
    y: ix.map((i) => ds.y[i]!),
    classes: ds.classes,
    columns: ds.columns,
  });
  return { train: pick(tr), test: pick(te) };
}

/** Adam optimiser state over one flat parameter vector. */
export class Adam {
  private m: Float64Array;
  private v: Float64Array;
  private t = 0;
  constructor(
    n: number,
    private readonly lr: number,
    private readonly b1 = 0.9,
    private readonly b2 = 0.999,
  ) {
    this.m = new Float64Array(n);
    this.v = new Float64Array(n);
  }
  step(p: Float64Array, g: Float64Array): void {
    this.t++;
    const c1 = 1 - this.b1 ** this.t;
    const c2 = 1 - this.b2 ** this.t;
    for (let i = 0; i < p.length; i++) {
      this.m[i] = this.b1 * this.m[i]! + (1 - this.b1) * g[i]!;
      this.v[i] = this.b2 * this.v[i]! + (1 - this.b2) * g[i]! * g[i]!;
      p[i]! -= (this.lr * (this.m[i]! / c1)) / (Math.sqrt(this.v[i]! / c2) + 1e-8);
    }
  }
}
