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
import { baselineDistance, MODEL_FORMAT, slog, standardise, type ModelJson } from './model.js';

const SKIP = new Set(['dst_port', 'protocol']);

function median(sorted: number[]): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

export function fitBaseline(rows: readonly Float64Array[], quantile = 0.99, name = 'baseline'): ModelJson {
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
    kind: 'baseline',
    name,
    columns: cols.map(([n]) => n),
    classes: ['anomaly'],
    benign: null,
    transform: 'slog',
    mean,
    scale,
    k: 1,
  };
  const d = rows
    .map((r) =>
      baselineDistance(
        standardise(
          m,
          cols.map(([, i]) => r[i]!),
        ),
      ),
    )
    .sort((a, b) => a - b);
  m.k = Math.max(1e-6, d[Math.min(d.length - 1, Math.floor(quantile * d.length))]!);
  m.report = { flows: rows.length, quantile, k: m.k };
  return m;
}
