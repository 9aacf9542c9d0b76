/**
 * The worker side of ML: switches flow features on in the worker's engine instance, loads the
 * model blob once, and collects the feature records paired with the flow records of each task
 * into one SECTION_FEATURES section (same order and count as the task's SECTION_FLOWS).
 */
import type { FlowRecords } from '../capture/file-runner.js';
import { SectionBuilder, SECTION_FEATURES, type Section } from '../pool/result.js';
import type { EngineInstance } from '../wasm/instance.js';
import { copyFeatureRecords, enableFeatures, loadModelBlob } from '../wasm/features.js';
import { FEAT_RECORD_SIZE } from './columns.js';

export interface WorkerMlInit {
  /** Compiled model blob (src/ml/blob.ts), or none: features only. */
  blob?: Float64Array;
}

export class WorkerMl {
  private builder = new SectionBuilder(SECTION_FEATURES, FEAT_RECORD_SIZE);

  constructor(
    private readonly inst: EngineInstance,
    init: WorkerMlInit,
  ) {
    enableFeatures(inst);
    if (init.blob) loadModelBlob(inst, init.blob);
  }

  /** The feature records of flow records just handed to onFlows. */
  add(r: Pick<FlowRecords, 'ptr' | 'count'>): void {
    if (r.count === 0) return;
    const recs = copyFeatureRecords(this.inst, r.ptr, r.count);
    this.builder.add(new Uint8Array(recs.buffer), 0, r.count);
  }

  /** This task's section; the builder starts afresh. */
  section(): Section {
    const s = this.builder.build();
    this.builder = new SectionBuilder(SECTION_FEATURES, FEAT_RECORD_SIZE);
    return s;
  }
}
