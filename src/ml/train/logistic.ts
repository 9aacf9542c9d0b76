/**
 * Multinomial logistic regression: signed-log transform and standardisation, balanced class
 * weights, L2 penalty, full-batch Adam on the weighted cross-entropy.
 */
import { MODEL_FORMAT, standardise, type ModelJson } from '../model.js';
import { Adam, classWeights, meanScale, type Dataset } from './common.js';

export interface LogisticOptions {
  l2?: number;
  iterations?: number;
  lr?: number;
}

export function trainLogistic(ds: Dataset, benign: string | null, o: LogisticOptions = {}): ModelJson {
  const d = ds.columns.length;
  const k = ds.classes.length;
  const { mean, scale } = meanScale(ds.X, 'slog');
  const m: ModelJson = {
    format: MODEL_FORMAT,
    kind: 'logistic',
    name: 'logistic',
    columns: ds.columns,
    classes: ds.classes,
    benign,
    transform: 'slog',
    mean,
    scale,
  };
  const Z = ds.X.map((x) => standardise(m, x));
  const cw = classWeights(ds.y, k);
  const l2 = o.l2 ?? 1e-3;
  const p = new Float64Array(k * d + k); // W row-major then b
  const g = new Float64Array(p.length);
  const opt = new Adam(p.length, o.lr ?? 0.05);
  const logits = new Float64Array(k);
  const wsum = ds.y.reduce((a, c) => a + cw[c]!, 0);
  for (let it = 0; it < (o.iterations ?? 300); it++) {
    g.fill(0);
    Z.forEach((z, n) => {
      let mx = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = p[k * d + c]!;
        for (let i = 0; i < d; i++) s += p[c * d + i]! * z[i]!;
        logits[c] = s;
        mx = Math.max(mx, s);
      }
      let sum = 0;
      for (let c = 0; c < k; c++) sum += logits[c] = Math.exp(logits[c]! - mx);
      const wn = cw[ds.y[n]!]! / wsum;
      for (let c = 0; c < k; c++) {
        const err = wn * (logits[c]! / sum - (c === ds.y[n] ? 1 : 0));
        for (let i = 0; i < d; i++) g[c * d + i]! += err * z[i]!;
        g[k * d + c]! += err;
      }
    });
    for (let i = 0; i < k * d; i++) g[i]! += l2 * p[i]!;
    opt.step(p, g);
  }
  m.weights = Array.from({ length: k }, (_, c) => Array.from(p.subarray(c * d, c * d + d)));
  m.bias = Array.from(p.subarray(k * d));
  return m;
}
