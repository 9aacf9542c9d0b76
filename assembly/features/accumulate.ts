// Per-flow feature accumulators, updated once per packet of a flow (pipeline.ts, right after
// flowPacket) and finalised into a feature record when the flow ends (flow/expire.ts endFlow).
//
// Storage: a pool of FEAT_ACC_CAPACITY fixed-size accumulators carved once (mem/regions.ts);
// a flow's accumulator index + 1 lives in its flow slot's word at SLOT_FEAT_OFF (0 = none), so
// it travels with the slot when the flow table's backward-shift deletion moves it. Indices are
// recycled through a free stack. A flow seen while the pool is empty gets no features (its
// feature record says valid = 0, counted in featuresMissing).
//
// Definitions follow CICFlowMeter (see src/ml/FEATURES.md): "forward" is client → server (the
// flow's client as the flow table decides it); packet length is the transport payload length;
// header bytes are the transport header length; times are seconds; std is the sample standard
// deviation (n − 1), 0 below two values (Welford's update, numerically stable); an active period
// ends when the gap to the next packet exceeds ACTIVITY_TIMEOUT_NS (5 s, CICFlowMeter's default),
// that gap being an idle period. A negative gap (capture out of time order) counts as 0.

import {
  dstPort as pktDstPort,
  ipProto,
  l4Off,
  payloadLen,
  payloadOff,
  srcPort as pktSrcPort,
  tcpFlags,
} from '../decode/packet';
import { tcpWindow } from '../decode/tcp';

export const FEAT_ACC_CAPACITY: u32 = 65536;
/** Word of the flow slot holding the accumulator index + 1 (flow/table.ts offset 60, "reserved" there). */
export const SLOT_FEAT_OFF: u32 = 60;
export const ACTIVITY_TIMEOUT_NS: u64 = 5_000_000_000;

// accumulator words (8 bytes each)
export const A_FIRST_TS: u32 = 0; // u64 ns
export const A_LAST_TS: u32 = 1; // u64 ns
export const A_ACTIVE_START: u32 = 2; // u64 ns
export const A_DST_PORT: u32 = 3; // f64
export const A_PROTO: u32 = 4; // f64
// per direction: base A_FWD / A_BWD + D_*
export const A_FWD: u32 = 8;
export const A_BWD: u32 = 27;
export const D_N: u32 = 0;
export const D_LEN_MIN: u32 = 1;
export const D_LEN_MAX: u32 = 2;
export const D_LEN_MEAN: u32 = 3;
export const D_LEN_M2: u32 = 4;
export const D_PAYLOAD: u32 = 5;
export const D_HDR: u32 = 6;
export const D_IAT_MEAN: u32 = 7;
export const D_IAT_M2: u32 = 8;
export const D_IAT_MIN: u32 = 9;
export const D_IAT_MAX: u32 = 10;
export const D_IAT_SUM: u32 = 11;
export const D_PSH: u32 = 12;
export const D_URG: u32 = 13;
export const D_INIT_WIN: u32 = 14; // -1 until the first TCP packet of the direction
export const D_WIRE: u32 = 15;
export const D_LAST_TS: u32 = 16; // u64 ns
export const D_ACT_DATA: u32 = 17; // packets with payload >= 1
export const D_HDR_MIN: u32 = 18;
// whole flow
export const A_N: u32 = 46;
export const A_LEN_MIN: u32 = 47;
export const A_LEN_MAX: u32 = 48;
export const A_LEN_MEAN: u32 = 49;
export const A_LEN_M2: u32 = 50;
export const A_IAT_MEAN: u32 = 51;
export const A_IAT_M2: u32 = 52;
export const A_IAT_MIN: u32 = 53;
export const A_IAT_MAX: u32 = 54;
export const A_FLAGS: u32 = 55; // 8 counters, tcp flag bit order FIN SYN RST PSH ACK URG ECE CWR
export const A_ACT_N: u32 = 63;
export const A_ACT_MEAN: u32 = 64;
export const A_ACT_M2: u32 = 65;
export const A_ACT_MIN: u32 = 66;
export const A_ACT_MAX: u32 = 67;
export const A_IDLE_N: u32 = 68;
export const A_IDLE_MEAN: u32 = 69;
export const A_IDLE_M2: u32 = 70;
export const A_IDLE_MIN: u32 = 71;
export const A_IDLE_MAX: u32 = 72;
export const ACC_WORDS: u32 = 73;
export const ACC_SIZE: u32 = ACC_WORDS * 8;

