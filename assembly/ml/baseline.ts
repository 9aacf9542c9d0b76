import { evalForest } from './trees';

// Unsupervised baseline: robust per-feature statistics fitted on known-good traffic. The
// standardisation in the blob header is (median, robust scale) per feature (src/ml/baseline.ts),
// so z is a robust z-score; the flow's distance d is the root mean square of its z, and the
// anomaly score is 1 − 2^(−d / k) with k the fitted threshold: 0 at the median, 0.5 at d = k
// (reported from there), approaching 1 far outside. Parameters (f64 words): k.

export function evalBaseline(params: usize, nIn: u32, z: usize): f64 {
  const k = load<f64>(params);
  let s: f64 = 0;
  for (let i: u32 = 0; i < nIn; i++) {
    const v = load<f64>(z + ((<usize>i) << 3));
    s += v * v;
  }
  const d = Math.sqrt(s / <f64>nIn);
  return 1 - Math.pow(2, -d / k);
}

/**
 * Isolation forest (Liu, Ting, Zhou 2008) over the same robust z-scores: every leaf's value is
 * its path length (depth + c(leaf size)), so the forest evaluator's mean over trees is E[h(x)];
 * the isolation score a = 2^(−E[h] / c(ψ)) (near 1: isolated quickly, an outlier), and the
 * anomaly score is 1 − 2^(−a / k) with k the fitted threshold on a (0.5 at a = k).
 * Parameters (f64 words): k · c(ψ) · the forest block (ml/trees.ts) with one "class".
 */
export function evalIsolationForest(params: usize, nIn: u32, z: usize, scratch: usize): f64 {
  const k = load<f64>(params);
  const cPsi = load<f64>(params + 8);
  evalForest(params + 16, nIn, 1, z, scratch);
  const a = Math.pow(2, -load<f64>(scratch) / cPsi);
  return 1 - Math.pow(2, -a / k);
}
