// The region map: carved once in init() after the module's static data, never moved.
// The hot path never allocates: every buffer the engine uses is here or in a module's static
// `memory.data`.
//
//   [ static data | input (INPUT_CAPACITY) | packet records (PACKET_RECORD_CAPACITY × size)
//     | flow records (FLOW_RECORD_CAPACITY × size) | stream chunk records | stream chunk bytes
//     | ML: feature records (parallel to flow records) | feature accumulators | model blob
//     | configured: flow table, stream states, reassembly page pool ]
// The configured part is carved by carveConfigured() from the config block (applyConfig), before
// the first chunk; carving again (a new configuration) reuses the same base.

import {
  CFG_WORDS,
  FILTER_CAPACITY,
  FLOW_RECORD_CAPACITY,
  FLOW_RECORD_SIZE,
  INPUT_CAPACITY,
  PACKET_RECORD_CAPACITY,
  PACKET_RECORD_SIZE,
  STREAM_DATA_CAPACITY,
  STREAM_RECORD_CAPACITY,
  STREAM_RECORD_SIZE,
} from '../abi/layout';
import { ACC_SIZE, FEAT_ACC_CAPACITY } from '../features/accumulate';
import { FEAT_RECORD_SIZE } from '../features/columns';
import { MODEL_CAPACITY } from '../ml/score';
import { APP_DATA_CAPACITY, APP_RECORD_CAPACITY, APP_RECORD_SIZE } from '../abi/layout';
import { appPoolBytes } from '../app/state';

export let inputPtr: usize = 0;
export let packetRegionPtr: usize = 0;
export let flowRecordRegionPtr: usize = 0;
export let streamRecordRegionPtr: usize = 0;
export let streamDataRegionPtr: usize = 0;
/** ML (features/, ml/): feature records parallel to flow records, accumulator pool + free stack, model blob. */
export let featureRecordRegionPtr: usize = 0;
export let featureAccRegionPtr: usize = 0;
export let featureFreeStackPtr: usize = 0;
export let modelRegionPtr: usize = 0;
/** Engine config block: CFG_WORDS u32 written by JS before applyConfig(). */
export const configPtr: usize = memory.data(<i32>(CFG_WORDS * 4), 8);
/** Filter program (filter/program.ts): FILTER_CAPACITY bytes written by JS before loadFilter(). */
export const filterPtr: usize = memory.data(<i32>FILTER_CAPACITY, 8);
let configuredBase: usize = 0;
let carved: bool = false;

function align(p: usize, a: usize): usize {
  return (p + a - 1) & ~(a - 1);
}

/** Carve the regions and grow memory to hold them. Idempotent. */
export function carveRegions(): void {
  if (carved) return;
  let p = align(__heap_base, 64);
  inputPtr = p;
  p = align(p + INPUT_CAPACITY + 64, 64);
  packetRegionPtr = p;
  p = align(p + <usize>(PACKET_RECORD_CAPACITY * PACKET_RECORD_SIZE), 64);
  flowRecordRegionPtr = p;
  p = align(p + <usize>(FLOW_RECORD_CAPACITY * FLOW_RECORD_SIZE), 64);
  streamRecordRegionPtr = p;
  p = align(p + <usize>(STREAM_RECORD_CAPACITY * STREAM_RECORD_SIZE), 64);
  streamDataRegionPtr = p;
  p = align(p + <usize>STREAM_DATA_CAPACITY, 64);
  p = carveMl(p);
  p = carveApp(p);
  configuredBase = p;
  growTo(p);
  carved = true;
}

/** ML regions (untouched, hence uncommitted, until features are enabled). */
function carveMl(start: usize): usize {
  let p = start;
  featureRecordRegionPtr = p;
  p = align(p + <usize>FLOW_RECORD_CAPACITY * <usize>FEAT_RECORD_SIZE, 64);
  featureAccRegionPtr = p;
  p = align(p + <usize>FEAT_ACC_CAPACITY * <usize>ACC_SIZE, 64);
  featureFreeStackPtr = p;
  p = align(p + <usize>FEAT_ACC_CAPACITY * 4, 64);
  modelRegionPtr = p;
  return align(p + <usize>MODEL_CAPACITY, 64);
}

/** App layer (issue 7): event records, their side bytes, the parser state pool (app/state.ts). */
export let appRecordRegionPtr: usize = 0;
export let appDataRegionPtr: usize = 0;
export let appStateRegionPtr: usize = 0;
function carveApp(start: usize): usize {
  let p = start;
  appRecordRegionPtr = p;
  p = align(p + <usize>APP_RECORD_CAPACITY * <usize>APP_RECORD_SIZE, 64);
  appDataRegionPtr = p;
  p = align(p + <usize>APP_DATA_CAPACITY, 64);
  appStateRegionPtr = p;
  return align(p + appPoolBytes(), 64);
}

function growTo(end: usize): void {
  const needPages = <i32>((end + 0xffff) >> 16);
  const have = memory.size();
  if (needPages > have) {
    if (memory.grow(needPages - have) < 0) abort('cannot grow memory for regions');
  }
}

/** Carve the configured regions (sizes in bytes, 64-aligned each); returns their base. */
export function carveConfigured(tableBytes: usize, poolBytes: usize): usize {
  const base = configuredBase;
  growTo(align(base + tableBytes, 64) + poolBytes + 64);
  return base;
}

export function alignUp(p: usize, a: usize): usize {
  return align(p, a);
}
