// The match stage for one packet: the payload is scanned with the automaton of the packet's
// protocol group, queued matches become alert candidates for the rules of each pattern that pass
// the header prefilter, and content-less rules of the group (header-only list) are checked on
// every packet. Stream data goes through match/stream.ts from reassembly's deliverChunk, with
// the packet context set here first (setMatchPacket / setMatchSlot).

import {
  CAND_APP_PROTO_SHIFT,
  CAND_F_ESTABLISHED,
  CAND_F_HAS_FLOW,
  CAND_F_PKT_TO_SERVER,
  CAND_F_SEEN_BOTH,
  CAND_F_TO_SERVER,
  emitCandidate,
} from '../emit/alerts';
import {
  dstAddrPtr,
  dstPort,
  ipProto,
  ipVersion,
  payloadLen,
  payloadOff,
  srcAddrPtr,
  srcPort,
  tcpFlags,
} from '../decode/packet';
import { packetToServer } from '../flow/update';
import {
  SLOT_APP_OFF,
  SLOT_FLAGS_OFF,
  SLOT_FLOW_ID_OFF,
  SLOT_F_SEEN_TC,
  SLOT_PKTS_TC_OFF,
  SLOT_PKTS_TS_OFF,
  SLOT_TCP_STATE_OFF,
  payloadInspected,
} from '../flow/table';
import { acPatternLen, acScan, acStart, acVerify } from './ac';
import { streamCoveredPkt } from './stream';
import { clearQueue, queueEnd, queueId, queueLen } from './queue';
import { groupPtr, headerOk, protoGroup, rsPtr, ruleCount, stampsPtr } from './ruleset';

export let curPktNum: u64 = 0;
export let curTsNs: u64 = 0;
export let curPktPtr: usize = 0;
export let curSlot: usize = 0;

export function setMatchPacket(pktNum: u64, tsNs: u64, pktPtr: usize): void {
  curPktNum = pktNum;
  curTsNs = tsNs;
  curPktPtr = pktPtr;
  curSlot = 0;
}

export function setMatchSlot(slot: usize): void {
  curSlot = slot;
}

export function protoClass(proto: u32): u32 {
  if (proto == 6) return 0;
  if (proto == 17) return 1;
  if (proto == 1 || proto == 58) return 2;
  return 3;
}

export function slotFlowId(slot: usize): u64 {
  return slot == 0 ? 0 : load<u64>(slot + SLOT_FLOW_ID_OFF);
}

export function slotTcpState(slot: usize): u32 {
  return slot == 0 ? 0 : <u32>load<u8>(slot + SLOT_TCP_STATE_OFF);
}

export function slotFlagBits(slot: usize): u32 {
  if (slot == 0) return 0;
  // the flow's app_proto rides along: `alert http` rules with payload keywords need it (verify.ts)
  let f = CAND_F_HAS_FLOW | ((<u32>load<u8>(slot + SLOT_APP_OFF)) << CAND_APP_PROTO_SHIFT);
  const both = (load<u8>(slot + SLOT_FLAGS_OFF) & SLOT_F_SEEN_TC) != 0;
  if (both) f |= CAND_F_SEEN_BOTH;
  // established as Suricata's flow keyword sees it: decided before this packet updates the state,
  // so the packet completing the handshake and the first packet of a mid-stream pickup are not
  // established yet (UDP and others: once both directions have been seen, this packet included)
  if (ipProto == 6) {
    const st = load<u8>(slot + SLOT_TCP_STATE_OFF);
    const pktsTs = load<u32>(slot + SLOT_PKTS_TS_OFF);
    const pkts = pktsTs + load<u32>(slot + SLOT_PKTS_TC_OFF);
    const handshakeAck = st == 3 && packetToServer && (tcpFlags & 0x12) == 0x10 && pktsTs == 2 && both;
    if (st >= 3 && pkts > 1 && !handshakeAck) f |= CAND_F_ESTABLISHED;
  } else if (both) f |= CAND_F_ESTABLISHED;
  return f;
}

/** Stamp rule `r` for this packet (kind 0 packet, 1 stream); false when it already was. */
export function stampRule(r: u32, kind: u32): bool {
  const p = stampsPtr + ((<usize>(kind * ruleCount + r)) << 2);
  const s = <u32>curPktNum;
  if (load<u32>(p) == s) return false;
  store<u32>(p, s);
  return true;
}

