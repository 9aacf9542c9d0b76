/**
 * The ML part of the engine ABI (assembly/index.ts "ML" block): switching flow features on,
 * reading feature records (paired by index with flow records), loading a model blob. Kept apart
 * from instance.ts so the flow/engine ABI stays as it is; like the rest of src/wasm/, the only
 * code that reads engine memory for these records.
 */
import { AbiMismatchError, ConfigError, EngineBugError } from '../errors.js';
import { FEAT_RECORD_SIZE, FEAT_COUNT } from '../ml/columns.js';
import type { EngineInstance } from './instance.js';
import * as L from './layout.js';

interface MlExports {
  enableFeatures(on: number): void;
  featureRegion(): number;
  featuresMissing(): bigint;
  modelRegion(): number;
  loadModel(len: number): number;
  FEAT_RECORD_SIZE: WebAssembly.Global;
  FEAT_COUNT: WebAssembly.Global;
  MODEL_CAPACITY: WebAssembly.Global;
}

function ml(inst: EngineInstance): MlExports {
  const ex = inst.ex as unknown as MlExports;
  const got = Number(ex.FEAT_RECORD_SIZE?.value);
  if (got !== FEAT_RECORD_SIZE || Number(ex.FEAT_COUNT?.value) !== FEAT_COUNT) {
    throw new AbiMismatchError(
      `engine module has FEAT_RECORD_SIZE ${got}, expected ${FEAT_RECORD_SIZE}; rebuild with \`npm run build\``,
      { name: 'FEAT_RECORD_SIZE', got, want: FEAT_RECORD_SIZE },
    );
  }
  return ex;
}

/** Compute flow features from now on (call after configure()). */
export function enableFeatures(inst: EngineInstance, on = true): void {
  ml(inst).enableFeatures(on ? 1 : 0);
}

/**
 * The feature records paired with flow records [ptr, ptr + count) of the flow region
 * (as handed to an onFlows hook): a copy, so it outlives the next engine call.
 */
export function copyFeatureRecords(inst: EngineInstance, flowPtr: number, count: number): Float64Array {
  const first = (flowPtr - inst.ex.flowRegion()) / L.FLOW_RECORD_SIZE;
  const start = ml(inst).featureRegion() + first * FEAT_RECORD_SIZE;
  const mem = inst.memoryView();
  const bytes = mem.slice(start, start + count * FEAT_RECORD_SIZE);
  return new Float64Array(bytes.buffer, 0, count * (FEAT_RECORD_SIZE / 8));
}

export function featuresMissing(inst: EngineInstance): number {
  return Number(ml(inst).featuresMissing());
}

/** Load a compiled model blob (src/ml/blob.ts) for inline scoring; undefined unloads. */
export function loadModelBlob(inst: EngineInstance, blob: Float64Array | undefined): void {
  const ex = ml(inst);
  const len = blob ? blob.byteLength : 0;
  const cap = Number(ex.MODEL_CAPACITY.value);
  if (len > cap)
    throw new ConfigError(
      `model too large: ${len} bytes compiled, the engine takes ${cap} (fewer or smaller trees)`,
    );
  if (blob) inst.memoryView().set(new Uint8Array(blob.buffer, blob.byteOffset, len), ex.modelRegion());
  const status = ex.loadModel(len);
  if (status !== 0) throw new EngineBugError(`engine rejected the model blob (status ${status})`);
}
