// The flow stage: find or create the flow of the decoded packet and update it. Called by the
// pipeline once per framed packet when FLAG_FLOWS is set; returns the flow's slot (valid until
// the next packet) or 0 when the packet has no flow.
//
// Client side (Suricata): the sender of the first packet is the client, except a TCP flow whose
// first packet is a SYN/ACK: its sender is the server (the SYN was not captured). A TCP SYN
// (without ACK) on a flow that is closed (TIME_WAIT/CLOSED) is port reuse: the old flow ends and
// a new one starts. Packet and byte counts are per direction; bytes are wire bytes (frame.len).

import {
  COUNTER_FLOWS_ACTIVE_MAX,
  COUNTER_FLOWS_CREATED,
  COUNTER_FLOW_NO_KEY,
  COUNTER_FLOW_PACKETS,
  FLOW_REASON_TIMEOUT,
} from '../abi/layout';
import { srcPort, dstPort, tcpFlags, payloadLen, payloadOff } from '../decode/packet';
import { serverSpeaksFirst } from '../app/server-first';
import { TCP_ACK, TCP_SYN } from '../decode/tcp';
import { addCounter, getCounter, setCounter } from '../stats/counters';
import { hashKey } from './hash';
import {
  buildOuterKey,
  buildPacketKey,
  flowKeyPtr,
  IPPROTO_ICMP,
  IPPROTO_ICMPV6,
  IPPROTO_TCP,
  keyIpVersion,
  keyReversed,
} from './key';
import { advanceNow, endFlow, evictOne, expireStep, isTimedOut } from './expire';
import { nextTcpState, TCP_CLOSED, TCP_TIME_WAIT } from './state';
import {
  findFlow,
  flowCount,
  insertFlow,
  maxFlows,
  SLOT_BYTES_TC_OFF,
  SLOT_BYTES_TS_OFF,
  SLOT_FIRST_PKT_OFF,
  SLOT_FIRST_TS_OFF,
  SLOT_FLAGS_OFF,
  SLOT_FLOW_ID_OFF,
  SLOT_F_CLIENT_IS_A,
  SLOT_F_SEEN_TC,
  SLOT_ICMP_CODE_OFF,
  SLOT_ICMP_TYPE_OFF,
  SLOT_IPVER_OFF,
  SLOT_LAST_PKT_OFF,
  SLOT_LAST_TS_OFF,
  SLOT_PKTS_TC_OFF,
  SLOT_PKTS_TS_OFF,
  SLOT_TCPFLAGS_TC_OFF,
  SLOT_TCPFLAGS_TS_OFF,
  SLOT_TCP_STATE_OFF,
  tableSlots,
} from './table';

/**
 * With the app layer on TCP flows picked up mid-stream (Suricata's stream.midstream=true): a flow
 * whose first packet is a server's answer (app/server-first.ts) takes its receiver as the client.
 */
let reverseServerFirst: bool = false;

export function setReverseServerFirst(on: bool): void {
  reverseServerFirst = on;
}

/** Direction of the last packet handled: true = client → server. */
export let packetToServer: bool = true;
/** Hash of the last packet's flow key. */
export let packetFlowHash: u32 = 0;

/** Suricata's flow_id: hash << 31 | start seconds (low 16 bits) << 16 | start µs (low 16 bits), 48 bits. */
function flowIdFor(hash: u32, tsNs: u64): u64 {
  const sec = tsNs / 1_000_000_000;
  const usec = (tsNs / 1000) % 1_000_000;
  return (((<u64>hash) << 31) | ((sec & 0xffff) << 16) | (usec & 0xffff)) & 0xffffffffffff;
}

/**
 * The flow stage for one packet: the outer conversation of a tunnelled packet (its own flow, as
 * Suricata tracks tunnels), then the packet's (innermost) flow, whose slot is returned.
 * `pkt` is the packet's first byte (0: no outer flow is looked for); `decoded` the first byte of the
 * packet as decoded (a rebuilt datagram after defrag), which the decoder's offsets index.
 */
export function flowPacket(tsNs: u64, wireLen: u32, pktNum: u64, pkt: usize = 0, decoded: usize = 0): usize {
  if (tableSlots == 0) return 0;
  advanceNow(tsNs);
  expireStep();
  if (buildOuterKey(pkt)) updateFlow(tsNs, wireLen, pktNum, false, 0);
  if (!buildPacketKey()) {
    addCounter(COUNTER_FLOW_NO_KEY, 1);
    return 0;
  }
  return updateFlow(tsNs, wireLen, pktNum, true, decoded);
}

/**
 * Find or create the flow of the key in flowKeyPtr and count the packet; `inner`: the summary's
 * transport applies; `decoded`: the decoded packet's first byte (its payload can decide a
 * mid-stream flow's direction; 0: not looked at).
 */
