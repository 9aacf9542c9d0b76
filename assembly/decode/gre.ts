// GRE (RFC 2784 with the key and sequence extensions of RFC 2890) and PPTP's enhanced GRE
// (version 1, RFC 2637 §4.1).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |C|R|K|S|s|Recur|A| Flags | Ver |         Protocol Type         |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |      Checksum (optional)      |  Reserved1 / Offset (opt.)    |   if C or R
//   |                         Key (optional)                        |   if K (v1: payload len | call id)
//   |                  Sequence Number (optional)                   |   if S
//   |               Acknowledgment Number (v1, optional)            |   if A (version 1 only)
//   |   Routing: SREs (RFC 1701), each | AF (2) | offset (1) | len (1) | info (len) |,     if R (v0)
//   |   ended by an SRE with AF 0 and length 0                      |
//
// Version 0: the protocol type is an ethertype (0x0800 IPv4, 0x86dd IPv6, 0x6558 transparent
// Ethernet bridging, 0x88be / 0x22eb ERSPAN, 0x8847 MPLS, ...). RFC 1701 source-route entries
// (R set; deprecated by RFC 2784) are skipped, at most MAX_GRE_SRES of them. Version 1: K must be set and the protocol is PPP (0x880b); the payload ends at
// the key's payload-length half. A header with no payload (keepalive, PPTP ack) ends decoding
// cleanly. Tunnel depth is counted by dispatch.ts, which also maps the returned ethertype key.
// Anomalies: gre.trunc_hdr, gre.bad_version (version 2-7: RFC 2784 §2.3.1 says discard),
// gre.bad_flags (more than MAX_GRE_SRES routing entries in version 0; K unset, C/R set or a
// non-PPP protocol in version 1). All stop decoding.

import { ANOM_GRE_BAD_FLAGS, ANOM_GRE_BAD_VERSION, ANOM_GRE_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_GRE } from '../abi/protocols';
import { be16, be32, u8at } from '../util/bytes';
import { ethertypeKey, KEY_STOP } from './keys';
import { pushLayer, setNext, stopMalformed, stopTruncated } from './packet';

export const GRE_MIN_HDR_LEN: u32 = 4;
const GRE_C: u32 = 0x8000;
const GRE_R: u32 = 0x4000;
const GRE_K: u32 = 0x2000;
const GRE_S: u32 = 0x1000;
const GRE_A: u32 = 0x0080;
const GRE_VERSION_MASK: u32 = 0x0007;
export const GRE_PROTO_PPP: u32 = 0x880b;
export const MAX_GRE_SRES: u32 = 16;
const GRE_SRE_HDR_LEN: u32 = 4;

/** Fields of the last GRE header decoded (ERSPAN type I is told apart by the absent S bit). */
export let greSeqPresent: bool = false;
export let greKey: u32 = 0;
export let greVersion: u32 = 0;

export function decodeGre(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < GRE_MIN_HDR_LEN) return stopTruncated(PROTO_GRE, off, avail, ANOM_GRE_TRUNC_HDR);
  const p = pkt + off;
  const flags = be16(p);
  const proto = be16(p + 2);
  const version = flags & GRE_VERSION_MASK;
  let hlen = GRE_MIN_HDR_LEN;
  if (version == 0) {
    if ((flags & (GRE_C | GRE_R)) != 0) hlen += 4;
    if ((flags & GRE_K) != 0) hlen += 4;
    if ((flags & GRE_S) != 0) hlen += 4;
    if ((flags & GRE_R) != 0) {
      // source-route entries until the null SRE (AF 0, length 0); bounded by MAX_GRE_SRES
      let n: u32 = 0;
      while (true) {
        if (hlen + GRE_SRE_HDR_LEN > avail) return stopTruncated(PROTO_GRE, off, avail, ANOM_GRE_TRUNC_HDR);
        const af = be16(p + hlen);
        const sreLen = u8at(p + hlen + 3);
        hlen += GRE_SRE_HDR_LEN + sreLen;
        if (af == 0 && sreLen == 0) break;
        if (++n > MAX_GRE_SRES) return stopMalformed(PROTO_GRE, off, avail, ANOM_GRE_BAD_FLAGS);
      }
    }
  } else if (version == 1) {
    if ((flags & GRE_K) == 0 || (flags & (GRE_C | GRE_R)) != 0 || proto != GRE_PROTO_PPP) {
      return stopMalformed(PROTO_GRE, off, avail, ANOM_GRE_BAD_FLAGS);
    }
    hlen += 4;
    if ((flags & GRE_S) != 0) hlen += 4;
    if ((flags & GRE_A) != 0) hlen += 4;
  } else {
    return stopMalformed(PROTO_GRE, off, avail, ANOM_GRE_BAD_VERSION);
  }
  if (hlen > avail) return stopTruncated(PROTO_GRE, off, avail, ANOM_GRE_TRUNC_HDR);
  if (!pushLayer(PROTO_GRE, off, hlen, avail)) return KEY_STOP;
  greVersion = version;
  greSeqPresent = (flags & GRE_S) != 0;
  const keyOff: u32 = (flags & (GRE_C | GRE_R)) != 0 ? 8 : 4;
  greKey = (flags & GRE_K) != 0 ? be32(p + keyOff) : 0;
  let payloadEnd = end;
  if (version == 1) payloadEnd = min(end, off + hlen + (greKey >> 16));
  const pl = off + hlen;
  if (pl >= payloadEnd) return KEY_STOP; // keepalive or PPTP acknowledgment: no payload
  setNext(pl, payloadEnd);
  return ethertypeKey(proto);
}
