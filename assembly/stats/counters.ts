// Engine counters: one u64 array in linear memory, read by src/wasm as a BigUint64Array view.
// Indexes are in abi/layout.ts. Counting is the only bookkeeping on the hot path.

import {
  ANOMALY_COUNTERS,
  ANOMALY_COUNTERS_BASE,
  COUNTERS_TOTAL,
  PROTO_COUNTERS,
  PROTO_COUNTERS_BASE,
} from '../abi/layout';

import { recordAnomalyEvent } from '../emit/anomalies';

export const countersPtr: usize = memory.data(<i32>(COUNTERS_TOTAL * 8), 8);

export function addCounter(index: u32, n: u64): void {
  const p = countersPtr + ((<usize>index) << 3);
  store<u64>(p, load<u64>(p) + n);
}

export function setCounter(index: u32, v: u64): void {
  store<u64>(countersPtr + ((<usize>index) << 3), v);
}

export function getCounter(index: u32): u64 {
  return load<u64>(countersPtr + ((<usize>index) << 3));
}

// Anomalies raised while framing the file (pcapng blocks) are counted by shard 0 only, since
// every worker frames the same bytes; a packet's anomalies are raised only by the worker that
// owns it (shard.ts decides before decoding), and flow-level ones by the flow's worker.
let countFramingAnomalies: bool = true;
let framing: bool = false;

export function setCountsFramingAnomalies(yes: bool): void {
  countFramingAnomalies = yes;
}

/** The pipeline brackets the framer's calls. */
export function setFraming(yes: bool): void {
  framing = yes;
}

export function raiseAnomaly(id: u16): void {
  if (framing && !countFramingAnomalies) return;
  if (<u32>id < ANOMALY_COUNTERS) addCounter(ANOMALY_COUNTERS_BASE + <u32>id, 1);
  recordAnomalyEvent(id, framing);
}

export function countProto(proto: u8): void {
  if (<u32>proto < PROTO_COUNTERS) addCounter(PROTO_COUNTERS_BASE + <u32>proto, 1);
}

export function resetCounters(): void {
  memory.fill(countersPtr, 0, <usize>(COUNTERS_TOTAL * 8));
}
