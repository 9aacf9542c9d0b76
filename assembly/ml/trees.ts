// Tree ensemble (random forest): P = mean over trees of the reached leaf's class distribution.
// Parameters (f64 words): nTrees · then per tree: nNodes, then nNodes nodes of (4 + nClasses)
// words: feature (input index, −1 = leaf) · threshold · left · right · value[nClasses] (the
// leaf's class probabilities, already normalised). A split goes left when
// f32(x) <= threshold: scikit-learn compares float32 features, and thresholds are learnt on
// float32 values, so the comparison is in float32 of the RAW feature; the input here is the
// standardised z, so a forest is exported with mean 0 and scale 1 (z = x).

export function evalForest(params: usize, nIn: u32, nClasses: u32, z: usize, out: usize): void {
  const nTrees = <u32>load<f64>(params);
  for (let c: u32 = 0; c < nClasses; c++) store<f64>(out + ((<usize>c) << 3), 0);
  let t = params + 8;
  const nodeWords = 4 + nClasses;
  for (let k: u32 = 0; k < nTrees; k++) {
    const nNodes = <u32>load<f64>(t);
    const nodes = t + 8;
    let i: u32 = 0;
    while (true) {
      const n = nodes + ((<usize>(i * nodeWords)) << 3);
      const f = <i32>load<f64>(n);
      if (f < 0) {
        for (let c: u32 = 0; c < nClasses; c++) {
          const o = out + ((<usize>c) << 3);
          store<f64>(o, load<f64>(o) + load<f64>(n + ((<usize>(4 + c)) << 3)));
        }
        break;
      }
      const x = <f32>load<f64>(z + ((<usize>f) << 3));
      const next = <f64>x <= load<f64>(n + 8) ? <u32>load<f64>(n + 16) : <u32>load<f64>(n + 24);
      if (next <= i || next >= nNodes) break; // malformed blob (validated in JS): never loop
      i = next;
    }
    t = nodes + ((<usize>(nNodes * nodeWords)) << 3);
  }
  for (let c: u32 = 0; c < nClasses; c++) {
    const o = out + ((<usize>c) << 3);
    store<f64>(o, load<f64>(o) / <f64>nTrees);
  }
}

/**
 * Path attribution (Saabas): along each tree's decision path, the change of the node's score
 * (1 − P(benign), or P(cls) without a benign class) from a node to the child taken is credited
 * to the node's split feature; averaged over the trees. Needs every node's class distribution
 * (internal nodes too: the exporters write them).
 */
export function forestContrib(
  params: usize,
  nIn: u32,
  nClasses: u32,
  benign: i32,
  cls: i32,
  z: usize,
  out: usize,
): void {
  const nTrees = <u32>load<f64>(params);
  for (let i: u32 = 0; i < nIn; i++) store<f64>(out + ((<usize>i) << 3), 0);
  const k = benign >= 0 ? <u32>benign : <u32>max(cls, 0);
  const nodeWords = 4 + nClasses;
  let t = params + 8;
  for (let tr: u32 = 0; tr < nTrees; tr++) {
    const nNodes = <u32>load<f64>(t);
    const nodes = t + 8;
    let i: u32 = 0;
    while (true) {
      const n = nodes + ((<usize>(i * nodeWords)) << 3);
      const f = <i32>load<f64>(n);
      if (f < 0) break;
      const x = <f32>load<f64>(z + ((<usize>f) << 3));
      const next = <f64>x <= load<f64>(n + 8) ? <u32>load<f64>(n + 16) : <u32>load<f64>(n + 24);
      if (next <= i || next >= nNodes) break;
      const c = nodes + ((<usize>(next * nodeWords)) << 3);
      const pk0 = load<f64>(n + ((<usize>(4 + k)) << 3));
      const pk1 = load<f64>(c + ((<usize>(4 + k)) << 3));
      const d = benign >= 0 ? pk0 - pk1 : pk1 - pk0;
      const o = out + ((<usize>f) << 3);
      store<f64>(o, load<f64>(o) + d / <f64>nTrees);
      i = next;
    }
    t = nodes + ((<usize>(nNodes * nodeWords)) << 3);
  }
}