export let featuresOn: bool = false;
let accPtr: usize = 0;
let freeStackPtr: usize = 0;
let freeTop: u32 = 0; // entries on the free stack
let nextFresh: u32 = 0; // indices never handed out start here
export let featuresMissing: u64 = 0;

/** Attach the pool (ACC_SIZE × FEAT_ACC_CAPACITY bytes) and the free stack (4 × capacity bytes). */
export function initFeaturePool(pool: usize, stack: usize): void {
  accPtr = pool;
  freeStackPtr = stack;
  freeTop = 0;
  nextFresh = 0;
  featuresMissing = 0;
}

export function countMissing(): void {
  featuresMissing++;
}

export function setFeaturesOn(on: bool): void {
  featuresOn = on;
}

export function accAt(i: u32): usize {
  return accPtr + <usize>i * <usize>ACC_SIZE;
}

function w(a: usize, i: u32): f64 {
  return load<f64>(a + ((<usize>i) << 3));
}

function sw(a: usize, i: u32, v: f64): void {
  store<f64>(a + ((<usize>i) << 3), v);
}

function tsw(a: usize, i: u32): u64 {
  return load<u64>(a + ((<usize>i) << 3));
}

function stsw(a: usize, i: u32, v: u64): void {
  store<u64>(a + ((<usize>i) << 3), v);
}

/** Welford update of (n, mean, M2) where n already counts x. */
function welford(a: usize, n: f64, meanW: u32, m2W: u32, x: f64): void {
  const mean = w(a, meanW);
  const d = x - mean;
  const m = mean + d / n;
  sw(a, meanW, m);
  sw(a, m2W, w(a, m2W) + d * (x - m));
}

/** min/max update; the first value sets both. */
function minMax(a: usize, first: bool, minW: u32, maxW: u32, x: f64): void {
  if (first || x < w(a, minW)) sw(a, minW, x);
  if (first || x > w(a, maxW)) sw(a, maxW, x);
}

/** (n, mean, M2, min, max) block update, n at word `nW` (mean nW+1, M2 nW+2, min nW+3, max nW+4). */
function addPeriod(a: usize, nW: u32, x: f64): void {
  const n = w(a, nW) + 1;
  sw(a, nW, n);
  welford(a, n, nW + 1, nW + 2, x);
  minMax(a, n == 1, nW + 3, nW + 4, x);
}

function allocAcc(): u32 {
  if (freeTop > 0) {
    freeTop--;
    return load<u32>(freeStackPtr + ((<usize>freeTop) << 2));
  }
  if (nextFresh < FEAT_ACC_CAPACITY) return nextFresh++;
  return U32.MAX_VALUE;
}

/** Give the accumulator of slot `s` back to the pool (flow end). */
export function releaseAcc(s: usize): void {
  const idx1 = load<u32>(s + SLOT_FEAT_OFF);
  if (idx1 == 0) return;
  store<u32>(freeStackPtr + ((<usize>freeTop) << 2), idx1 - 1);
  freeTop++;
  store<u32>(s + SLOT_FEAT_OFF, 0);
}

/** The accumulator of slot `s`, or 0 when it has none. */
export function accOf(s: usize): usize {
  const idx1 = load<u32>(s + SLOT_FEAT_OFF);
  return idx1 == 0 ? 0 : accAt(idx1 - 1);
}

