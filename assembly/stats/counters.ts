// Engine counters: one u64 array in linear memory, read by src/wasm as a BigUint64Array view.
// Indexes are in abi/layout.ts. Counting is the only bookkeeping on the hot path.

import { ANOMALY_COUNTERS, ANOMALY_COUNTERS_BASE, COUNTERS_TOTAL, PROTO_COUNTERS, PROTO_COUNTERS_BASE } from '../abi/layout';

export const countersPtr: usize = memory.data(<i32>(COUNTERS_TOTAL * 8), 8);

export function addCounter(index: u32, n: u64): void {
  const p = countersPtr + (<usize>index << 3);
  store<u64>(p, load<u64>(p) + n);
}

export function setCounter(index: u32, v: u64): void {
  store<u64>(countersPtr + (<usize>index << 3), v);
}

export function getCounter(index: u32): u64 {
  return load<u64>(countersPtr + (<usize>index << 3));
}

// Anomalies raised while a packet is decoded are held until the pipeline knows whether the
// packet belongs to this worker's shard (every worker decodes every packet of a shared chunk):
// committed if it does, dropped if not. Anomalies raised outside a packet (file framing) are
// counted by shard 0 only, since every worker frames the same bytes.
const PENDING_MAX: u32 = 16;
const pending = memory.data(<i32>(PENDING_MAX * 2), 2);
let pendingCount: u32 = 0;
let deferring: bool = false;
let countFramingAnomalies: bool = true;

export function setCountsFramingAnomalies(yes: bool): void {
  countFramingAnomalies = yes;
}

export function beginPacketAnomalies(): void {
  deferring = true;
  pendingCount = 0;
}

/** Count (commit) or drop the anomalies of the packet just decoded. */
export function endPacketAnomalies(commit: bool): void {
  deferring = false;
  if (commit) {
    for (let i: u32 = 0; i < pendingCount; i++) {
      const id = <u32>load<u16>(pending + (<usize>i << 1));
      if (id < ANOMALY_COUNTERS) addCounter(ANOMALY_COUNTERS_BASE + id, 1);
    }
  }
  pendingCount = 0;
}

export function raiseAnomaly(id: u16): void {
  if (deferring) {
    // one packet raises a handful at most; beyond PENDING_MAX the rest are dropped, never overflowed
    if (pendingCount < PENDING_MAX) {
      store<u16>(pending + (<usize>pendingCount << 1), id);
      pendingCount++;
    }
    return;
  }
  if (countFramingAnomalies && <u32>id < ANOMALY_COUNTERS) addCounter(ANOMALY_COUNTERS_BASE + <u32>id, 1);
}

export function countProto(proto: u8): void {
  if (<u32>proto < PROTO_COUNTERS) addCounter(PROTO_COUNTERS_BASE + <u32>proto, 1);
}

export function resetCounters(): void {
  memory.fill(countersPtr, 0, <usize>(COUNTERS_TOTAL * 8));
}