function updateFlow(tsNs: u64, wireLen: u32, pktNum: u64, inner: bool, decoded: usize): usize {
  const k = flowKeyPtr;
  const h = hashKey(k);
  packetFlowHash = h;
  const proto = <u32>load<u8>(k + 38);
  const isTcp = inner && proto == IPPROTO_TCP;
  const flagsOfPacket: u32 = isTcp ? tcpFlags : 0;
  const synOnly = isTcp && (flagsOfPacket & (TCP_SYN | TCP_ACK)) == TCP_SYN;
  let s = findFlow(k, h);
  if (s != 0) {
    const st = load<u8>(s + SLOT_TCP_STATE_OFF);
    if (isTimedOut(s) || (synOnly && (st == TCP_CLOSED || st == TCP_TIME_WAIT))) {
      endFlow(s, FLOW_REASON_TIMEOUT);
      s = 0;
    }
  }
  const srcIsA = !keyReversed;
  if (s == 0) {
    if (flowCount >= maxFlows) evictOne();
    s = insertFlow(k, h);
    // the first packet's sender is the client, unless it is a TCP SYN/ACK (sent by the server), or
    // (mid-stream pickup) a server's answer
    let clientIsA = srcIsA;
    if (isTcp && (flagsOfPacket & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK)) clientIsA = !srcIsA;
    else if (
      inner &&
      isTcp &&
      reverseServerFirst &&
      decoded != 0 &&
      (flagsOfPacket & TCP_SYN) == 0 &&
      payloadLen > 0 &&
      serverSpeaksFirst(decoded + <usize>payloadOff, payloadLen)
    )
      clientIsA = !srcIsA;
    store<u8>(s + SLOT_FLAGS_OFF, clientIsA ? SLOT_F_CLIENT_IS_A : 0);
    store<u8>(s + SLOT_IPVER_OFF, <u8>keyIpVersion);
    store<u64>(s + SLOT_FIRST_TS_OFF, tsNs);
    store<u64>(s + SLOT_FIRST_PKT_OFF, pktNum);
    store<u64>(s + SLOT_FLOW_ID_OFF, flowIdFor(h, tsNs));
    if (inner && (proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6)) {
      store<u8>(s + SLOT_ICMP_TYPE_OFF, <u8>srcPort);
      store<u8>(s + SLOT_ICMP_CODE_OFF, <u8>dstPort);
    }
    addCounter(COUNTER_FLOWS_CREATED, 1);
    if (<u64>flowCount > getCounter(COUNTER_FLOWS_ACTIVE_MAX))
      setCounter(COUNTER_FLOWS_ACTIVE_MAX, <u64>flowCount);
  }
  addCounter(COUNTER_FLOW_PACKETS, 1);
  const flags = load<u8>(s + SLOT_FLAGS_OFF);
  const toServer = srcIsA == ((flags & SLOT_F_CLIENT_IS_A) != 0);
  packetToServer = toServer;
  if (toServer) {
    store<u32>(s + SLOT_PKTS_TS_OFF, load<u32>(s + SLOT_PKTS_TS_OFF) + 1);
    store<u64>(s + SLOT_BYTES_TS_OFF, load<u64>(s + SLOT_BYTES_TS_OFF) + <u64>wireLen);
    if (isTcp) store<u8>(s + SLOT_TCPFLAGS_TS_OFF, load<u8>(s + SLOT_TCPFLAGS_TS_OFF) | (<u8>flagsOfPacket));
  } else {
    store<u8>(s + SLOT_FLAGS_OFF, flags | SLOT_F_SEEN_TC);
    store<u32>(s + SLOT_PKTS_TC_OFF, load<u32>(s + SLOT_PKTS_TC_OFF) + 1);
    store<u64>(s + SLOT_BYTES_TC_OFF, load<u64>(s + SLOT_BYTES_TC_OFF) + <u64>wireLen);
    if (isTcp) store<u8>(s + SLOT_TCPFLAGS_TC_OFF, load<u8>(s + SLOT_TCPFLAGS_TC_OFF) | (<u8>flagsOfPacket));
  }
  if (isTcp) {
    const st = load<u8>(s + SLOT_TCP_STATE_OFF);
    store<u8>(s + SLOT_TCP_STATE_OFF, nextTcpState(st, flagsOfPacket, toServer, s + SLOT_FLAGS_OFF));
  }
  if (tsNs > load<u64>(s + SLOT_LAST_TS_OFF)) store<u64>(s + SLOT_LAST_TS_OFF, tsNs);
  store<u64>(s + SLOT_LAST_PKT_OFF, pktNum);
  return s;
}