/** Update the features of the flow in slot `s` with the packet just decoded. */
export function updateFeatures(s: usize, toServer: bool, tsNs: u64, wireLen: u32): void {
  if (!featuresOn || s == 0) return;
  let idx1 = load<u32>(s + SLOT_FEAT_OFF);
  let a: usize;
  if (idx1 == 0) {
    const i = allocAcc();
    if (i == U32.MAX_VALUE) return; // pool exhausted: this flow reports valid = 0
    store<u32>(s + SLOT_FEAT_OFF, i + 1);
    a = accAt(i);
    memory.fill(a, 0, ACC_SIZE);
    stsw(a, A_FIRST_TS, tsNs);
    stsw(a, A_LAST_TS, tsNs);
    stsw(a, A_ACTIVE_START, tsNs);
    // the first packet's destination port, or its source port when it was sent by the server
    sw(a, A_DST_PORT, <f64>(toServer ? pktDstPort : pktSrcPort));
    sw(a, A_PROTO, <f64>ipProto);
    sw(a, A_FWD + D_INIT_WIN, -1);
    sw(a, A_BWD + D_INIT_WIN, -1);
  } else {
    a = accAt(idx1 - 1);
  }
  const d: u32 = toServer ? A_FWD : A_BWD;
  const len = <f64>payloadLen;
  const hdr = <f64>(payloadOff > l4Off ? payloadOff - l4Off : 0);
  const isTcp = ipProto == 6;

  // flow-level: length stats, inter-arrival, active/idle
  const n = w(a, A_N) + 1;
  sw(a, A_N, n);
  welford(a, n, A_LEN_MEAN, A_LEN_M2, len);
  minMax(a, n == 1, A_LEN_MIN, A_LEN_MAX, len);
  if (n > 1) {
    const last = tsw(a, A_LAST_TS);
    const gapNs: u64 = tsNs > last ? tsNs - last : 0;
    const gap = <f64>gapNs / 1e9;
    welford(a, n - 1, A_IAT_MEAN, A_IAT_M2, gap);
    minMax(a, n == 2, A_IAT_MIN, A_IAT_MAX, gap);
    if (gapNs > ACTIVITY_TIMEOUT_NS) {
      const start = tsw(a, A_ACTIVE_START);
      if (last > start) addPeriod(a, A_ACT_N, <f64>(last - start) / 1e9);
      addPeriod(a, A_IDLE_N, gap);
      stsw(a, A_ACTIVE_START, tsNs);
    }
  }
  if (tsNs > tsw(a, A_LAST_TS)) stsw(a, A_LAST_TS, tsNs);

  // direction
  const dn = w(a, d + D_N) + 1;
  sw(a, d + D_N, dn);
  welford(a, dn, d + D_LEN_MEAN, d + D_LEN_M2, len);
  minMax(a, dn == 1, d + D_LEN_MIN, d + D_LEN_MAX, len);
  sw(a, d + D_PAYLOAD, w(a, d + D_PAYLOAD) + len);
  sw(a, d + D_HDR, w(a, d + D_HDR) + hdr);
  sw(a, d + D_WIRE, w(a, d + D_WIRE) + <f64>wireLen);
  if (dn == 1 || hdr < w(a, d + D_HDR_MIN)) sw(a, d + D_HDR_MIN, hdr);
  if (payloadLen > 0) sw(a, d + D_ACT_DATA, w(a, d + D_ACT_DATA) + 1);
  if (dn > 1) {
    const lastD = tsw(a, d + D_LAST_TS);
    const gapD: u64 = tsNs > lastD ? tsNs - lastD : 0;
    const gap = <f64>gapD / 1e9;
    welford(a, dn - 1, d + D_IAT_MEAN, d + D_IAT_M2, gap);
    minMax(a, dn == 2, d + D_IAT_MIN, d + D_IAT_MAX, gap);
    sw(a, d + D_IAT_SUM, w(a, d + D_IAT_SUM) + gap);
  }
  if (tsNs > tsw(a, d + D_LAST_TS) || dn == 1) stsw(a, d + D_LAST_TS, tsNs);

  if (isTcp) {
    const f = tcpFlags;
    if (w(a, d + D_INIT_WIN) < 0) sw(a, d + D_INIT_WIN, <f64>tcpWindow);
    if ((f & 0x08) != 0) sw(a, d + D_PSH, w(a, d + D_PSH) + 1);
    if ((f & 0x20) != 0) sw(a, d + D_URG, w(a, d + D_URG) + 1);
    for (let b: u32 = 0; b < 8; b++) {
      if ((f & (1 << b)) != 0) sw(a, A_FLAGS + b, w(a, A_FLAGS + b) + 1);
    }
  }
}

export function accWord(a: usize, i: u32): f64 {
  return w(a, i);
}

export function accTs(a: usize, i: u32): u64 {
  return tsw(a, i);
}
