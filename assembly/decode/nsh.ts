// NSH, the Network Service Header (RFC 8300), ethertype 0x894f (and GRE / VXLAN-GPE carriers).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |Ver|O|U|    TTL    |   Length  |U|U|U|U|MD Type| Next Protocol |
//   |          Service Path Identifier (SPI)        | Service Index |
//   |                  Context headers (MD type 1: 16 bytes; 2: TLVs)  ...
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// Length counts 4-byte words of the whole header. Next protocol: 1 IPv4, 2 IPv6, 3 Ethernet,
// 5 MPLS (4, NSH in NSH, is not followed, as Suricata). Checks as Suricata's decode-nsh.c:
// a header cut short or a length that leaves no payload (MD type 1: exactly 24 bytes) stops
// decoding (nsh.trunc_hdr, nsh.bad_length); a version other than 0, a reserved or unknown MD type,
// or an unknown next protocol are counted and the rest is left as data.

import {
  ANOM_NSH_BAD_LENGTH,
  ANOM_NSH_BAD_VERSION,
  ANOM_NSH_RESERVED_MD_TYPE,
  ANOM_NSH_TRUNC_HDR,
  ANOM_NSH_UNKNOWN_NEXT_PROTO,
  ANOM_NSH_UNSUPPORTED_MD_TYPE,
} from '../abi/anomalies';
import { PROTO_NSH } from '../abi/protocols';
import { raiseAnomaly } from '../stats/counters';
import { u8at } from '../util/bytes';
import { ethertypeKey, KEY_DATA, KEY_ETHERNET, KEY_MPLS, KEY_STOP } from './keys';
import { pushLayer, setNext, stopMalformed, stopTruncated } from './packet';

export const NSH_BASE_LEN: u32 = 8;

/** What follows a header the decoder does not go past: counted, the rest is data. */
function asData(off: u32, hlen: u32, end: u32, anomaly: u16): u32 {
  raiseAnomaly(anomaly);
  setNext(off + hlen, end);
  return KEY_DATA;
}

export function decodeNsh(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < NSH_BASE_LEN) return stopTruncated(PROTO_NSH, off, avail, ANOM_NSH_TRUNC_HDR);
  const p = pkt + off;
  const b0 = u8at(p);
  const length = ((u8at(p + 1) & 0x3f) << 2) as u32;
  const mdType = u8at(p + 2);
  const next = u8at(p + 3);
  if (b0 >> 6 != 0) {
    if (!pushLayer(PROTO_NSH, off, NSH_BASE_LEN, avail)) return KEY_STOP;
    return asData(off, NSH_BASE_LEN, end, ANOM_NSH_BAD_VERSION);
  }
  if (length >= avail || length < NSH_BASE_LEN || (mdType == 1 && length != 24)) {
    return stopMalformed(PROTO_NSH, off, avail, ANOM_NSH_BAD_LENGTH);
  }
  if (!pushLayer(PROTO_NSH, off, length, avail)) return KEY_STOP;
  if (mdType == 0 || mdType == 0xf) return asData(off, length, end, ANOM_NSH_RESERVED_MD_TYPE);
  if (mdType != 1 && mdType != 2) return asData(off, length, end, ANOM_NSH_UNSUPPORTED_MD_TYPE);
  setNext(off + length, end);
  switch (next) {
    case 1:
      return ethertypeKey(0x0800);
    case 2:
      return ethertypeKey(0x86dd);
    case 3:
      return KEY_ETHERNET;
    case 5:
      return KEY_MPLS;
    default:
      raiseAnomaly(ANOM_NSH_UNKNOWN_NEXT_PROTO);
      return KEY_DATA;
  }
}
