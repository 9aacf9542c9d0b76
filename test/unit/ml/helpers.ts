/**
 * Labelled feature tables from generated captures (bench/gen scenarios), shared by the ML tests:
 * generate → features in WASM → labels joined, all in a temp directory.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCapture } from '../../../bench/gen/generate.js';
import { SCENARIO_NAMES } from '../../../bench/gen/scenarios/index.js';
import { extractFeatures, type FlowFeatures } from '../../../src/ml/extract.js';
import { LabelIndex, readLabels } from '../../../src/ml/labels.js';
import { FEATURE_NAMES } from '../../../src/ml/columns.js';
import type { FeatureTable } from '../../../src/ml/table.js';

export interface Labelled {
  pcap: string;
  rows: FlowFeatures[];
  labels: string[];
  table: FeatureTable;
}

export async function labelledCapture(
  seed: number,
  packets: number,
  o: { spanS?: number; scale?: number } = {},
): Promise<Labelled> {
  const dir = mkdtempSync(join(tmpdir(), 'netsift-ml-'));
  const pcap = join(dir, `s${seed}.pcap`);
  const labelsPath = join(dir, `s${seed}.labels.csv`);
  generateCapture({
    seed,
    packets,
    clean: true,
    out: pcap,
    scenarios: SCENARIO_NAMES,
    labels: labelsPath,
    spanS: o.spanS,
    scenarioScale: o.scale,
  });
  const rows = await extractFeatures([pcap]);
  const index = new LabelIndex(readLabels(labelsPath));
  const labels = rows.map((r) => index.labelOf(r.flow));
  return {
    pcap,
    rows,
    labels,
    table: { columns: [...FEATURE_NAMES], rows: rows.map((r) => r.features), labels },
  };
}
