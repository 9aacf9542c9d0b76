// Multi-layer perceptron: hidden layers with ReLU (or tanh / logistic), softmax output.
// Parameters (f64 words): nLayers (weight layers, >= 1) · activation (0 relu, 1 tanh,
// 2 logistic) · sizes[nLayers + 1] (nIn … nClasses) · then per layer W[out][in] row-major and
// b[out]. A binary scikit-learn model (one logistic output unit) is exported with a zero row
// prepended to the last layer, so softmax([0, a]) = sigmoid(a).

import { softmaxInPlace } from './logistic';

export const MLP_MAX_WIDTH: u32 = 512;
const bufA: usize = memory.data(<i32>(MLP_MAX_WIDTH * 8), 8);
const bufB: usize = memory.data(<i32>(MLP_MAX_WIDTH * 8), 8);

export function evalMlp(params: usize, nIn: u32, nClasses: u32, z: usize, out: usize): void {
  const nLayers = <u32>load<f64>(params);
  const act = <i32>load<f64>(params + 8);
  const sizes = params + 16;
  let w = sizes + ((<usize>(nLayers + 1)) << 3);
  let src = z;
  let inN = nIn;
  for (let l: u32 = 0; l < nLayers; l++) {
    const outN = <u32>load<f64>(sizes + ((<usize>(l + 1)) << 3));
    const last = l == nLayers - 1;
    const dst = last ? out : l % 2 == 0 ? bufA : bufB;
    const b = w + ((<usize>(outN * inN)) << 3);
    for (let j: u32 = 0; j < outN; j++) {
      const row = w + ((<usize>(j * inN)) << 3);
      let s = load<f64>(b + ((<usize>j) << 3));
      for (let i: u32 = 0; i < inN; i++)
        s += load<f64>(row + ((<usize>i) << 3)) * load<f64>(src + ((<usize>i) << 3));
      if (!last) {
        if (act == 0) s = s > 0 ? s : 0;
        else if (act == 1) s = Math.tanh(s);
        else s = 1 / (1 + Math.exp(-s));
      }
      store<f64>(dst + ((<usize>j) << 3), s);
    }
    w = b + ((<usize>outN) << 3);
    src = dst;
    inN = outN;
  }
  softmaxInPlace(out, nClasses);
}

/** All layers' activations (input copy, hidden post-activations, output probabilities) for mlpContrib. */
export const MLP_MAX_UNITS: u32 = 4096;
const actsPtr: usize = memory.data(<i32>(MLP_MAX_UNITS * 8), 8);
const gradA: usize = memory.data(<i32>(MLP_MAX_WIDTH * 8), 8);
const gradB: usize = memory.data(<i32>(MLP_MAX_WIDTH * 8), 8);

function f(p: usize, i: u32): f64 {
  return load<f64>(p + ((<usize>i) << 3));
}

function sf(p: usize, i: u32, v: f64): void {
  store<f64>(p + ((<usize>i) << 3), v);
}

/**
 * Gradient × input attribution: out[i] = z[i] · ∂score/∂z[i], score = 1 − P(benign) (or P(cls)
 * without a benign class). One forward pass keeping every layer, one backward pass. False when
 * the network is too large for the scratch (the caller then leaves top features empty).
 */
export function mlpContrib(
  params: usize,
  nIn: u32,
  nClasses: u32,
  benign: i32,
  cls: i32,
  z: usize,
  out: usize,
): bool {
  const nLayers = <u32>f(params, 0);
  const act = <i32>f(params, 1);
  const sizes = params + 16;
  let total: u32 = 0;
  for (let l: u32 = 0; l <= nLayers; l++) {
    const s = <u32>f(sizes, l);
    if (s > MLP_MAX_WIDTH) return false;
    total += s;
  }
  if (total > MLP_MAX_UNITS) return false;
  // forward, keeping activations; wOff[l] located by walking the parameter block again below
  memory.copy(actsPtr, z, (<usize>nIn) << 3);
  let w = sizes + ((<usize>(nLayers + 1)) << 3);
  let aOff: u32 = 0;
  let inN = nIn;
  for (let l: u32 = 0; l < nLayers; l++) {
    const outN = <u32>f(sizes, l + 1);
    const last = l == nLayers - 1;
    const b = w + ((<usize>(outN * inN)) << 3);
    const src = actsPtr + ((<usize>aOff) << 3);
    const dst = src + ((<usize>inN) << 3);
    for (let j: u32 = 0; j < outN; j++) {
      const row = w + ((<usize>(j * inN)) << 3);
      let s = f(b, j);
      for (let i: u32 = 0; i < inN; i++) s += f(row, i) * f(src, i);
      if (!last) {
        if (act == 0) s = s > 0 ? s : 0;
        else if (act == 1) s = Math.tanh(s);
        else s = 1 / (1 + Math.exp(-s));
      }
      sf(dst, j, s);
    }
    w = b + ((<usize>outN) << 3);
    aOff += inN;
    inN = outN;
  }
  const probs = actsPtr + ((<usize>aOff) << 3);
  softmaxInPlace(probs, nClasses);
  // ∂score/∂logit: score = 1 − p_b → p_b·p_c − [c = b]·p_b ; score = p_k → [c = k]·p_k − p_k·p_c
  const k = benign >= 0 ? <u32>benign : <u32>max(cls, 0);
  const pk = f(probs, k);
  for (let c: u32 = 0; c < nClasses; c++) {
    const pc = f(probs, c);
    const g = pk * pc - (c == k ? pk : 0);
    sf(gradA, c, benign >= 0 ? g : -g);
  }
  // backward: walk the layers from the last; the weight block of layer l starts at wStart(l)
  let gOut = gradA;
  let gIn = gradB;
  for (let l = <i32>nLayers - 1; l >= 0; l--) {
    const lu = <u32>l;
    let wl = sizes + ((<usize>(nLayers + 1)) << 3);
    for (let m: u32 = 0; m < lu; m++) {
      const a = <u32>f(sizes, m);
      const o = <u32>f(sizes, m + 1);
      wl += (<usize>(a * o + o)) << 3;
    }
    const inL = <u32>f(sizes, lu);
    const outL = <u32>f(sizes, lu + 1);
    let off: u32 = 0;
    for (let m: u32 = 0; m < lu; m++) off += <u32>f(sizes, m);
    const aIn = actsPtr + ((<usize>off) << 3);
    for (let i: u32 = 0; i < inL; i++) {
      let s: f64 = 0;
      for (let j: u32 = 0; j < outL; j++) s += f(wl + ((<usize>(j * inL)) << 3), i) * f(gOut, j);
      if (lu > 0) {
        const a = f(aIn, i);
        if (act == 0) s = a > 0 ? s : 0;
        else if (act == 1) s *= 1 - a * a;
        else s *= a * (1 - a);
      }
      sf(gIn, i, s);
    }
    const t = gOut;
    gOut = gIn;
    gIn = t;
  }
  for (let i: u32 = 0; i < nIn; i++) sf(out, i, f(gOut, i) * f(z, i));
  return true;
}
