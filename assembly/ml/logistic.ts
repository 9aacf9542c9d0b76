// Multinomial logistic regression: p = softmax(W z + b). Parameters (f64 words): W[nClasses][nIn]
// row-major, then b[nClasses]. A binary model (scikit-learn's single coefficient row) is exported
// as two rows, the first all zeros, so softmax([0, w·z + b]) = sigmoid(w·z + b).

export function softmaxInPlace(p: usize, n: u32): void {
  let mx: f64 = -Infinity;
  for (let c: u32 = 0; c < n; c++) mx = max(mx, load<f64>(p + ((<usize>c) << 3)));
  let sum: f64 = 0;
  for (let c: u32 = 0; c < n; c++) {
    const e = Math.exp(load<f64>(p + ((<usize>c) << 3)) - mx);
    store<f64>(p + ((<usize>c) << 3), e);
    sum += e;
  }
  for (let c: u32 = 0; c < n; c++) store<f64>(p + ((<usize>c) << 3), load<f64>(p + ((<usize>c) << 3)) / sum);
}

export function evalLogistic(params: usize, nIn: u32, nClasses: u32, z: usize, out: usize): void {
  const bPtr = params + ((<usize>(nClasses * nIn)) << 3);
  for (let c: u32 = 0; c < nClasses; c++) {
    const row = params + ((<usize>(c * nIn)) << 3);
    let s = load<f64>(bPtr + ((<usize>c) << 3));
    for (let i: u32 = 0; i < nIn; i++)
      s += load<f64>(row + ((<usize>i) << 3)) * load<f64>(z + ((<usize>i) << 3));
    store<f64>(out + ((<usize>c) << 3), s);
  }
  softmaxInPlace(out, nClasses);
}

/** Per-feature log-odds terms of class `cls` against `benign` (or against nothing when none). */
export function logisticContrib(
  params: usize,
  nIn: u32,
  nClasses: u32,
  benign: i32,
  cls: i32,
  z: usize,
  out: usize,
): void {
  let c = cls;
  if (c == benign) c = benign == 0 && nClasses > 1 ? 1 : 0;
  const row = params + ((<usize>(<u32>c * nIn)) << 3);
  const brow = params + ((<usize>(<u32>max(benign, 0) * nIn)) << 3);
  for (let i: u32 = 0; i < nIn; i++) {
    let wi = load<f64>(row + ((<usize>i) << 3));
    if (benign >= 0) wi -= load<f64>(brow + ((<usize>i) << 3));
    store<f64>(out + ((<usize>i) << 3), wi * load<f64>(z + ((<usize>i) << 3)));
  }
}
