// IPv6 fixed header (RFC 8200 §3).
//
//   +-------+---------------+---------------------------------------+
//   |Version| Traffic Class |              Flow Label               |
//   |         Payload Length        |  Next Header  |   Hop Limit   |
//   |                     Source Address (16)                       |
//   |                  Destination Address (16)                     |
//
// Extension headers are decoded by decode/ipv6-ext.ts, one layer each, through the same
// IP-protocol dispatch as transport headers. A payload length of 0 (jumbogram, RFC 2675, or a
// TSO capture) means "up to the end of the captured bytes".
// A header cut short is kept as a truncated layer; a wrong version makes the bytes `data`.
// Anomalies: ipv6.trunc_hdr, ipv6.bad_version, ipv6.bad_payload_len (counted; decoding goes on
// with the captured bytes).

import { ANOM_IPV6_BAD_PAYLOAD_LEN, ANOM_IPV6_BAD_VERSION, ANOM_IPV6_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_DATA, PROTO_IPV6 } from '../abi/protocols';
import { raiseAnomaly } from '../stats/counters';
import { be16, u8at } from '../util/bytes';
import { ipProtoKey, KEY_STOP } from './keys';
import {
  dstAddrPtr,
  inQuote,
  pushLayer,
  setIpSummary,
  setL4DeclLen,
  setNext,
  srcAddrPtr,
  stop,
  stopTruncated,
} from './packet';

export const IPV6_HDR_LEN: u32 = 40;
export const IPV6_PAYLOAD_LEN_OFF: u32 = 4;
export const IPV6_NEXT_HDR_OFF: u32 = 6;
export const IPV6_HOP_LIMIT_OFF: u32 = 7;
export const IPV6_SRC_OFF: u32 = 8;
export const IPV6_DST_OFF: u32 = 24;

export function decodeIpv6(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < IPV6_HDR_LEN) {
    // an ICMPv6 error may quote a cut-short header: expected there, not an anomaly
    if (inQuote()) {
      if (avail > 0) pushLayer(PROTO_IPV6, off, avail, avail);
      return KEY_STOP;
    }
    return stopTruncated(PROTO_IPV6, off, avail, ANOM_IPV6_TRUNC_HDR);
  }
  const p = pkt + off;
  if (u8at(p) >> 4 != 6) {
    // not an IPv6 header after all: the bytes are undecoded data (as tshark shows them)
    pushLayer(PROTO_DATA, off, 0, avail);
    return stop(ANOM_IPV6_BAD_VERSION);
  }
  const payloadLen = be16(p + IPV6_PAYLOAD_LEN_OFF);
  const next = u8at(p + IPV6_NEXT_HDR_OFF);
  let declLen = IPV6_HDR_LEN + payloadLen;
  if (payloadLen == 0) declLen = avail;
  if (!pushLayer(PROTO_IPV6, off, IPV6_HDR_LEN, declLen)) return KEY_STOP;
  if (payloadLen == 0 && avail > IPV6_HDR_LEN) raiseAnomaly(ANOM_IPV6_BAD_PAYLOAD_LEN);
  setIpSummary(6, off, next, u8at(p + IPV6_HOP_LIMIT_OFF));
  if (!inQuote()) {
    memory.copy(srcAddrPtr, p + IPV6_SRC_OFF, 16);
    memory.copy(dstAddrPtr, p + IPV6_DST_OFF, 16);
  }
  setNext(off + IPV6_HDR_LEN, min(end, off + declLen));
  setL4DeclLen(declLen - IPV6_HDR_LEN);
  return ipProtoKey(next);
}
