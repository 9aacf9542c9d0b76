// Inline model scoring at flow end: the model blob JS compiled from a model JSON
// (src/ml/blob.ts) is evaluated on each finished flow's feature record (features/emit.ts) and
// the result written into the record's meta words (score, class, probability, top features).
//
// Blob: little-endian f64 words (indices and counts stored as f64, exact below 2^53):
//   0 magic (0x4e534d4c "NSML") · 1 version (1) · 2 kind (1 logistic, 2 mlp, 3 forest,
//   4 baseline, 5 isolation forest) · 3 nIn · 4 nClasses · 5 benign class index (−1 none) · 6 top-k wanted · 7 input transform (0 none, 1 signed log1p: sign(x)·ln(1 + |x|), before z)
//   8.. column[nIn] · mean[nIn] · scale[nIn]   (z = (x[column] − mean) / scale)
//   then the kind's parameters (ml/logistic.ts, ml/mlp.ts, ml/trees.ts, ml/baseline.ts).
// Classifiers produce class probabilities; score = 1 − P(benign) (or max P when no benign class).
// Top features, computed only for flows scoring >= 0.5 (the ones an event is emitted for), each
// at the cost of about one more evaluation: a linear model's exact per-feature log-odds terms, an
// MLP's gradient × input, a forest's path attribution (Saabas), the baseline's occlusion (drop in
// score with the feature at its median).

import {
  FEAT_META_WORDS,
  META_CLASS,
  META_PROB,
  META_SCORE,
  META_TOP0,
  META_TOP_COUNT,
} from '../features/columns';
import { evalBaseline, evalIsolationForest } from './baseline';
import { evalLogistic, logisticContrib } from './logistic';
import { evalMlp, mlpContrib } from './mlp';
import { evalForest, forestContrib } from './trees';

export const MODEL_MAGIC: f64 = 0x4e534d4c;
export const MODEL_KIND_LOGISTIC: i32 = 1;
export const MODEL_KIND_MLP: i32 = 2;
export const MODEL_KIND_FOREST: i32 = 3;
export const MODEL_KIND_BASELINE: i32 = 4;
export const MODEL_KIND_IFOREST: i32 = 5;
export const MAX_IN: u32 = 256;
export const MAX_CLASSES: u32 = 64;
export const MODEL_CAPACITY: u32 = 16 << 20;
const HDR_WORDS: u32 = 8;

export let modelPtr: usize = 0;
let modelKind: i32 = 0;
let nIn: u32 = 0;
let nClasses: u32 = 0;
let benign: i32 = -1;
let topK: u32 = 3;
let transform: u32 = 0;
let paramsPtr: usize = 0;
let colsPtr: usize = 0;
let meanPtr: usize = 0;
let scalePtr: usize = 0;

/** Standardised inputs of the flow being scored. */
export const zPtr: usize = memory.data(<i32>(MAX_IN * 8), 8);
/** Class probabilities (or the baseline's single score) of the flow being scored. */
export const probPtr: usize = memory.data(<i32>(MAX_CLASSES * 8), 8);
const contribPtr: usize = memory.data(<i32>(MAX_IN * 8), 8);

export function initModelRegion(ptr: usize): void {
  modelPtr = ptr;
  modelKind = 0;
}

function word(i: u32): f64 {
  return load<f64>(modelPtr + ((<usize>i) << 3));
}

/** Load the blob of `len` bytes at modelPtr (0 = unload). Returns 0 or an error code (1 bad header, 2 too big). */
export function loadModel(len: u32): u32 {
  modelKind = 0;
  if (len == 0) return 0;
  if (len < HDR_WORDS * 8 || len > MODEL_CAPACITY) return 2;
  if (word(0) != MODEL_MAGIC || word(1) != 1) return 1;
  const kind = <i32>word(2);
  const ni = <u32>word(3);
  const nc = <u32>word(4);
  if (ni == 0 || ni > MAX_IN || nc == 0 || nc > MAX_CLASSES) return 1;
  if (kind < MODEL_KIND_LOGISTIC || kind > MODEL_KIND_IFOREST) return 1;
  nIn = ni;
  nClasses = nc;
  benign = <i32>word(5);
  topK = min<u32>(<u32>word(6), META_TOP_COUNT);
  transform = <u32>word(7);
  colsPtr = modelPtr + ((<usize>HDR_WORDS) << 3);
  meanPtr = colsPtr + ((<usize>ni) << 3);
  scalePtr = meanPtr + ((<usize>ni) << 3);
  paramsPtr = scalePtr + ((<usize>ni) << 3);
  modelKind = kind;
  return 0;
}

