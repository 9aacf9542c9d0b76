/**
 * The main-thread side of ML: pairs each worker result's feature section with the flows of the
 * same result, turns them into scored rows (model name, predicted class, score, top features by
 * name) and emits them on the engine's `ml$`, sorted like flows (and held to the end of the run
 * with `ordered`).
 */
import { Subject } from 'rxjs';
import { compareFlows, type FlowRecord } from '../flows/record.js';
import { SECTION_FEATURES, type Section } from '../pool/result.js';
import { compileModelBlob } from './blob.js';
import { FEATURE_NAMES } from './columns.js';
import { readFeatureRows, type FlowFeatures } from './extract.js';
import type { ModelJson } from './model.js';
import type { WorkerMlInit } from './worker-ml.js';

export interface EngineMlOptions {
  /** Score every finished flow with this model (inline, in WASM). Without it: features only. */
  model?: ModelJson;
  /** Flows scoring at least this are flagged (default 0.5). */
  threshold?: number;
}

export interface MlScore extends FlowFeatures {
  /** Model name and kind; undefined without a model. */
  model: string | undefined;
  kind: ModelJson['kind'] | undefined;
  /** Predicted class name (classifiers). */
  label: string | undefined;
  /** Top contributing features, by name. */
  topFeatures: string[];
  /** score >= threshold. */
  flagged: boolean;
}

export class MlCollector {
  /** The worker result section kind it absorbs. */
  static readonly SECTION = SECTION_FEATURES;
  private readonly subject = new Subject<MlScore>();
  readonly rows$ = this.subject.asObservable();
  private batch: MlScore[] = [];
  private held: MlScore[] = [];

  constructor(private readonly opts: EngineMlOptions | undefined) {}

  static workerInit(o: EngineMlOptions | undefined): WorkerMlInit | undefined {
    if (!o) return undefined;
    return { blob: o.model ? compileModelBlob(o.model) : undefined };
  }

  /** A feature section, paired with the flows read from the same worker result (same order). */
  absorb(s: Section, flows: readonly FlowRecord[]): void {
    const recs = new Float64Array(s.bytes.slice().buffer);
    const m = this.opts?.model;
    const thr = this.opts?.threshold ?? 0.5;
    for (const r of readFeatureRows(flows.slice(flows.length - s.count), recs)) {
      this.batch.push({
        ...r,
        model: m?.name,
        kind: m?.kind,
        label: m && m.kind !== 'baseline' && r.classIndex >= 0 ? m.classes[r.classIndex] : undefined,
        topFeatures: r.top.map((i) => FEATURE_NAMES[i] ?? String(i)),
        flagged: m !== undefined && r.score >= thr,
      });
    }
  }

  /** After each absorbed batch: emit it (sorted like flows), or hold it when ordered. */
  afterBatch(ordered: boolean): void {
    const b = this.batch.sort((x, y) => compareFlows(x.flow, y.flow));
    this.batch = [];
    if (ordered) this.held.push(...b);
    else for (const r of b) this.subject.next(r);
  }

  /** End of an ordered run: everything held, in flow order. */
  endRun(): void {
    const h = this.held.sort((x, y) => compareFlows(x.flow, y.flow));
    this.held = [];
    for (const r of h) this.subject.next(r);
  }

  complete(): void {
    this.subject.complete();
  }
}
