/**
 * Random forest: bootstrap samples, √d candidate features per split, weighted Gini impurity
 * (balanced class weights), depth and leaf-size limits. Features are compared as float32 (as
 * scikit-learn does, so imported and built-in forests share one evaluator); thresholds are
 * midpoints between adjacent float32 values. Every node stores its class distribution (leaves: the
 * probabilities; internal nodes: for the path attribution of top features).
 */
import { MODEL_FORMAT, type ModelJson, type TreeJson } from '../model.js';
import { classWeights, rng, type Dataset } from './common.js';

export interface ForestOptions {
  trees?: number;
  maxDepth?: number;
  minLeaf?: number;
  seed?: number;
}

interface Builder {
  X: Float32Array[];
  y: number[];
  w: number[];
  k: number;
  d: number;
  mtry: number;
  maxDepth: number;
  minLeaf: number;
  r: () => number;
  t: TreeJson;
}

function gini(counts: Float64Array, total: number): number {
  if (total <= 0) return 0;
  let s = 0;
  for (const c of counts) s += (c / total) ** 2;
  return 1 - s;
}

function leaf(b: Builder, idx: number[]): number {
  const v = new Array<number>(b.k).fill(0);
  let tot = 0;
  for (const i of idx) {
    v[b.y[i]!]! += b.w[i]!;
    tot += b.w[i]!;
  }
  const node = b.t.feature.length;
  b.t.feature.push(-1);
  b.t.threshold.push(0);
  b.t.left.push(-1);
  b.t.right.push(-1);
  b.t.value.push(v.map((x) => (tot ? x / tot : 1 / b.k)));
  return node;
}

function build(b: Builder, idx: number[], depth: number): number {
  const first = b.y[idx[0]!]!;
  if (depth >= b.maxDepth || idx.length < 2 * b.minLeaf || idx.every((i) => b.y[i] === first))
    return leaf(b, idx);
  const total = new Float64Array(b.k);
  let wTot = 0;
  for (const i of idx) {
    total[b.y[i]!]! += b.w[i]!;
    wTot += b.w[i]!;
  }
  const parent = gini(total, wTot);
  let best = { gain: 1e-12, f: -1, thr: 0 };
  const feats = Array.from({ length: b.d }, (_, i) => i);
  for (let c = 0; c < b.mtry; c++) {
    const j = c + Math.floor(b.r() * (b.d - c));
    [feats[c], feats[j]] = [feats[j]!, feats[c]!];
    const f = feats[c]!;
    const sorted = idx.slice().sort((a, z) => b.X[a]![f]! - b.X[z]![f]!);
    const left = new Float64Array(b.k);
    let wl = 0;
    for (let s = 0; s < sorted.length - 1; s++) {
      const i = sorted[s]!;
      left[b.y[i]!]! += b.w[i]!;
      wl += b.w[i]!;
      const x0 = b.X[i]![f]!;
      const x1 = b.X[sorted[s + 1]!]![f]!;
      if (x0 === x1 || s + 1 < b.minLeaf || sorted.length - s - 1 < b.minLeaf) continue;
      const right = total.map((t, ci) => t - left[ci]!);
      const wr = wTot - wl;
      const gain = parent - (wl / wTot) * gini(left, wl) - (wr / wTot) * gini(right, wr);
      if (gain > best.gain) {
        let thr = (x0 + x1) / 2;
        if (Math.fround(thr) >= x1) thr = x0; // keep x1 on the right after float32 rounding
        best = { gain, f, thr };
      }
    }
  }
  if (best.f < 0) return leaf(b, idx);
  const L: number[] = [];
  const R: number[] = [];
  for (const i of idx) (b.X[i]![best.f]! <= best.thr ? L : R).push(i);
  const node = b.t.feature.length;
  b.t.feature.push(best.f);
  b.t.threshold.push(best.thr);
  b.t.left.push(-1);
  b.t.right.push(-1);
  b.t.value.push(Array.from(total, (v) => v / wTot)); // for path attribution (top features)
  b.t.left[node] = build(b, L, depth + 1);
  b.t.right[node] = build(b, R, depth + 1);
  return node;
}

export function trainForest(ds: Dataset, benign: string | null, o: ForestOptions = {}): ModelJson {
  const r = rng(o.seed ?? 1);
  const d = ds.columns.length;
  const X = ds.X.map((x) => Float32Array.from(x));
  const cw = classWeights(ds.y, ds.classes.length);
  const trees: TreeJson[] = [];
  for (let t = 0; t < (o.trees ?? 30); t++) {
    const boot = ds.y.map(() => Math.floor(r() * ds.y.length));
    const b: Builder = {
      X,
      y: ds.y,
      w: ds.y.map((c) => cw[c]!),
      k: ds.classes.length,
      d,
      mtry: Math.max(1, Math.round(Math.sqrt(d))),
      maxDepth: o.maxDepth ?? 16,
      minLeaf: o.minLeaf ?? 1,
      r,
      t: { feature: [], threshold: [], left: [], right: [], value: [] },
    };
    build(b, boot, 0);
    trees.push(b.t);
  }
  return {
    format: MODEL_FORMAT,
    kind: 'forest',
    name: 'forest',
    columns: ds.columns,
    classes: ds.classes,
    benign,
    mean: new Array<number>(d).fill(0),
    scale: new Array<number>(d).fill(1),
    trees,
  };
}
