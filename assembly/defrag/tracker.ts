// Defragmentation trackers: one per datagram being reassembled, keyed by (IP version, protocol,
// identification, source, destination, VLAN) (RFC 791 §3.2, RFC 8200 §4.5). A fixed number of
// trackers (the memory cap, CFG_DEFRAG_MAX) is carved at configure time; each holds the first
// fragment's headers, a coverage bitmap at 8-byte granularity (fragment offsets are multiples of
// 8) and a 64 KiB data area. Trackers time out by packet time (CFG_DEFRAG_TIMEOUT_S, default
// 60 s as Suricata); when all are busy the least recently used one is dropped (counted).
//
// Tracker layout: 0 used u8 · 1 ip version u8 · 2 proto u8 · 3 flags u8 (TF_*) · 4 id u32 ·
// 8 src 16 · 24 dst 16 · 40 vlan u16 · 42 header length u16 · 44 total payload u32 (0 unknown) ·
// 48 last ts u64 · 56 next-header patch offset u16 (IPv6) · 64 headers (HDR_MAX) ·
// 64+HDR_MAX bitmap (BITMAP_BYTES) · then data (DATA_MAX).

import { COUNTER_DEFRAG_EVICTED, COUNTER_DEFRAG_TIMEOUT } from '../abi/layout';
import { addCounter } from '../stats/counters';

export const HDR_MAX: u32 = 256;
export const DATA_MAX: u32 = 65536;
export const BITMAP_BYTES: u32 = DATA_MAX / 8 / 8;
export const TRACKER_SIZE: u32 = 64 + HDR_MAX + BITMAP_BYTES + DATA_MAX;
export const T_USED: usize = 0;
export const T_VER: usize = 1;
export const T_PROTO: usize = 2;
export const T_FLAGS: usize = 3;
export const T_ID: usize = 4;
export const T_SRC: usize = 8;
export const T_DST: usize = 24;
export const T_VLAN: usize = 40;
export const T_HDR_LEN: usize = 42;
export const T_TOTAL: usize = 44;
export const T_LAST_TS: usize = 48;
export const T_NH_PATCH: usize = 56;
export const T_HDR: usize = 64;
export const T_BITMAP: usize = 64 + <usize>HDR_MAX;
export const T_DATA: usize = 64 + <usize>HDR_MAX + <usize>BITMAP_BYTES;

/** Flag: the offset-0 fragment (with the headers) has been seen. */
export const TF_HAVE_FIRST: u8 = 1;

let trackersPtr: usize = 0;
let trackerCount: u32 = 0;
let timeoutNs: u64 = 60_000_000_000;

export function defragBytesFor(count: u32): usize {
  return <usize>count * <usize>TRACKER_SIZE;
}

export function initTrackers(ptr: usize, count: u32, timeoutS: u32): void {
  trackersPtr = ptr;
  trackerCount = count;
  timeoutNs = <u64>timeoutS * 1_000_000_000;
  for (let i: u32 = 0; i < count; i++) store<u8>(trackerAt(i) + T_USED, 0);
}

export function defragEnabled(): bool {
  return trackerCount > 0;
}

function trackerAt(i: u32): usize {
  return trackersPtr + <usize>i * <usize>TRACKER_SIZE;
}

function keyMatches(t: usize, ver: u32, proto: u32, id: u32, src: usize, dst: usize, vlan: u32): bool {
  return (
    load<u8>(t + T_VER) == <u8>ver &&
    load<u8>(t + T_PROTO) == <u8>proto &&
    load<u32>(t + T_ID) == id &&
    load<u16>(t + T_VLAN) == <u16>vlan &&
    load<u64>(t + T_SRC) == load<u64>(src) &&
    load<u64>(t + T_SRC + 8) == load<u64>(src + 8) &&
    load<u64>(t + T_DST) == load<u64>(dst) &&
    load<u64>(t + T_DST + 8) == load<u64>(dst + 8)
  );
}

/**
 * The tracker of this datagram, a fresh one, or (all busy) the least recently used one recycled.
 * Trackers idle past the timeout are freed on the way (counted).
 */
export function findTracker(
  ver: u32,
  proto: u32,
  id: u32,
  src: usize,
  dst: usize,
  vlan: u32,
  nowNs: u64,
): usize {
  let free: usize = 0;
  let oldest: usize = 0;
  let oldestTs: u64 = U64.MAX_VALUE;
  for (let i: u32 = 0; i < trackerCount; i++) {
    const t = trackerAt(i);
    if (load<u8>(t + T_USED) != 0) {
      const last = load<u64>(t + T_LAST_TS);
      if (nowNs > last && nowNs - last > timeoutNs) {
        store<u8>(t + T_USED, 0);
        addCounter(COUNTER_DEFRAG_TIMEOUT, 1);
      } else {
        if (keyMatches(t, ver, proto, id, src, dst, vlan)) return t;
        if (last < oldestTs) {
          oldestTs = last;
          oldest = t;
        }
        continue;
      }
    }
    if (free == 0) free = t;
  }
  let t = free;
  if (t == 0) {
    t = oldest;
    addCounter(COUNTER_DEFRAG_EVICTED, 1);
  }
  memory.fill(t, 0, 64);
  memory.fill(t + T_BITMAP, 0, BITMAP_BYTES);
  store<u8>(t + T_USED, 1);
  store<u8>(t + T_VER, <u8>ver);
  store<u8>(t + T_PROTO, <u8>proto);
  store<u32>(t + T_ID, id);
  memory.copy(t + T_SRC, src, 16);
  memory.copy(t + T_DST, dst, 16);
  store<u16>(t + T_VLAN, <u16>vlan);
  return t;
}

export function freeTracker(t: usize): void {
  store<u8>(t + T_USED, 0);
}
