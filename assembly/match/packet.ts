// The match stage for one packet: the payload is scanned with the automaton of the packet's
// protocol group, queued matches become alert candidates for the rules of each pattern that pass
// the header prefilter, and content-less rules of the group (header-only list) are checked on
// every packet. Stream data goes through match/stream.ts from reassembly's deliverChunk, with
// the packet context set here first (setMatchPacket / setMatchSlot).

import {
  CAND_APP_PROTO_SHIFT,
  CAND_F_APP_PROTO_UNACKED,
  CAND_F_ESTABLISHED,
  CAND_F_HAS_FLOW,
  CAND_F_PKT_TO_SERVER,
  CAND_F_SEEN_BOTH,
  CAND_F_STREAM,
  CAND_F_TO_SERVER,
  emitCandidate,
} from '../emit/alerts';
import {
  dstAddrPtr,
  dstPort,
  ipOff,
  ipProto,
  ipVersion,
  l4Off,
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
import { scanGroup } from './scan-group';
import { streamCoveredPkt } from './stream';
import { groupPtr, headerOk, portGroup, rsPtr, ruleCount, stampsPtr } from './ruleset';
import { VERDICT_REJECT, verifyCandidate } from '../verify/program';
import { setVerifySlot } from '../verify/context';
import { appProtoUnacked } from '../app/stage';

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
  setVerifySlot(slot);
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
  // ... and whether packet rules see it yet (TCP: once the peer acknowledged the bytes it was found in)
  if (appProtoUnacked(slot)) f |= CAND_F_APP_PROTO_UNACKED;
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
  return stampRuleWith(r, kind, <u32>curPktNum);
}

/** Stamp rule `r` of stamp kind `kind` with value `s`; false when it already had that stamp. */
export function stampRuleWith(r: u32, kind: u32, s: u32): bool {
  const p = stampsPtr + ((<usize>(kind * ruleCount + r)) << 2);
  if (load<u32>(p) == s) return false;
  store<u32>(p, s);
  return true;
}

/**
 * Emit a candidate for rule `r` of the current packet after its verify program (assembly/verify/):
 * a rule that cannot match costs no candidate; one the program verified in full is flagged so.
 */
export function checkAndEmit(
  flowId: u64,
  r: u32,
  buf: usize,
  len: u32,
  flags: u32,
  tcpState: u32,
  matchEnd: u32,
  streamOff: u32,
  chunkStart: u32,
  patLen: u32,
): void {
  const v = verifyCandidate(r, buf, len, flags, (flags & CAND_F_STREAM) != 0 ? 0 : len, curPktPtr);
  if (v == VERDICT_REJECT) return;
  emitCandidate(
    curPktNum,
    curTsNs,
    flowId,
    r,
    buf,
    len,
    flags | v,
    curPktPtr,
    tcpState,
    matchEnd,
    streamOff,
    chunkStart,
    patLen,
    0,
  );
}

// The packet being matched, as its candidates carry it (set by matchPacket; the flow's part by
// packetFlowContext, at the first candidate only: most packets have none, and the values cannot
// change between matchPacket's start and its candidates).
let pSlot: usize = 0;
let pFlowReady: bool = false;
let pFlowId: u64 = 0;
let pTcpState: u32 = 0;
let pFlags: u32 = 0;
let pBuf: usize = 0;
let pLen: u32 = 0;

function packetFlowContext(): void {
  if (pFlowReady) return;
  pFlowReady = true;
  const slot = pSlot;
  pFlowId = slotFlowId(slot);
  pTcpState = slotTcpState(slot);
  pFlags = slotFlagBits(slot);
  if (packetToServer || slot == 0) pFlags |= CAND_F_TO_SERVER | CAND_F_PKT_TO_SERVER;
}

/**
 * Rule `r` on the current packet's payload: header prefilter, once per packet (stamp), verify
 * program, candidate. `end`/`patLen`: the fast pattern match (0 for rules reached without one: the
 * address index and the header-only list).
 */
function packetCandidate(r: u32, end: u32, patLen: u32): void {
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
      pSlot != 0,
      packetToServer,
    )
  )
    return;
  if (!stampRule(r, 0)) return;
  packetFlowContext();
  checkAndEmit(pFlowId, r, pBuf, pLen, pFlags, pTcpState, end, 0, 0, patLen);
}

/** Start `k` of an address index's segments (u64 keys when `wide`, else u32). */
function segmentStart(starts: usize, k: u32, wide: bool): u64 {
  return wide ? load<u64>(starts + ((<usize>k) << 3)) : <u64>load<u32>(starts + ((<usize>k) << 2));
}

/**
 * Header-only rules indexed by the key `key` of the packet's address on `side` (1 src, 2 dst): one
 * segment lookup in the group's address index at word `at` (match/ruleset.ts; `wide`: u64 keys,
 * the first 64 bits of IPv6 addresses, else IPv4 addresses).
 */
function keyedRules(g: usize, at: usize, wide: bool, key: u64, side: u32): void {
  const n = load<u32>(g + at);
  if (n == 0) return;
  const starts = rsPtr + <usize>load<u32>(g + at + 4);
  if (key < segmentStart(starts, 0, wide)) return;
  let lo: u32 = 0;
  let hi: u32 = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segmentStart(starts, mid, wide) <= key) lo = mid;
    else hi = mid - 1;
  }
  const idx = rsPtr + <usize>load<u32>(g + at + 8);
  const entries = rsPtr + <usize>load<u32>(g + at + 12);
  const e = load<u32>(idx + ((<usize>lo + 1) << 2));
  const dport = dstPort;
  for (let k = load<u32>(idx + ((<usize>lo) << 2)); k < e; k++) {
    const ent = load<u32>(entries + ((<usize>k) << 3));
    if ((ent & side) == 0) continue;
    // the span of the rule's destination ports, before its header record is read
    const ports = load<u32>(entries + ((<usize>k) << 3) + 4);
    if (dport < ports >> 16 || dport > (ports & 0xffff)) continue;
    packetCandidate(ent >> 2, 0, 0);
  }
}

export function matchPacket(): void {
  if (ipVersion == 0) return;
  const g1 = portGroup(protoClass(ipProto), dstPort);
  if (g1 == 0) return;
  const g = groupPtr(g1 - 1);
  const slot = curSlot;
  pSlot = slot;
  pFlowReady = false;
  const buf = curPktPtr + <usize>payloadOff;
  const len = payloadLen;
  pBuf = buf;
  pLen = len;
  if (len > 0 && payloadInspected(slot) && !(ipProto == 6 && streamCoveredPkt == curPktNum)) {
    scanGroup(g, buf, len, packetCandidate);
  }
  if (ipVersion == 4) {
    keyedRules(g, 20, false, <u64>bswap<u32>(load<u32>(srcAddrPtr + 12)), 1);
    keyedRules(g, 20, false, <u64>bswap<u32>(load<u32>(dstAddrPtr + 12)), 2);
  } else if (ipVersion == 6) {
    keyedRules(g, 36, true, bswap<u64>(load<u64>(srcAddrPtr)), 1);
    keyedRules(g, 36, true, bswap<u64>(load<u64>(dstAddrPtr)), 2);
  }
  const hdr = rsPtr + <usize>load<u32>(g + 12);
  const hn = load<u32>(g + 16);
  for (let k: u32 = 0; k < hn; k++) {
    packetCandidate(load<u32>(hdr + ((<usize>k) << 2)), 0, 0);
  }
}
