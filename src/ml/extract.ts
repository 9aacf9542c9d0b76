/**
 * Flow features from capture files: runs the engine with flow features on (and optionally a
 * model loaded for inline scoring) and pairs every flow record with its feature record.
 * Rows come back in canonical flow order (first packet number, then flow id).
 */
import { runFiles } from '../capture/file-runner.js';
import { compareFlows, readFlowRecords, type FlowRecord } from '../flows/record.js';
import { EngineInstance } from '../wasm/instance.js';
import { copyFeatureRecords, enableFeatures, loadModelBlob } from '../wasm/features.js';
import {
  FEAT_COUNT,
  FEAT_META_WORDS,
  META_CLASS,
  META_PROB,
  META_SCORE,
  META_TOP0,
  META_TOP_COUNT,
  META_VALID,
} from './columns.js';

export interface FlowFeatures {
  flow: FlowRecord;
  /** FEAT_COUNT columns (FEATURE_NAMES order); all zero when !valid. */
  features: Float64Array;
  valid: boolean;
  /** Inline model output (score −1 and class −1 when no model). */
  score: number;
  classIndex: number;
  prob: number;
  /** Column indices of the top contributing features (score >= 0.5 only). */
  top: number[];
}

export interface ExtractOptions {
  /** CFG_* index → value (flow table size, timeouts). */
  config?: Record<number, number>;
  /** Compiled model blob for inline scoring. */
  model?: Float64Array;
}

export function readFeatureRows(flows: FlowRecord[], recs: Float64Array): FlowFeatures[] {
  const words = FEAT_META_WORDS + FEAT_COUNT;
  return flows.map((flow, i) => {
    const b = i * words;
    const top: number[] = [];
    for (let k = 0; k < META_TOP_COUNT; k++) {
      const t = recs[b + META_TOP0 + k] ?? -1;
      if (t >= 0) top.push(t);
    }
    return {
      flow,
      features: recs.slice(b + FEAT_META_WORDS, b + words),
      valid: recs[b + META_VALID] === 1,
      score: recs[b + META_SCORE] ?? -1,
      classIndex: recs[b + META_CLASS] ?? -1,
      prob: recs[b + META_PROB] ?? 0,
      top,
    };
  });
}

export async function extractFeatures(
  files: readonly string[],
  opts: ExtractOptions = {},
): Promise<FlowFeatures[]> {
  const inst = new EngineInstance();
  if (opts.config && Object.keys(opts.config).length) inst.configure(opts.config);
  enableFeatures(inst);
  if (opts.model) loadModelBlob(inst, opts.model);
  const rows: FlowFeatures[] = [];
  await runFiles(inst, files, {
    flows: true,
    onFlows: (r) => {
      const flows = readFlowRecords(r.mem, r.ptr, r.count);
      rows.push(...readFeatureRows(flows, copyFeatureRecords(inst, r.ptr, r.count)));
    },
  });
  rows.sort((a, b) => compareFlows(a.flow, b.flow));
  return rows;
}
