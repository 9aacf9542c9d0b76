/**
 * Compile a model JSON into the blob the WASM evaluator reads (assembly/ml/score.ts: f64 words,
 * header, columns, standardisation, the kind's parameters).
 */
import { columnIndices, pathNorm, validateModel, type ModelJson } from './model.js';

const MAGIC = 0x4e534d4c;
const KIND: Record<ModelJson['kind'], number> = { logistic: 1, mlp: 2, forest: 3, baseline: 4, iforest: 5 };
const ACT: Record<string, number> = { relu: 0, tanh: 1, logistic: 2 };

export function compileModelBlob(m: ModelJson, topK = 3): Float64Array {
  validateModel(m, `model ${m.name}`);
  const w: number[] = [];
  const nIn = m.columns.length;
  const nClasses = m.kind === 'baseline' || m.kind === 'iforest' ? 1 : m.classes.length;
  const benign = m.benign === null ? -1 : m.classes.indexOf(m.benign);
  w.push(MAGIC, 1, KIND[m.kind], nIn, nClasses, benign, topK, m.transform === 'slog' ? 1 : 0);
  w.push(...columnIndices(m), ...m.mean, ...m.scale.map((s) => (s === 0 ? 1 : s)));
  if (m.kind === 'logistic') {
    for (const row of m.weights!) w.push(...row);
    w.push(...m.bias!);
  } else if (m.kind === 'mlp') {
    const layers = m.layers!;
    w.push(layers.length, ACT[m.activation ?? 'relu'] ?? 0, nIn, ...layers.map((l) => l.bias.length));
    for (const l of layers) {
      for (const row of l.weights) w.push(...row);
      w.push(...l.bias);
    }
  } else if (m.kind === 'forest' || m.kind === 'iforest') {
    if (m.kind === 'iforest') w.push(m.k!, pathNorm(m.psi!));
    w.push(m.trees!.length);
    for (const t of m.trees!) {
      w.push(t.feature.length);
      for (let i = 0; i < t.feature.length; i++) {
        const leaf = (t.feature[i] ?? -1) < 0;
        w.push(
          leaf ? -1 : t.feature[i]!,
          leaf ? 0 : t.threshold[i]!,
          leaf ? 0 : t.left[i]!,
          leaf ? 0 : t.right[i]!,
        );
        // every node's class distribution (internal nodes: for the path attribution of top features)
        const v = t.value[i] ?? [];
        const sum = v.reduce((a, b) => a + b, 0);
        // (an isolation forest's leaf value is a path length: kept as it is)
        const div = m.kind === 'forest' ? sum : 1;
        for (let c = 0; c < nClasses; c++) w.push(div > 0 ? (v[c] ?? 0) / div : 0);
      }
    }
  } else {
    w.push(m.k ?? 1);
  }
  return Float64Array.from(w);
}
