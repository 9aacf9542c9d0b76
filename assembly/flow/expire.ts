// Flow timeouts and ending, driven by PACKET time (never the wall clock): `nowNs` is the current
// packet's timestamp. (Not the latest seen: when time steps back — a second capture file older
// than the first, merged captures — flows of the earlier time must not all look timed out; a flow
// whose last packet is "in the future" simply does not expire until time passes it again.)
// A flow is timed out when nowNs - last > timeout(protocol, state), with
// Suricata's defaults (TCP new 60 s / established 600 s / closed 60 s; UDP, ICMP and others
// 30 s / 300 s; configurable through the config block). Expiry is amortised and paced by packet
// time, like Suricata's flow manager: a rotating cursor sweeps the whole table once per sweep
// period (half the shortest timeout, at least 1 s), each packet visiting the slots that keep the
// cursor on schedule, at most EXPIRE_SCAN_PER_PACKET. (An earlier fixed 8 slots per packet swept a
// 65,536-flow table every 16k packets — 1.2 GB of slot reads per GiB of capture, a third of the
// flow stage's time — far more often than any timeout needs.) On top, a packet that hits a flow
// which timed out ends it first (so a conversation resumed after its timeout is a new flow
// whatever the sweep's position). At the cap, emergency eviction ends the least recently seen flow among the
// next EVICT_WINDOW slots (reason forced, counted in COUNTER_FLOWS_EVICTED).

import {
  COUNTER_FLOWS_ENDED_SHUTDOWN,
  COUNTER_FLOWS_ENDED_TIMEOUT,
  COUNTER_FLOWS_EVICTED,
  FLOW_REASON_FORCED,
  FLOW_REASON_SHUTDOWN,
  FLOW_REASON_TIMEOUT,
} from '../abi/layout';
import { addCounter } from '../stats/counters';
import { emitFlowRecord, flowRecordsRoom } from '../emit/flows';
import { emitFlowFeatures } from '../features/emit';
import { emitStreams, streamRoomOk } from '../emit/streams';
import { releaseFlowStreams } from '../reassemble/stream';
import { appFlowEnd } from '../app/stage';
import { IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_TCP, IPPROTO_UDP, KEY_PROTO_OFF } from './key';
import { flowStateOfTcp, FLOW_STATE_CLOSED, FLOW_STATE_NEW } from './state';
import {
  flowCount,
  removeFlowAt,
  SLOT_FLAGS_OFF,
  SLOT_F_SEEN_TC,
  SLOT_KEY_OFF,
  SLOT_LAST_TS_OFF,
  SLOT_TCP_STATE_OFF,
  slotAt,
  slotIndex,
  slotUsed,
  tableMask,
  tableSlots,
} from './table';

export const EXPIRE_SCAN_PER_PACKET: u32 = 64;
export const EVICT_WINDOW: u32 = 64;
const NS: u64 = 1_000_000_000;

// timeouts in ns: [new, established, closed] per class
let tcpNewNs: u64 = 60 * NS;
let tcpEstNs: u64 = 600 * NS;
let tcpClosedNs: u64 = 60 * NS;
let udpNewNs: u64 = 30 * NS;
let udpEstNs: u64 = 300 * NS;
let icmpNewNs: u64 = 30 * NS;
let icmpEstNs: u64 = 300 * NS;
let otherNewNs: u64 = 30 * NS;
let otherEstNs: u64 = 300 * NS;

/** Latest packet time seen (ns). */
export let nowNs: u64 = 0;
let scanCursor: u32 = 0;
let evictCursor: u32 = 0;
/** Packet time at which the current sweep began, and slots visited since. */
let sweepStartNs: u64 = 0;
let sweepVisited: u32 = 0;
let sweepPeriodNs: u64 = 15 * NS;

export function setTimeouts(
  tcpNew: u32,
  tcpEst: u32,
  tcpClosed: u32,
  udpNew: u32,
  udpEst: u32,
  icmpNew: u32,
  icmpEst: u32,
  otherNew: u32,
  otherEst: u32,
): void {
  tcpNewNs = <u64>tcpNew * NS;
  tcpEstNs = <u64>tcpEst * NS;
  tcpClosedNs = <u64>tcpClosed * NS;
  udpNewNs = <u64>udpNew * NS;
  udpEstNs = <u64>udpEst * NS;
  icmpNewNs = <u64>icmpNew * NS;
  icmpEstNs = <u64>icmpEst * NS;
  otherNewNs = <u64>otherNew * NS;
  otherEstNs = <u64>otherEst * NS;
  let shortest = min(min(min(tcpNewNs, tcpClosedNs), min(udpNewNs, icmpNewNs)), otherNewNs);
  shortest = min(shortest, min(min(tcpEstNs, udpEstNs), min(icmpEstNs, otherEstNs)));
  sweepPeriodNs = max<u64>(shortest / 2, NS);
}

export function resetExpiry(): void {
  nowNs = 0;
  scanCursor = 0;
  evictCursor = 0;
  sweepStartNs = 0;
  sweepVisited = 0;
}