/** Header-only rules indexed by the address `addr` on `side` (1 src, 2 dst): one segment lookup. */
/** A rule reached without a pattern hit (address index, header-only list): header check, once per packet, candidate. */
function headerCandidate(
  r: u32,
  slot: usize,
  flowId: u64,
  tcpState: u32,
  flags: u32,
  buf: usize,
  len: u32,
): void {
  if (
    !headerOk(
      r,
      ipProto,
      srcPort,
      dstPort,
      false,
      ipVersion,
      srcAddrPtr,
      dstAddrPtr,
      tcpFlags,
      slot != 0,
      packetToServer,
    )
  )
    return;
  if (!stampRule(r, 0)) return;
  emitCandidate(curPktNum, curTsNs, flowId, r, buf, len, flags, curPktPtr, tcpState, 0, 0, 0, 0, 0);
}

function keyedRules(
  g: usize,
  addr: usize,
  side: u32,
  slot: usize,
  flowId: u64,
  tcpState: u32,
  flags: u32,
  buf: usize,
  len: u32,
): void {
  const n = load<u32>(g + 20);
  const starts = rsPtr + <usize>load<u32>(g + 24);
  const a = bswap<u32>(load<u32>(addr + 12));
  if (a < load<u32>(starts)) return;
  let lo: u32 = 0;
  let hi: u32 = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (load<u32>(starts + ((<usize>mid) << 2)) <= a) lo = mid;
    else hi = mid - 1;
  }
  const idx = rsPtr + <usize>load<u32>(g + 28);
  const entries = rsPtr + <usize>load<u32>(g + 32);
  const e = load<u32>(idx + ((<usize>lo + 1) << 2));
  for (let k = load<u32>(idx + ((<usize>lo) << 2)); k < e; k++) {
    const ent = load<u32>(entries + ((<usize>k) << 2));
    if ((ent & side) == 0) continue;
    headerCandidate(ent >> 2, slot, flowId, tcpState, flags, buf, len);
  }
}

export function matchPacket(): void {
  if (ipVersion == 0) return;
  const g1 = protoGroup(protoClass(ipProto));
  if (g1 == 0) return;
  const g = groupPtr(g1 - 1);
  const slot = curSlot;
  const flowId = slotFlowId(slot);
  const tcpState = slotTcpState(slot);
  let flags = slotFlagBits(slot);
  if (packetToServer || slot == 0) flags |= CAND_F_TO_SERVER | CAND_F_PKT_TO_SERVER;
  const buf = curPktPtr + <usize>payloadOff;
  const len = payloadLen;
  const acOff = load<u32>(g);
  if (acOff != 0 && len > 0 && payloadInspected(slot) && !(ipProto == 6 && streamCoveredPkt == curPktNum)) {
    const ac = rsPtr + <usize>acOff;
    const idx = rsPtr + <usize>load<u32>(g + 4);
    const rules = rsPtr + <usize>load<u32>(g + 8);
    clearQueue();
    acScan(ac, acStart(ac), buf, len, 0);
    const n = queueLen;
    for (let i: u32 = 0; i < n; i++) {
      const id = queueId(i);
      const end = queueEnd(i);
      if (!acVerify(ac, id, buf, <i64>end, len)) continue;
      const e = load<u32>(idx + ((<usize>id + 1) << 2));
      for (let k = load<u32>(idx + ((<usize>id) << 2)); k < e; k++) {
        const r = load<u32>(rules + ((<usize>k) << 2));
        if (
          !headerOk(
            r,
            ipProto,
            srcPort,
            dstPort,
            false,
            ipVersion,
            srcAddrPtr,
            dstAddrPtr,
            tcpFlags,
            slot != 0,
            packetToServer,
          )
        )
          continue;
        if (!stampRule(r, 0)) continue;
        emitCandidate(
          curPktNum,
          curTsNs,
          flowId,
          r,
          buf,
          len,
          flags,
          curPktPtr,
          tcpState,
          end,
          0,
          0,
          acPatternLen(ac, id),
          0,
        );
      }
    }
  }
  if (ipVersion == 4 && load<u32>(g + 20) != 0) {
    keyedRules(g, srcAddrPtr, 1, slot, flowId, tcpState, flags, buf, len);
    keyedRules(g, dstAddrPtr, 2, slot, flowId, tcpState, flags, buf, len);
  }
  const hdr = rsPtr + <usize>load<u32>(g + 12);
  const hn = load<u32>(g + 16);
  for (let k: u32 = 0; k < hn; k++) {
    headerCandidate(load<u32>(hdr + ((<usize>k) << 2)), slot, flowId, tcpState, flags, buf, len);
  }
}
