/**
 * Unsupervised baseline for users without labels: robust per-feature statistics of known-good
 * traffic. Each feature is signed-log transformed, centred on its median and scaled by 1.4826 ×
 * MAD (the standard deviation for normal data), at least a quarter of the standard deviation (so a
 * feature that is nearly constant in good traffic does not turn every small change into an
 * outlier), 1 for a constant feature;
 * a flow's distance d is the root mean square of its robust z-scores, and k is the `quantile` of
 * that distance over the training flows, so about 1 − quantile of good flows exceed it. The score
 * (assembly/ml/baseline.ts) is 1 − 2^(−d / k): 0.5 at d = k, which is where flows are reported. Port and protocol are left out (labels, not magnitudes).
 */
import { ConfigError } from '../errors.js';
import { FEATURE_NAMES } from './columns.js';
import {
  baselineDistance,
  columnIndices,
  MODEL_FORMAT,
  pathNorm,
  slog,
  standardise,
  type ModelJson,
  type TreeJson,
} from './model.js';
import { rng } from './train/common.js';

const SKIP = new Set(['dst_port', 'protocol']);

function median(sorted: number[]): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

export function fitBaseline(rows: readonly Float64Array[], quantile = 0.99, name = 'baseline'): ModelJson {
  const m = robustModel(rows, 'baseline', name);
  const cols = columnIndices(m);
  const d = rows
    .map((r) =>
      baselineDistance(
        standardise(
          m,
          cols.map((i) => r[i]!),
        ),
      ),
    )
    .sort((a, b) => a - b);
  m.k = Math.max(1e-6, d[Math.min(d.length - 1, Math.floor(quantile * d.length))]!);
  m.report = { flows: rows.length, quantile, k: m.k };
  return m;
}

/** The model skeleton with robust standardisation (median, scale) of every feature but port and protocol. */
function robustModel(rows: readonly Float64Array[], kind: 'baseline' | 'iforest', name: string): ModelJson {
  if (rows.length < 10) throw new ConfigError(`baseline: ${rows.length} flows are too few to fit (>= 10)`);
  const cols = FEATURE_NAMES.map((n, i) => [n, i] as const).filter(([n]) => !SKIP.has(n));
  const mean: number[] = [];
  const scale: number[] = [];
  for (const [, i] of cols) {
    const v = rows.map((r) => slog(r[i]!)).sort((a, b) => a - b);
    const med = median(v);
    const mad = median(v.map((x) => Math.abs(x - med)).sort((a, b) => a - b));
    const mu = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, x) => a + (x - mu) ** 2, 0) / v.length);
    const s = Math.max(1.4826 * mad, 0.25 * sd);
    mean.push(med);
    scale.push(s > 1e-9 ? s : 1);
  }
  const m: ModelJson = {
    format: MODEL_FORMAT,
    kind,
    name,
    columns: cols.map(([n]) => n),
    classes: ['anomaly'],
    benign: null,
    transform: 'slog',
    mean,
    scale,
    k: 1,
  };
  return m;
}

export interface IsolationForestOptions {
  trees?: number;
  /** Subsample size per tree (ψ, default 256). */
  psi?: number;
  quantile?: number;
  seed?: number;
}

/**
 * Isolation forest (Liu, Ting and Zhou, 2008) on the robust z-scores of good traffic: each tree
 * splits a random subsample of ψ flows on random features at random thresholds down to depth
 * ⌈log2 ψ⌉; a leaf stores its path length (depth + c(leaf size)). Flows that are isolated in few
 * splits are outliers. Thresholds are compared in float32 as the engine's forest walk does. k is
 * the `quantile` of the isolation score a = 2^(−E[h]/c(ψ)) over the training flows.
 */
export function fitIsolationForest(rows: readonly Float64Array[], o: IsolationForestOptions = {}): ModelJson {
  const m = robustModel(rows, 'iforest', 'iforest');
  const cols = columnIndices(m);
  const Z = rows.map((r) =>
    Float32Array.from(
      standardise(
        m,
        cols.map((i) => r[i]!),
      ),
    ),
  );
  const r = rng(o.seed ?? 1);
  const psi = Math.min(o.psi ?? 256, Z.length);
  const maxDepth = Math.ceil(Math.log2(psi));
  const d = cols.length;
  const trees: TreeJson[] = [];
  for (let k = 0; k < (o.trees ?? 100); k++) {
    const t: TreeJson = { feature: [], threshold: [], left: [], right: [], value: [] };
    const grow = (ix: number[], depth: number): number => {
      const node = t.feature.length;
      t.feature.push(-1);
      t.threshold.push(0);
      t.left.push(-1);
      t.right.push(-1);
      t.value.push([depth + pathNorm(ix.length)]);
      if (depth >= maxDepth || ix.length <= 1) return node;
      for (let tries = 0; tries < 8; tries++) {
        const f = Math.floor(r() * d);
        let lo = Infinity;
        let hi = -Infinity;
        for (const i of ix) {
          lo = Math.min(lo, Z[i]![f]!);
          hi = Math.max(hi, Z[i]![f]!);
        }
        if (!(hi > lo)) continue;
        const thr = lo + r() * (hi - lo); // lo <= thr < hi: both sides non-empty
        const L = ix.filter((i) => Z[i]![f]! <= thr);
        const R = ix.filter((i) => Z[i]![f]! > thr);
        t.feature[node] = f;
        t.threshold[node] = thr;
        t.value[node] = [0];
        t.left[node] = grow(L, depth + 1);
        t.right[node] = grow(R, depth + 1);
        return node;
      }
      return node;
    };
    grow(
      Array.from({ length: psi }, () => Math.floor(r() * Z.length)),
      0,
    );
    trees.push(t);
  }
  m.trees = trees;
  m.psi = psi;
  m.classes = ['anomaly'];
  // k: the quantile of the isolation score over the training flows
  const c = pathNorm(psi);
  const a = Z.map((z) => {
    let h = 0;
    for (const t of trees) {
      let i = 0;
      while (t.feature[i]! >= 0)
        i = Math.fround(z[t.feature[i]!]!) <= t.threshold[i]! ? t.left[i]! : t.right[i]!;
      h += t.value[i]![0]!;
    }
    return Math.pow(2, -h / trees.length / c);
  }).sort((x, y) => x - y);
  const q = o.quantile ?? 0.99;
  m.k = a[Math.min(a.length - 1, Math.floor(q * a.length))]!;
  m.report = { flows: rows.length, quantile: q, k: m.k, trees: trees.length, psi };
  return m;
}
