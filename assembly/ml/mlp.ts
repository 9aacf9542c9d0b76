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
