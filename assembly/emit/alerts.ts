// Alert candidates: fixed-size records the matcher writes for every rule whose fast pattern (or
// header, for content-less rules) matched a packet payload or a stream window, after the header
// prefilter (protocol, ports, direction). The worker (src/alerts/verify.ts) verifies each one in
// full and turns the survivors into alert records (src/alerts/record.ts). Buffers: a packet
// candidate points into the input region (valid until the worker moves the unconsumed tail);
// a stream candidate's window (tail of earlier stream bytes + the new chunk) is copied into the
// candidate data region. Layout mirrored in src/alerts/layout.ts; CAND_RECORD_SIZE is exported as
// a global and checked at load.
//
//   0 pktNum u64 · 8 tsNs u64 · 16 flowId u64 · 24 rule u32 · 28 bufPtr u32 · 32 bufLen u32
//   36 flags u32 (CAND_F_*) · 40 pktPtr u32 (record bytes) · 44 ipOff u32 · 48 l4Off u32
//   52 ipVersion u8 · 53 ipProto u8 · 54 tcpFlags u8 · 55 tcpState u8 · 56 srcPort u16
//   58 dstPort u16 · 60 matchEnd u32 (fast pattern end in buf, exclusive; 0 = header-only)
//   64 src addr [16] · 80 dst addr [16] · 96 streamOff u32 (stream offset of buf[0])
//   100 chunkStart u32 (index in buf where this chunk's new bytes start) · 104 patLen u32
//   108 slotFlags u8 · 109 pad

import {
  srcAddrPtr,
  dstAddrPtr,
  ipOff,
  ipProto,
  ipVersion,
  l4Off,
  srcPort,
  dstPort,
  tcpFlags,
} from '../decode/packet';

export const CAND_RECORD_SIZE: u32 = 112;
export const CAND_CAPACITY: u32 = 16384;
export const CAND_DATA_CAPACITY: u32 = 4 << 20;
/** Room a packet needs before it is processed (see candRoomOk). */
export const CAND_PER_PACKET_MAX: u32 = 2048;
export const CAND_DATA_PER_PACKET_MAX: u32 = 256 << 10;

export const CAND_F_STREAM: u32 = 1;
export const CAND_F_TO_SERVER: u32 = 2;
export const CAND_F_HAS_FLOW: u32 = 4;
export const CAND_F_SEEN_BOTH: u32 = 8;
/** Direction of the packet itself (a stream chunk may be released by a packet of the other direction). */
export const CAND_F_PKT_TO_SERVER: u32 = 16;
/** The flow was established before this packet (Suricata's FLOW_PKT_ESTABLISHED; see match/packet.ts). */
export const CAND_F_ESTABLISHED: u32 = 32;
/** An app-layer buffer candidate (match/app.ts): buf is a buffer snapshot; bits 16-23 the buffer id. */
export const CAND_F_APP: u32 = 64;
/** Bits 24-31 of the flags: the flow's app_proto (APP_PROTO_*) when the candidate was written. */
export const CAND_APP_PROTO_SHIFT: u32 = 24;
/** The rule's verify program was its whole verification and matched (assembly/verify/program.ts). */
export const CAND_F_VERIFIED: u32 = 128;
/** Packet / stream candidate of a TCP flow whose app_proto packet rules do not see yet (app/stage.ts appProtoUnacked). */
export const CAND_F_APP_PROTO_UNACKED: u32 = 256;

let recPtr0: usize = 0;
let dataPtr0: usize = 0;
export let candCount: u32 = 0;
let dataUsed: u32 = 0;
let packetCands: u32 = 0;
let packetData: u32 = 0;
/** Candidates dropped because one packet produced more than CAND_PER_PACKET_MAX (since load). */
export let candDropped: u64 = 0;

export function initCandidates(recPtr: usize, dataPtr: usize): void {
  recPtr0 = recPtr;
  dataPtr0 = dataPtr;
  candCount = 0;
  dataUsed = 0;
}

export function candRecordsPtr(): usize {
  return recPtr0;
}

export function clearCandidates(): void {
  candCount = 0;
  dataUsed = 0;
}

/** Before a packet: room for its worst case, else the chunk stops with OUTPUT_FULL. */
export function candRoomOk(): bool {
  packetCands = 0;
  packetData = 0;
  return (
    candCount + CAND_PER_PACKET_MAX <= CAND_CAPACITY &&
    dataUsed + CAND_DATA_PER_PACKET_MAX <= CAND_DATA_CAPACITY
  );
}

/** Reserve `len` bytes of the data region (0 when this packet's share is used up: counted). */
export function candReserve(len: u32): usize {
  if (packetData + len > CAND_DATA_PER_PACKET_MAX || dataUsed + len > CAND_DATA_CAPACITY) {
    candDropped++;
    return 0;
  }
  const dst = dataPtr0 + <usize>dataUsed;
  dataUsed = (dataUsed + len + 7) & ~7;
  packetData += len;
  return dst;
}

/** Append one candidate for the current packet; false (counted) when its share is used up. */
export function emitCandidate(
  pktNum: u64,
  tsNs: u64,
  flowId: u64,
  rule: u32,
  bufPtr: usize,
  bufLen: u32,
  flags: u32,
  pktPtr: usize,
  tcpState: u32,
  matchEnd: u32,
  streamOff: u32,
  chunkStart: u32,
  patLen: u32,
  slotFlags: u32,
): bool {
  if (packetCands >= CAND_PER_PACKET_MAX || candCount >= CAND_CAPACITY) {
    candDropped++;
    return false;
  }
  packetCands++;
  const p = recPtr0 + <usize>candCount * <usize>CAND_RECORD_SIZE;
  candCount++;
  store<u64>(p, pktNum);
  store<u64>(p + 8, tsNs);
  store<u64>(p + 16, flowId);
  store<u32>(p + 24, rule);
  store<u32>(p + 28, <u32>bufPtr);
  store<u32>(p + 32, bufLen);
  store<u32>(p + 36, flags);
  store<u32>(p + 40, <u32>pktPtr);
  store<u32>(p + 44, ipOff);
  store<u32>(p + 48, l4Off);
  store<u8>(p + 52, <u8>ipVersion);
  store<u8>(p + 53, <u8>ipProto);
  store<u8>(p + 54, <u8>tcpFlags);
  store<u8>(p + 55, <u8>tcpState);
  store<u16>(p + 56, <u16>srcPort);
  store<u16>(p + 58, <u16>dstPort);
  store<u32>(p + 60, matchEnd);
  memory.copy(p + 64, srcAddrPtr, 16);
  memory.copy(p + 80, dstAddrPtr, 16);
  store<u32>(p + 96, streamOff);
  store<u32>(p + 100, chunkStart);
  store<u32>(p + 104, patLen);
  store<u32>(p + 108, slotFlags);
  return true;
}
