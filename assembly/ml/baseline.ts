// Unsupervised baseline: robust per-feature statistics fitted on known-good traffic. The
// standardisation in the blob header is (median, 1.4826 × MAD) per feature, so z is a robust
// z-score; the anomaly score maps the largest |z| through 1 − exp(−max(0, |z| − k) / k) with
// k = the fitted threshold, so 0 = typical and values near 1 = far outside the baseline; >= 0.5
// is reported. Parameters (f64 words): k.

export function evalBaseline(params: usize, nIn: u32, z: usize): f64 {
  const k = load<f64>(params);
  let m: f64 = 0;
  for (let i: u32 = 0; i < nIn; i++) m = max(m, Math.abs(load<f64>(z + ((<usize>i) << 3))));
  const ex = m - k;
  return ex > 0 ? 1 - Math.exp(-ex / k) : 0;
}
