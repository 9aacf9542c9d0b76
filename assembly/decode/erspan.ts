// ERSPAN (draft-foschiano-erspan, RFC-less Cisco format) carried in GRE: type I (protocol
// 0x88be without a GRE sequence number: no header), type II (0x88be, version 1) and type III
// (0x22eb, version 2). The mirrored frame that follows is Ethernet.
//
//   type II (8 bytes):
//   |  Ver  |          VLAN         | COS |En|T|    Session ID     |
//   |      Reserved         |              Index                    |
//   type III (12 bytes, + 8 when O is set):
//   |  Ver  |          VLAN         | COS |BSO|T|   Session ID     |
//   |                          Timestamp                            |
//   |             SGT               |P|   FT    |   Hw ID   |D|Gra|O|
//   |        Platform-specific sub-header (8 bytes, when O)         |
//
// Type III frames whose FT (frame type) is not 0 (Ethernet) are recorded as data.
// Anomalies: erspan.trunc_hdr, erspan.bad_version (version nibble not the one the GRE protocol
// type announces). Both stop decoding.

import { ANOM_ERSPAN_BAD_VERSION, ANOM_ERSPAN_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_ERSPAN } from '../abi/protocols';
import { be16, u8at } from '../util/bytes';
import { KEY_DATA, KEY_ETHERNET, KEY_STOP } from './keys';
import { pushLayer, setNext, stopMalformed, stopTruncated } from './packet';

export const ERSPAN_II_HDR_LEN: u32 = 8;
export const ERSPAN_III_HDR_LEN: u32 = 12;
const ERSPAN_III_PLATFORM_LEN: u32 = 8;

/** Session id of the last ERSPAN header decoded. */
export let erspanSession: u32 = 0;

/** Type I: no header of its own, the GRE payload is the mirrored frame. */
export function decodeErspanI(_pkt: usize, off: u32, end: u32): u32 {
  if (!pushLayer(PROTO_ERSPAN, off, 0, end - off)) return KEY_STOP;
  setNext(off, end);
  return KEY_ETHERNET;
}

export function decodeErspanII(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < ERSPAN_II_HDR_LEN) return stopTruncated(PROTO_ERSPAN, off, avail, ANOM_ERSPAN_TRUNC_HDR);
  if (u8at(pkt + off) >> 4 != 1) return stopMalformed(PROTO_ERSPAN, off, avail, ANOM_ERSPAN_BAD_VERSION);
  if (!pushLayer(PROTO_ERSPAN, off, ERSPAN_II_HDR_LEN, avail)) return KEY_STOP;
  erspanSession = be16(pkt + off + 2) & 0x3ff;
  setNext(off + ERSPAN_II_HDR_LEN, end);
  return KEY_ETHERNET;
}

export function decodeErspanIII(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < ERSPAN_III_HDR_LEN) return stopTruncated(PROTO_ERSPAN, off, avail, ANOM_ERSPAN_TRUNC_HDR);
  const p = pkt + off;
  if (u8at(p) >> 4 != 2) return stopMalformed(PROTO_ERSPAN, off, avail, ANOM_ERSPAN_BAD_VERSION);
  const word = be16(p + 10);
  let hlen = ERSPAN_III_HDR_LEN;
  if ((word & 1) != 0) hlen += ERSPAN_III_PLATFORM_LEN;
  if (hlen > avail) return stopTruncated(PROTO_ERSPAN, off, avail, ANOM_ERSPAN_TRUNC_HDR);
  if (!pushLayer(PROTO_ERSPAN, off, hlen, avail)) return KEY_STOP;
  erspanSession = be16(p + 2) & 0x3ff;
  setNext(off + hlen, end);
  const frameType = (word >> 10) & 0x1f;
  return frameType == 0 ? KEY_ETHERNET : KEY_DATA;
}