function evalModel(): f64 {
  if (modelKind == MODEL_KIND_LOGISTIC) evalLogistic(paramsPtr, nIn, nClasses, zPtr, probPtr);
  else if (modelKind == MODEL_KIND_MLP) evalMlp(paramsPtr, nIn, nClasses, zPtr, probPtr);
  else if (modelKind == MODEL_KIND_FOREST) evalForest(paramsPtr, nIn, nClasses, zPtr, probPtr);
  else if (modelKind == MODEL_KIND_IFOREST) return evalIsolationForest(paramsPtr, nIn, zPtr, probPtr);
  else return evalBaseline(paramsPtr, nIn, zPtr);
  if (benign >= 0) return 1 - load<f64>(probPtr + ((<usize>benign) << 3));
  let best: f64 = 0;
  for (let c: u32 = 0; c < nClasses; c++) best = max(best, load<f64>(probPtr + ((<usize>c) << 3)));
  return best;
}

/** Score the feature record at `r` (meta words + features) with the loaded model, if any. */
export function scoreFeatureRecord(r: usize): void {
  if (modelKind == 0) return;
  const feats = r + ((<usize>FEAT_META_WORDS) << 3);
  for (let i: u32 = 0; i < nIn; i++) {
    const col = <u32>load<f64>(colsPtr + ((<usize>i) << 3));
    let x = load<f64>(feats + ((<usize>col) << 3));
    if (transform == 1) x = x < 0 ? -Math.log1p(-x) : Math.log1p(x);
    const m = load<f64>(meanPtr + ((<usize>i) << 3));
    const s = load<f64>(scalePtr + ((<usize>i) << 3));
    store<f64>(zPtr + ((<usize>i) << 3), (x - m) / s);
  }
  const score = evalModel();
  store<f64>(r + ((<usize>META_SCORE) << 3), score);
  if (modelKind != MODEL_KIND_BASELINE && modelKind != MODEL_KIND_IFOREST) {
    let bestC: u32 = 0;
    let bestP: f64 = -1;
    for (let c: u32 = 0; c < nClasses; c++) {
      const p = load<f64>(probPtr + ((<usize>c) << 3));
      if (p > bestP) {
        bestP = p;
        bestC = c;
      }
    }
    store<f64>(r + ((<usize>META_CLASS) << 3), <f64>bestC);
    store<f64>(r + ((<usize>META_PROB) << 3), bestP);
  }
  if (score < 0.5 || topK == 0) return;
  // contributions: exact log-odds terms for a linear model, gradient × input for an MLP, path
  // attribution for a forest, occlusion for the baseline (see the functions)
  const cls = <i32>load<f64>(r + ((<usize>META_CLASS) << 3));
  if (modelKind == MODEL_KIND_LOGISTIC) {
    logisticContrib(paramsPtr, nIn, nClasses, benign, cls, zPtr, contribPtr);
  } else if (modelKind == MODEL_KIND_MLP) {
    if (!mlpContrib(paramsPtr, nIn, nClasses, benign, cls, zPtr, contribPtr)) return;
  } else if (modelKind == MODEL_KIND_FOREST) {
    forestContrib(paramsPtr, nIn, nClasses, benign, cls, zPtr, contribPtr);
  } else {
    for (let i: u32 = 0; i < nIn; i++) {
      const zi = load<f64>(zPtr + ((<usize>i) << 3));
      store<f64>(zPtr + ((<usize>i) << 3), 0);
      store<f64>(contribPtr + ((<usize>i) << 3), score - evalModel());
      store<f64>(zPtr + ((<usize>i) << 3), zi);
    }
  }
  for (let k: u32 = 0; k < topK; k++) {
    let bi: i32 = -1;
    let bv: f64 = 0;
    for (let i: u32 = 0; i < nIn; i++) {
      const v = load<f64>(contribPtr + ((<usize>i) << 3));
      if (v > bv) {
        bv = v;
        bi = <i32>i;
      }
    }
    if (bi < 0) break;
    store<f64>(contribPtr + ((<usize>bi) << 3), 0);
    store<f64>(r + ((<usize>(META_TOP0 + k)) << 3), load<f64>(colsPtr + ((<usize>bi) << 3)));
  }
}
