/**
 * The model JSON format (documented in src/ml/MODELS.md), shared by the built-in trainers,
 * examples/export-sklearn.py and inline scoring, and its reference evaluation in TypeScript
 * (the WASM evaluator, assembly/ml/, must agree with it; a test checks both).
 *
 *   { "format": "netsift-model/v1", "kind": "logistic" | "mlp" | "forest" | "baseline",
 *     "name", "columns": [feature names], "classes": [labels], "benign": label | null,
 *     "transform": "none" | "slog" (optional: x ← sign(x)·ln(1 + |x|) first),
 *     "mean": [...], "scale": [...],                      z = (x − mean) / scale
 *     logistic: "weights": [[nIn] × nClasses], "bias": [nClasses]    p = softmax(W z + b)
 *     mlp: "activation": "relu" | "tanh" | "logistic",
 *          "layers": [{ "weights": [[in] × out], "bias": [out] }, …]  softmax output
 *     forest: "trees": [{ "feature": [], "threshold": [], "left": [], "right": [], "value": [[nClasses]] }]
 *             feature −1 = leaf; goes left when float32(z) <= threshold; value = class
 *             probabilities (leaves), class distribution (internal nodes: top-feature attribution)
 *     baseline: "k": threshold; mean = median, scale = robust scale; score = 1 − 2^(−rms(z) / k)
 *     iforest: "trees" (leaf value [path length]), "psi", "k"; a = 2^(−E[h] / c(psi)), score = 1 − 2^(−a / k) }
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { FEATURE_NAMES } from './columns.js';

export const MODEL_FORMAT = 'netsift-model/v1';

export interface LayerJson {
  weights: number[][];
  bias: number[];
}

export interface TreeJson {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[][];
}

export interface ModelJson {
  format: string;
  kind: 'logistic' | 'mlp' | 'forest' | 'baseline' | 'iforest';
  name: string;
  columns: string[];
  classes: string[];
  benign: string | null;
  transform?: 'none' | 'slog';
  mean: number[];
  scale: number[];
  weights?: number[][];
  bias?: number[];
  activation?: 'relu' | 'tanh' | 'logistic';
  layers?: LayerJson[];
  trees?: TreeJson[];
  k?: number;
  /** iforest: the subsample size ψ each tree was grown on. */
  psi?: number;
  /** Training report (informative). */
  report?: unknown;
}

export function readModel(path: string): ModelJson {
  let m: ModelJson;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as ModelJson;
  } catch (err) {
    throw new ConfigError(`${path}: not a model JSON file: ${(err as Error).message}`);
  }
  validateModel(m, path);
  return m;
}

export function validateModel(m: ModelJson, where = 'model'): void {
  const bad = (msg: string): never => {
    throw new ConfigError(`${where}: ${msg}`);
  };
  if (m.format !== MODEL_FORMAT) bad(`format is ${String(m.format)}, expected ${MODEL_FORMAT}`);
  if (!['logistic', 'mlp', 'forest', 'baseline', 'iforest'].includes(m.kind))
    bad(`unknown kind ${String(m.kind)}`);
  const nIn = m.columns.length;
  for (const c of m.columns) {
    if (!(FEATURE_NAMES as readonly string[]).includes(c)) bad(`unknown feature column "${c}"`);
  }
  if (m.mean.length !== nIn || m.scale.length !== nIn) bad('mean/scale length differs from columns');
  const unsupervised = m.kind === 'baseline' || m.kind === 'iforest';
  if (!unsupervised && m.classes.length < 2) bad('a classifier needs at least two classes');
  if (
    m.kind === 'logistic' &&
    (m.weights?.length !== m.classes.length || m.bias?.length !== m.classes.length)
  )
    bad('logistic weights/bias must have one row per class');
  if (m.kind === 'mlp' && !m.layers?.length) bad('mlp without layers');
  if ((m.kind === 'forest' || m.kind === 'iforest') && !m.trees?.length) bad(`${m.kind} without trees`);
  if (m.kind === 'iforest' && !(typeof m.psi === 'number' && m.psi >= 2)) bad('iforest needs psi >= 2');
  if (unsupervised && !(typeof m.k === 'number' && m.k > 0)) bad(`${m.kind} needs k > 0`);
  const k = m.kind === 'iforest' ? 1 : m.classes.length;
  if (m.kind === 'logistic' && m.weights!.some((w) => w.length !== nIn))
    bad('logistic weight rows must have one weight per column');
  if (m.kind === 'mlp') {
    let width = nIn;
    m.layers!.forEach((l, i) => {
      if (l.weights.some((w) => w.length !== width) || l.bias.length !== l.weights.length)
        bad(`mlp layer ${i}: weights must be [out][${width}] with one bias per output`);
      width = l.weights.length;
    });
    if (width !== k) bad(`mlp output layer has ${width} units for ${k} classes`);
  }
  // trees: children after their parent (so evaluation always ends), features in range, distributions per node
  m.trees?.forEach((t, ti) => {
    const n = t.feature.length;
    for (let i = 0; i < n; i++) {
      const f = t.feature[i]!;
      if (f >= 0) {
        const l = t.left[i]!;
        const r = t.right[i]!;
        if (f >= nIn || !(l > i && l < n) || !(r > i && r < n))
          bad(`tree ${ti} node ${i}: feature or children out of range (children must follow their parent)`);
      } else if (t.value[i]?.length !== k) bad(`tree ${ti} leaf ${i}: value needs ${k} class weights`);
    }
  });
}

