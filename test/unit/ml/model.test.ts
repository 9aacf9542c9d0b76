/**
 * Model JSON validation (src/ml/model.ts): a model is checked before it is compiled for the
 * engine, so a malformed one is a ConfigError naming what is wrong, never a bad blob in WASM.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { compileModelBlob } from '../../../src/ml/blob.js';
import { MODEL_FORMAT, predictProba, type ModelJson } from '../../../src/ml/model.js';

const forest = (): ModelJson => ({
  format: MODEL_FORMAT,
  kind: 'forest',
  name: 'f',
  columns: ['fwd_pkts', 'bwd_pkts'],
  classes: ['benign', 'attack'],
  benign: 'benign',
  mean: [0, 0],
  scale: [1, 1],
  trees: [
    {
      feature: [0, -1, -1],
      threshold: [2.5, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [
        [0.5, 0.5],
        [1, 0],
        [0, 1],
      ],
    },
  ],
});

describe('model JSON', () => {
  it('evaluates a hand-written forest', () => {
    expect(predictProba(forest(), [2, 0])).toEqual([1, 0]);
    expect(predictProba(forest(), [3, 0])).toEqual([0, 1]);
    expect(compileModelBlob(forest()).length).toBeGreaterThan(8);
  });

  it('rejects trees whose children do not follow their parent, and bad shapes', () => {
    const loop = forest();
    loop.trees![0]!.left[0] = 0;
    expect(() => compileModelBlob(loop)).toThrow(ConfigError);
    expect(() => compileModelBlob(loop)).toThrow(/tree 0 node 0: feature or children out of range/);
    const col = forest();
    col.columns = ['fwd_pkts', 'no_such_feature'];
    expect(() => compileModelBlob(col)).toThrow(/unknown feature column "no_such_feature"/);
    const mlp: ModelJson = {
      ...forest(),
      kind: 'mlp',
      trees: undefined,
      layers: [{ weights: [[1, 2, 3]], bias: [0] }],
    };
    expect(() => compileModelBlob(mlp)).toThrow(/mlp layer 0/);
  });
});
