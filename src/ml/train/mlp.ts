/**
 * Small multi-layer perceptron: one or two ReLU hidden layers, softmax output, signed-log
 * transform and standardisation, balanced class weights, mini-batch Adam, He initialisation.
 */
import { MODEL_FORMAT, standardise, type ModelJson } from '../model.js';
import { Adam, classWeights, meanScale, rng, shuffle, type Dataset } from './common.js';

export interface MlpOptions {
  hidden?: number[];
  epochs?: number;
  batch?: number;
  lr?: number;
  l2?: number;
  seed?: number;
}

export function trainMlp(ds: Dataset, benign: string | null, o: MlpOptions = {}): ModelJson {
  const r = rng(o.seed ?? 1);
  const sizes = [ds.columns.length, ...(o.hidden ?? [32]), ds.classes.length];
  const L = sizes.length - 1;
  const { mean, scale } = meanScale(ds.X, 'slog');
  const m: ModelJson = {
    format: MODEL_FORMAT,
    kind: 'mlp',
    name: 'mlp',
    columns: ds.columns,
    classes: ds.classes,
    benign,
    transform: 'slog',
    mean,
    scale,
    activation: 'relu',
  };
  const Z = ds.X.map((x) => standardise(m, x));
  // parameters: per layer W[out][in] then b[out], one flat vector
  const offW: number[] = [];
  const offB: number[] = [];
  let n = 0;
  for (let l = 0; l < L; l++) {
    offW.push(n);
    n += sizes[l]! * sizes[l + 1]!;
    offB.push(n);
    n += sizes[l + 1]!;
  }
  const p = new Float64Array(n);
  const gauss = (): number => Math.sqrt(-2 * Math.log(r() + 1e-300)) * Math.cos(2 * Math.PI * r());
  for (let l = 0; l < L; l++) {
    const sd = Math.sqrt(2 / sizes[l]!);
    for (let i = 0; i < sizes[l]! * sizes[l + 1]!; i++) p[offW[l]! + i] = gauss() * sd;
  }
  const g = new Float64Array(n);
  const opt = new Adam(n, o.lr ?? 3e-3);
  const cw = classWeights(ds.y, ds.classes.length);
  const acts = sizes.map((s) => new Float64Array(s));
  const deltas = sizes.map((s) => new Float64Array(s));
  const order = ds.y.map((_, i) => i);
  const batch = o.batch ?? 32;
  const l2 = o.l2 ?? 1e-4;
  for (let ep = 0; ep < (o.epochs ?? 60); ep++) {
    shuffle(order, r);
    for (let b0 = 0; b0 < order.length; b0 += batch) {
      g.fill(0);
      const idx = order.slice(b0, b0 + batch);
      let wsum = 0;
      for (const s of idx) wsum += cw[ds.y[s]!]!;
      for (const s of idx) {
        acts[0]!.set(Z[s]!);
        for (let l = 0; l < L; l++) {
          const a = acts[l]!;
          const out = acts[l + 1]!;
          for (let j = 0; j < sizes[l + 1]!; j++) {
            let v = p[offB[l]! + j]!;
            const w = offW[l]! + j * sizes[l]!;
            for (let i = 0; i < sizes[l]!; i++) v += p[w + i]! * a[i]!;
            out[j] = l < L - 1 ? (v > 0 ? v : 0) : v;
          }
        }
        const o2 = acts[L]!;
        let mx = -Infinity;
        for (const v of o2) mx = Math.max(mx, v);
        let sum = 0;
        for (let c = 0; c < o2.length; c++) sum += o2[c] = Math.exp(o2[c]! - mx);
        const wn = cw[ds.y[s]!]! / wsum;
        for (let c = 0; c < o2.length; c++) deltas[L]![c] = wn * (o2[c]! / sum - (c === ds.y[s] ? 1 : 0));
        for (let l = L - 1; l >= 0; l--) {
          const a = acts[l]!;
          const dOut = deltas[l + 1]!;
          const dIn = deltas[l]!;
          dIn.fill(0);
          for (let j = 0; j < sizes[l + 1]!; j++) {
            const dj = dOut[j]!;
            if (dj === 0) continue;
            const w = offW[l]! + j * sizes[l]!;
            g[offB[l]! + j]! += dj;
            for (let i = 0; i < sizes[l]!; i++) {
              g[w + i]! += dj * a[i]!;
              dIn[i]! += dj * p[w + i]!;
            }
          }
          if (l > 0) for (let i = 0; i < sizes[l]!; i++) if (a[i]! <= 0) dIn[i] = 0;
        }
      }
      for (let l = 0; l < L; l++) {
        for (let i = 0; i < sizes[l]! * sizes[l + 1]!; i++) g[offW[l]! + i]! += l2 * p[offW[l]! + i]!;
      }
      opt.step(p, g);
    }
  }
  m.layers = [];
  for (let l = 0; l < L; l++) {
    const weights: number[][] = [];
    for (let j = 0; j < sizes[l + 1]!; j++) {
      const w = offW[l]! + j * sizes[l]!;
      weights.push(Array.from(p.subarray(w, w + sizes[l]!)));
    }
    m.layers.push({ weights, bias: Array.from(p.subarray(offB[l]!, offB[l]! + sizes[l + 1]!)) });
  }
  return m;
}