export function advanceNow(tsNs: u64): void {
  nowNs = tsNs;
}

export function timeoutOf(s: usize): u64 {
  const proto = <u32>load<u8>(s + SLOT_KEY_OFF + KEY_PROTO_OFF);
  if (proto == IPPROTO_TCP) {
    const st = flowStateOfTcp(load<u8>(s + SLOT_TCP_STATE_OFF));
    return st == FLOW_STATE_NEW ? tcpNewNs : st == FLOW_STATE_CLOSED ? tcpClosedNs : tcpEstNs;
  }
  const est = (load<u8>(s + SLOT_FLAGS_OFF) & SLOT_F_SEEN_TC) != 0;
  if (proto == IPPROTO_UDP) return est ? udpEstNs : udpNewNs;
  if (proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6) return est ? icmpEstNs : icmpNewNs;
  return est ? otherEstNs : otherNewNs;
}

export function isTimedOut(s: usize): bool {
  const last = load<u64>(s + SLOT_LAST_TS_OFF);
  return nowNs > last && nowNs - last > timeoutOf(s);
}

/** End the flow in slot `s`: release its streams, emit its record, free the slot. True if a flow moved into the slot. */
export function endFlow(s: usize, reason: u32): bool {
  releaseFlowStreams(s);
  appFlowEnd(s); // app-layer: log pending transactions, free the parser state (app/stage.ts)
  emitFlowFeatures(s); // ML features paired with the flow record (features/emit.ts)
  emitFlowRecord(s, reason);
  if (reason == FLOW_REASON_TIMEOUT) addCounter(COUNTER_FLOWS_ENDED_TIMEOUT, 1);
  else if (reason == FLOW_REASON_FORCED) addCounter(COUNTER_FLOWS_EVICTED, 1);
  else addCounter(COUNTER_FLOWS_ENDED_SHUTDOWN, 1);
  return removeFlowAt(slotIndex(s));
}

/** Slots this packet visits: the sweep's lag behind its schedule, at most EXPIRE_SCAN_PER_PACKET. */
function sweepBudget(): u32 {
  // time stepped back (an older file follows): the sweep restarts its schedule from here
  if (nowNs < sweepStartNs || sweepStartNs == 0) sweepStartNs = nowNs;
  if (sweepVisited >= tableSlots) {
    sweepStartNs = nowNs;
    sweepVisited = 0;
  }
  const elapsed = nowNs - sweepStartNs;
  const due =
    elapsed >= sweepPeriodNs ? <u64>tableSlots : <u64>(<f64>elapsed * (<f64>tableSlots / <f64>sweepPeriodNs));
  if (due <= <u64>sweepVisited) return 0;
  return <u32>min<u64>(due - <u64>sweepVisited, <u64>EXPIRE_SCAN_PER_PACKET);
}

/** Visit the slots the sweep schedule asks for and end the flows that timed out. */
export function expireStep(): void {
  if (tableSlots == 0) return;
  const budget = sweepBudget(); // keeps the schedule even while the table is empty
  sweepVisited += budget;
  if (flowCount == 0) return;
  let looked: u32 = 0;
  let ended: u32 = 0;
  while (looked < budget) {
    const i = scanCursor;
    const s = slotAt(i);
    if (slotUsed(s) && isTimedOut(s) && ended < EXPIRE_SCAN_PER_PACKET) {
      ended++;
      if (endFlow(s, FLOW_REASON_TIMEOUT)) continue; // look at the flow that moved in
    }
    scanCursor = (scanCursor + 1) & tableMask;
    looked++;
  }
}

/** The table is at its cap: end the least recently seen flow near the eviction cursor. */
export function evictOne(): void {
  let best: usize = 0;
  let bestTs: u64 = U64.MAX_VALUE;
  let i = evictCursor;
  let looked: u32 = 0;
  while (looked < EVICT_WINDOW || best == 0) {
    const s = slotAt(i);
    if (slotUsed(s)) {
      const t = load<u64>(s + SLOT_LAST_TS_OFF);
      if (t < bestTs) {
        bestTs = t;
        best = s;
      }
    }
    i = (i + 1) & tableMask;
    looked++;
  }
  evictCursor = i;
  endFlow(best, isTimedOut(best) ? FLOW_REASON_TIMEOUT : FLOW_REASON_FORCED);
}

let flushCursor: u32 = 0;

/**
 * End every flow at the end of input: reason timeout for a flow whose timeout had already passed
 * by the capture's latest timestamp (the incremental scan just had not reached it; the reason
 * must not depend on how many packets this worker scanned), shutdown for the others. False when
 * the record region filled first.
 */
export function flushAll(): bool {
  while (flowCount > 0) {
    if (flowRecordsRoom() == 0 || (emitStreams && !streamRoomOk())) return false;
    const s = slotAt(flushCursor);
    if (slotUsed(s)) {
      if (endFlow(s, isTimedOut(s) ? FLOW_REASON_TIMEOUT : FLOW_REASON_SHUTDOWN)) continue;
    }
    flushCursor = (flushCursor + 1) & tableMask;
  }
  flushCursor = 0;
  return true;
}
