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
import { fitBaseline } from '../../../src/ml/baseline.js';
import { compileModelBlob } from '../../../src/ml/blob.js';
import { extractFeatures, type FlowFeatures } from '../../../src/ml/extract.js';
import { columnIndices, predictProba, type ModelJson } from '../../../src/ml/model.js';
import { rocAuc } from '../../../src/ml/metrics.js';
import { labelledCapture, type Labelled } from './helpers.js';

let model: ModelJson;
let cap: Labelled;
let scored: FlowFeatures[];

beforeAll(async () => {
  const good = join(mkdtempSync(join(tmpdir(), 'netsift-base-')), 'good.pcap');
  generateCapture({ seed: 7, packets: 20000, clean: true, spanS: 80, out: good });
  model = fitBaseline((await extractFeatures([good])).map((r) => r.features));
  cap = await labelledCapture(5, 12000, { spanS: 60, scale: 0.5 });
  scored = await extractFeatures([cap.pcap], { model: compileModelBlob(model) });
}, 60_000);

describe('unsupervised baseline', () => {
  it('scores in WASM as the TypeScript reference does', () => {
    const cols = columnIndices(model);
    for (const r of scored) {
      const want = predictProba(
        model,
        cols.map((c) => r.features[c]!),
      )[0]!;
      expect(Math.abs(r.score - want)).toBeLessThan(1e-9);
    }
  });

  it('flags few good flows, and the SYN flood and slow HTTP flows', () => {
    const rate = (label: string): number => {
      const idx = cap.labels.flatMap((l, i) => (l === label ? [i] : []));
      return idx.filter((i) => scored[i]!.score >= 0.5).length / idx.length;
    };
    expect(rate('benign')).toBeLessThan(0.1);
    expect(rate('synflood')).toBeGreaterThan(0.9);
    expect(rate('slowhttp')).toBeGreaterThan(0.9);
    const auc = rocAuc(
      scored.map((r) => r.score),
      cap.labels.map((l) => l !== 'benign'),
    );
    expect(auc).toBeGreaterThan(0.7);
  });
});