/** Positions of the model's columns in FEATURE_NAMES. */
export function columnIndices(m: ModelJson): number[] {
  return m.columns.map((c) => (FEATURE_NAMES as readonly string[]).indexOf(c));
}

export function softmax(v: number[]): number[] {
  const mx = Math.max(...v);
  const e = v.map((x) => Math.exp(x - mx));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

function act(kind: string | undefined, s: number): number {
  if (kind === 'tanh') return Math.tanh(s);
  if (kind === 'logistic') return 1 / (1 + Math.exp(-s));
  return s > 0 ? s : 0;
}

/** Standardised inputs from a row of the model's columns. */
export function slog(x: number): number {
  return x < 0 ? -Math.log1p(-x) : Math.log1p(x);
}

export function standardise(m: ModelJson, x: ArrayLike<number>): number[] {
  const t = m.transform === 'slog';
  return m.mean.map((mu, i) => ((t ? slog(x[i] ?? 0) : (x[i] ?? 0)) - mu) / (m.scale[i] || 1));
}

/** Class probabilities of one row (x in the model's column order). */
export function predictProba(m: ModelJson, x: ArrayLike<number>): number[] {
  const z = standardise(m, x);
  if (m.kind === 'logistic') {
    return softmax(m.weights!.map((w, c) => w.reduce((s, wi, i) => s + wi * (z[i] ?? 0), m.bias![c] ?? 0)));
  }
  if (m.kind === 'mlp') {
    let a = z;
    m.layers!.forEach((l, li) => {
      const last = li === m.layers!.length - 1;
      a = l.weights.map((w, j) => {
        const s = w.reduce((acc, wi, i) => acc + wi * (a[i] ?? 0), l.bias[j] ?? 0);
        return last ? s : act(m.activation, s);
      });
    });
    return softmax(a);
  }
  if (m.kind === 'iforest') {
    let h = 0;
    for (const t of m.trees!) h += t.value[leafOf(t, z)]![0]!;
    const a = Math.pow(2, -h / m.trees!.length / pathNorm(m.psi!));
    return [1 - Math.pow(2, -a / m.k!)];
  }
  if (m.kind === 'forest') {
    const p = new Array<number>(m.classes.length).fill(0);
    for (const t of m.trees!) {
      let i = 0;
      while ((t.feature[i] ?? -1) >= 0) {
        const f = t.feature[i]!;
        i = Math.fround(z[f] ?? 0) <= t.threshold[i]! ? t.left[i]! : t.right[i]!;
      }
      t.value[i]!.forEach((v, c) => (p[c]! += v));
    }
    return p.map((v) => v / m.trees!.length);
  }
  return [baselineScore(m, z)];
}

/** The leaf a standardised row reaches in a tree (left when float32(z) <= threshold). */
export function leafOf(t: TreeJson, z: number[]): number {
  let i = 0;
  while ((t.feature[i] ?? -1) >= 0) {
    const f = t.feature[i]!;
    i = Math.fround(z[f] ?? 0) <= t.threshold[i]! ? t.left[i]! : t.right[i]!;
  }
  return i;
}

/** c(n): the average path length of an unsuccessful search in a binary search tree of n items. */
export function pathNorm(n: number): number {
  return n <= 1 ? 0 : 2 * (Math.log(n - 1) + 0.5772156649015329) - (2 * (n - 1)) / n;
}

export function baselineScore(m: ModelJson, z: number[]): number {
  return 1 - Math.pow(2, -baselineDistance(z) / (m.k ?? 1));
}

/** Root mean square of the robust z-scores (the baseline's distance). */
export function baselineDistance(z: number[]): number {
  return Math.sqrt(z.reduce((a, v) => a + v * v, 0) / (z.length || 1));
}

/** Score = 1 − P(benign) (or max P without a benign class); the baseline's anomaly score. */
export function scoreOf(m: ModelJson, p: number[]): number {
  if (m.kind === 'baseline' || m.kind === 'iforest') return p[0] ?? 0;
  const b = m.benign === null ? -1 : m.classes.indexOf(m.benign);
  return b >= 0 ? 1 - (p[b] ?? 0) : Math.max(...p);
}
