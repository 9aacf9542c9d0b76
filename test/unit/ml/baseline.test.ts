/**
 * The unsupervised baseline: fitted on generated known-good traffic (no scenarios, same pacing),
 * scored in WASM on a capture with attack scenarios. Checks the WASM score equals the
 * TypeScript reference, that few good flows are flagged, and that the flows that stand out in
 * volume or timing (SYN flood, slow HTTP) are.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCapture } from '../../../bench/gen/generate.js';
import { fitBaseline, fitIsolationForest } from '../../../src/ml/baseline.js';
import { compileModelBlob } from '../../../src/ml/blob.js';
import { extractFeatures, type FlowFeatures } from '../../../src/ml/extract.js';
import { columnIndices, predictProba, type ModelJson } from '../../../src/ml/model.js';
import { rocAuc } from '../../../src/ml/metrics.js';
import { labelledCapture, type Labelled } from './helpers.js';

let cap: Labelled;
const fitted: { model: ModelJson; scored: FlowFeatures[] }[] = [];

beforeAll(async () => {
  const good = join(mkdtempSync(join(tmpdir(), 'netsift-base-')), 'good.pcap');
  generateCapture({ seed: 7, packets: 20000, clean: true, spanS: 80, out: good });
  const rows = (await extractFeatures([good])).map((r) => r.features);
  cap = await labelledCapture(5, 12000, { spanS: 60, scale: 0.5 });
  for (const model of [fitBaseline(rows), fitIsolationForest(rows, { trees: 50 })]) {
    fitted.push({ model, scored: await extractFeatures([cap.pcap], { model: compileModelBlob(model) }) });
  }
}, 60_000);

function rate(scored: FlowFeatures[], label: string): number {
  const idx = cap.labels.flatMap((l, i) => (l === label ? [i] : []));
  return idx.filter((i) => scored[i]!.score >= 0.5).length / idx.length;
}

describe('unsupervised baselines (robust z-score distance, isolation forest)', () => {
  it('score in WASM as the TypeScript reference does', () => {
    for (const { model, scored } of fitted) {
      const cols = columnIndices(model);
      let max = 0;
      for (const r of scored) {
        const want = predictProba(
          model,
          cols.map((c) => r.features[c]!),
        )[0]!;
        max = Math.max(max, Math.abs(r.score - want));
      }
      expect(max, model.kind).toBeLessThan(1e-9);
    }
  });

  it('robust: flags few good flows, and the SYN flood and slow HTTP flows', () => {
    const { scored } = fitted[0]!;
    expect(rate(scored, 'benign')).toBeLessThan(0.1);
    expect(rate(scored, 'synflood')).toBeGreaterThan(0.9);
    expect(rate(scored, 'slowhttp')).toBeGreaterThan(0.9);
  });

  it('isolation forest: flags few good flows, and the flood, slow HTTP and brute-force flows', () => {
    const { scored } = fitted[1]!;
    expect(rate(scored, 'benign')).toBeLessThan(0.05);
    for (const s of ['synflood', 'slowhttp', 'bruteforce']) expect(rate(scored, s), s).toBeGreaterThan(0.9);
    const auc = rocAuc(
      scored.map((r) => r.score),
      cap.labels.map((l) => l !== 'benign'),
    );
    expect(auc).toBeGreaterThan(0.85);
    expect(scored.filter((r) => r.score >= 0.5).every((r) => r.top.length > 0)).toBe(true);
  });
});
