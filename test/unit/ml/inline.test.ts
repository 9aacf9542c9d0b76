/**
 * Inline scoring: the WASM evaluators (assembly/ml/) give the same class probabilities as the
 * TypeScript reference (src/ml/model.ts predictProba) for every model kind, through a single
 * instance and through the worker pool (`createEngine({ ml })` → ml$ → EVE `ml` events).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, fromFile } from '../../../src/engine.js';
import type { MlScore } from '../../../src/ml/engine-ml.js';
import { compileModelBlob } from '../../../src/ml/blob.js';
import { extractFeatures } from '../../../src/ml/extract.js';
import { columnIndices, predictProba, scoreOf, standardise, type ModelJson } from '../../../src/ml/model.js';
import { toDataset } from '../../../src/ml/train/index.js';
import { trainForest } from '../../../src/ml/train/trees.js';
import { trainLogistic } from '../../../src/ml/train/logistic.js';
import { trainMlp } from '../../../src/ml/train/mlp.js';
import { eveMlEvent } from '../../../src/outputs/eve-ml.js';
import { labelledCapture, type Labelled } from './helpers.js';

let cap: Labelled;
const models: ModelJson[] = [];

beforeAll(async () => {
  cap = await labelledCapture(5, 6000, { spanS: 60, scale: 0.3 });
  const ds = toDataset(cap.table);
  models.push(
    trainLogistic(ds, 'benign', { iterations: 40 }),
    trainMlp(ds, 'benign', { hidden: [8, 6], epochs: 3 }),
    trainForest(ds, 'benign', { trees: 4, maxDepth: 6 }),
  );
}, 60_000);

/** Reference attributions of score = 1 − P(benign) (see assembly/ml/score.ts). */
function attribution(m: ModelJson, z: number[], b: number): number[] {
  const scoreAt = (zz: number[]): number => {
    const x = zz.map((v, i) => v * m.scale[i]! + m.mean[i]!);
    const xs = m.transform === 'slog' ? x.map((v) => (v < 0 ? -Math.expm1(-v) : Math.expm1(v))) : x;
    return 1 - predictProba(m, xs)[b]!;
  };
  if (m.kind === 'logistic') {
    const p = predictProba(
      m,
      z.map((v, i) => v * m.scale[i]! + m.mean[i]!).map((v) => (v < 0 ? -Math.expm1(-v) : Math.expm1(v))),
    );
    const c = p.indexOf(Math.max(...p)) === b ? (b === 0 ? 1 : 0) : p.indexOf(Math.max(...p));
    return z.map((v, i) => (m.weights![c]![i]! - m.weights![b]![i]!) * v);
  }
  if (m.kind === 'mlp') {
    // central differences of the score, times the input
    return z.map((v, i) => {
      const h = 1e-6;
      const up = z.slice();
      const dn = z.slice();
      up[i] = v + h;
      dn[i] = v - h;
      return ((scoreAt(up) - scoreAt(dn)) / (2 * h)) * v;
    });
  }
  // forest: path attribution
  const out = z.map(() => 0);
  for (const t of m.trees!) {
    let i = 0;
    while (t.feature[i]! >= 0) {
      const f = t.feature[i]!;
      const next = Math.fround(z[f]!) <= t.threshold[i]! ? t.left[i]! : t.right[i]!;
      out[f]! += (t.value[i]![b]! - t.value[next]![b]!) / m.trees!.length;
      i = next;
    }
  }
  return out;
}

function reference(m: ModelJson, features: Float64Array): number {
  const cols = columnIndices(m);
  return scoreOf(
    m,
    predictProba(
      m,
      cols.map((c) => features[c]!),
    ),
  );
}

describe('inline scoring in WASM', () => {
  it('agrees with the TypeScript reference for logistic, mlp and forest models', async () => {
    for (const m of models) {
      const rows = await extractFeatures([cap.pcap], { model: compileModelBlob(m) });
      let maxDiff = 0;
      for (const r of rows) maxDiff = Math.max(maxDiff, Math.abs(r.score - reference(m, r.features)));
      expect(maxDiff, m.kind).toBeLessThan(1e-9);
      const flagged = rows.filter((r) => r.score >= 0.5);
      expect(flagged.length, m.kind).toBeGreaterThan(0);
      for (const r of flagged) expect(r.top.length, m.kind).toBeGreaterThan(0);
    }
  }, 30_000);

  it('names the top features: log-odds terms, gradient × input, path attribution', async () => {
    for (const m of models) {
      const rows = await extractFeatures([cap.pcap], { model: compileModelBlob(m) });
      const cols = columnIndices(m);
      const b = m.classes.indexOf('benign');
      let checked = 0;
      for (const r of rows.filter((x) => x.score >= 0.5).slice(0, 20)) {
        const x = cols.map((c) => r.features[c]!);
        const z = standardise(m, x);
        const contrib = attribution(m, z, b);
        const best = contrib.indexOf(Math.max(...contrib));
        expect(r.top[0], `${m.kind} top feature`).toBe(cols[best]);
        checked++;
      }
      expect(checked, m.kind).toBeGreaterThan(0);
    }
  });

  it('scores through the worker pool, the same for any worker count, and writes EVE ml events', async () => {
    const m = models[2]!;
    const run = async (workers: number): Promise<{ got: MlScore[]; flows: number }> => {
      const engine = createEngine({ workers, ordered: true, ml: { model: m } });
      const got: MlScore[] = [];
      engine.ml$.subscribe((s) => got.push(s));
      let flows = 0;
      engine.flows$.subscribe(() => flows++);
      await engine.run(fromFile(cap.pcap));
      await engine.close();
      return { got, flows };
    };
    const { got, flows } = await run(2);
    expect(got).toHaveLength(flows);
    // the same scores in the same order with one worker
    const one = await run(1);
    expect(one.got.map((s) => [s.flow.flowId, s.score, s.top])).toEqual(
      got.map((s) => [s.flow.flowId, s.score, s.top]),
    );
    for (const s of got) expect(Math.abs(s.score - reference(m, s.features))).toBeLessThan(1e-9);
    const f = got.find((s) => s.flagged)!;
    const ev = eveMlEvent(f);
    expect(ev).toMatchObject({ event_type: 'ml', ml: { model: 'forest', kind: 'forest', label: f.label } });
    expect((ev.ml as { top_features: unknown[] }).top_features.length).toBeGreaterThan(0);
  }, 30_000);
});
