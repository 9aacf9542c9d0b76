// ICMP for IPv4 (RFC 792).
//
//   | type | code | checksum | rest of header (id/seq for echo, unused/pointer/MTU for errors) |
//
// Error messages (destination unreachable 3, source quench 4, redirect 5, time exceeded 11,
// parameter problem 12) quote the offending datagram's IP header and first 8 payload bytes;
// those are decoded as layers flagged LAYER_QUOTED, which never change the packet's own
// addresses or ports. The flow key of an echo uses id as the "port" (Suricata pairs echo request
// and reply by type/id). Only echo request/reply bodies are recorded as data.

import { ANOM_ICMP_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_ICMP } from '../abi/protocols';
import { be16, u8at } from '../util/bytes';
import { KEY_DATA, KEY_ICMP_QUOTE, KEY_STOP } from './keys';
import { inQuote, pushLayer, setNext, setTransportSummary, stop } from './packet';

export const ICMP_HDR_LEN: u32 = 8;

export let icmpType: u32 = 0;
export let icmpCode: u32 = 0;
export let icmpId: u32 = 0;
export let icmpSeq: u32 = 0;

export function isIcmpv4Error(type: u32): bool {
  return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

export function decodeIcmp(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < 4) return inQuote() ? KEY_STOP : stop(ANOM_ICMP_TRUNC_HDR);
  const p = pkt + off;
  const hdr = min(avail, ICMP_HDR_LEN);
  if (!pushLayer(PROTO_ICMP, off, hdr, avail)) return KEY_STOP;
  if (inQuote()) {
    // a quoted ICMP message (e.g. the echo that timed out) keeps its body as data
    if (avail <= ICMP_HDR_LEN) return KEY_STOP;
    setNext(off + ICMP_HDR_LEN, end);
    return KEY_DATA;
  }
  icmpType = u8at(p);
  icmpCode = u8at(p + 1);
  icmpId = avail >= 8 ? be16(p + 4) : 0;
  icmpSeq = avail >= 8 ? be16(p + 6) : 0;
  const isErr = isIcmpv4Error(icmpType);
  // echo (0/8), timestamp (13/14), info (15/16), address mask (17/18): id pairs the two sides
  const id = isErr ? 0 : icmpId;
  setTransportSummary(icmpType, icmpCode, 0, off, off + hdr, avail - hdr);
  setIcmpFlowId(id);
  if (avail < ICMP_HDR_LEN) return stop(ANOM_ICMP_TRUNC_HDR);
  setNext(off + ICMP_HDR_LEN, end);
  if (isErr) return KEY_ICMP_QUOTE;
  // echo bodies are opaque data; the other messages' bodies (timestamps, router advertisements,
  // address masks) are ICMP's own fields, as tshark shows them
  return icmpType == 0 || icmpType == 8 ? KEY_DATA : KEY_STOP;
}

/** The echo id kept for flow keys (Suricata: ICMP flows are keyed by type/code and id). */
export let icmpFlowId: u32 = 0;
function setIcmpFlowId(id: u32): void {
  icmpFlowId = id;
}
