// Arista Vendor Specific Protocol (ethertype 0xd28b), timestamp sub-type, as inserted by Arista
// switches (EOS "mac timestamp header"). Layout as tcpdump's print-arista.c decodes it:
//
//   | sub-type (2) = 0x0001 | version (2) | timestamp (8 or 6) | ethertype (2) | payload
//
//   version: bits 11-8 = timescale (0: TAI, 1: UTC), bits 7-4 = timestamp format (1: 64-bit
//            seconds+nanoseconds, 2: 48-bit), bits 3-0 = hardware info (0: R/R2, 1: R3)
//
// tshark 4.0 rejects hardware info R3 (version 0x0011, 0x0021, ...) as an unknown version;
// netsift decodes it as tcpdump does (the timestamp layout does not depend on it).
//
// Only the timestamp sub-type is known; others end decoding (avsp.unknown_format).
// Anomalies: avsp.trunc_hdr, avsp.unknown_format (both stop decoding).

import { ANOM_AVSP_TRUNC_HDR, ANOM_AVSP_UNKNOWN_FORMAT } from '../abi/anomalies';
import { PROTO_AVSP } from '../abi/protocols';
import { be16 } from '../util/bytes';
import { ethertypeKey, KEY_STOP } from './keys';
import { pushLayer, setNext, stopMalformed, stopTruncated } from './packet';

const AVSP_SUBTYPE_TIMESTAMP: u32 = 0x0001;

export function decodeAvsp(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < 4) return stopTruncated(PROTO_AVSP, off, avail, ANOM_AVSP_TRUNC_HDR);
  const subtype = be16(pkt + off);
  const version = be16(pkt + off + 2);
  if (subtype != AVSP_SUBTYPE_TIMESTAMP || version >> 8 > 1) {
    return stopMalformed(PROTO_AVSP, off, avail, ANOM_AVSP_UNKNOWN_FORMAT);
  }
  const format = (version >> 4) & 0xf;
  let tsLen: u32 = 0;
  if (format == 1) tsLen = 8;
  else if (format == 2) tsLen = 6;
  else return stopMalformed(PROTO_AVSP, off, avail, ANOM_AVSP_UNKNOWN_FORMAT);
  const hlen: u32 = 4 + tsLen + 2;
  if (hlen > avail) return stopTruncated(PROTO_AVSP, off, avail, ANOM_AVSP_TRUNC_HDR);
  if (!pushLayer(PROTO_AVSP, off, hlen, avail)) return KEY_STOP;
  setNext(off + hlen, end);
  return ethertypeKey(be16(pkt + off + hlen - 2));
}
