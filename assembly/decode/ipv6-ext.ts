// IPv6 extension headers (RFC 8200 §4): hop-by-hop options (0), routing (43), fragment (44),
// destination options (60), and the authentication header (51, RFC 4302), which IPv4 can carry
// too. Each is one layer; the chain is walked through the IP-protocol dispatch, so a transport
// header after any number of extension headers is found the same way. The layer cap bounds the
// walk (decode.too_many_layers).
//
//   hop-by-hop / routing / dstopts:  | next hdr | hdr ext len (8-octet units, not counting the first 8) | ...
//   fragment (8 bytes):              | next hdr | reserved | offset(13) res(2) M(1) | identification(32) |
//   AH:                              | next hdr | payload len (4-octet units, minus 2) | ...
//
// A non-first fragment carries no upper-layer header: its payload is `data`.

import { ANOM_AH_TRUNC_HDR, ANOM_IPV6_FRAG_OVERFLOW, ANOM_IPV6_TRUNC_EXTHDR } from '../abi/anomalies';
import { PROTO_AH, PROTO_IPV6_DSTOPTS, PROTO_IPV6_FRAGMENT, PROTO_IPV6_HOPOPTS, PROTO_IPV6_ROUTING } from '../abi/protocols';
import { raiseAnomaly } from '../stats/counters';
import { be16, u8at } from '../util/bytes';
import { ipProtoKey, KEY_DATA, KEY_STOP } from './keys';
import { inQuote, l4DeclLen, pushLayer, setFragment, setIpProto, setL4DeclLen, setNext, stop, stopTruncated } from './packet';

export const IPV6_FRAG_HDR_LEN: u32 = 8;

/** A cut-short extension header: kept as a truncated layer; inside an ICMP quote it is expected. */
function truncExt(proto: u8, off: u32, end: u32): u32 {
  if (!inQuote()) return stopTruncated(proto, off, end - off, ANOM_IPV6_TRUNC_EXTHDR);
  if (end > off) pushLayer(proto, off, end - off, end - off);
  return KEY_STOP;
}

function decodeTlvExt(proto: u8, pkt: usize, off: u32, end: u32): u32 {
  if (end - off < 8) return truncExt(proto, off, end);
  const next = u8at(pkt + off);
  const len = (u8at(pkt + off + 1) + 1) << 3;
  if (len > end - off) return truncExt(proto, off, end);
  if (!pushLayer(proto, off, len, l4DeclLen)) return KEY_STOP;
  setIpProto(next);
  setNext(off + len, end);
  setL4DeclLen(l4DeclLen > len ? l4DeclLen - len : 0);
  return ipProtoKey(next);
}

export function decodeIpv6HopOpts(pkt: usize, off: u32, end: u32): u32 {
  return decodeTlvExt(PROTO_IPV6_HOPOPTS, pkt, off, end);
}

export function decodeIpv6Routing(pkt: usize, off: u32, end: u32): u32 {
  return decodeTlvExt(PROTO_IPV6_ROUTING, pkt, off, end);
}

export function decodeIpv6DstOpts(pkt: usize, off: u32, end: u32): u32 {
  return decodeTlvExt(PROTO_IPV6_DSTOPTS, pkt, off, end);
}

export function decodeIpv6Fragment(pkt: usize, off: u32, end: u32): u32 {
  if (end - off < IPV6_FRAG_HDR_LEN) return truncExt(PROTO_IPV6_FRAGMENT, off, end);
  const next = u8at(pkt + off);
  const offField = be16(pkt + off + 2);
  const fragOffset = offField & 0xfff8;
  if (!pushLayer(PROTO_IPV6_FRAGMENT, off, IPV6_FRAG_HDR_LEN, l4DeclLen)) return KEY_STOP;
  const payload = l4DeclLen > IPV6_FRAG_HDR_LEN ? l4DeclLen - IPV6_FRAG_HDR_LEN : 0;
  if (fragOffset + payload > 65535) raiseAnomaly(ANOM_IPV6_FRAG_OVERFLOW);
  setIpProto(next);
  setNext(off + IPV6_FRAG_HDR_LEN, end);
  setL4DeclLen(payload);
  const more = (offField & 1) != 0;
  if (more || fragOffset != 0) setFragment();
  if (fragOffset != 0) return KEY_DATA;
  return ipProtoKey(next);
}

export function decodeAh(pkt: usize, off: u32, end: u32): u32 {
  if (end - off < 12) return stop(ANOM_AH_TRUNC_HDR);
  const next = u8at(pkt + off);
  const len = (u8at(pkt + off + 1) + 2) << 2;
  if (len < 12 || len > end - off) return stop(ANOM_AH_TRUNC_HDR);
  if (!pushLayer(PROTO_AH, off, len, l4DeclLen)) return KEY_STOP;
  setIpProto(next);
  setNext(off + len, end);
  setL4DeclLen(l4DeclLen > len ? l4DeclLen - len : 0);
  return ipProtoKey(next);
}
