// Geneve (RFC 8926), UDP port 6081 (the port check lives in dispatch.ts).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |Ver|  Opt Len  |O|C|    Rsvd.  |          Protocol Type        |
//   |        Virtual Network Identifier (VNI)       |    Reserved   |
//   |                    Variable-Length Options                    |   Opt Len x 4 bytes
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// The protocol type is an ethertype (0x6558 = Ethernet, 0x0800 IPv4, ...). Options are skipped
// as a block, not parsed. Validated: version 0, options within the captured bytes.
// Anomalies: geneve.trunc_hdr, geneve.bad_version, geneve.bad_opt_len (options run past the
// captured bytes). All stop decoding.

import { ANOM_GENEVE_BAD_OPT_LEN, ANOM_GENEVE_BAD_VERSION, ANOM_GENEVE_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_GENEVE } from '../abi/protocols';
import { be16, be32, u8at } from '../util/bytes';
import { ethertypeKey, KEY_STOP } from './keys';
import { pushLayer, setNext, stopMalformed, stopTruncated } from './packet';

export const GENEVE_HDR_LEN: u32 = 8;
export const GENEVE_PORT: u32 = 6081;

/** VNI of the last Geneve header decoded. */
export let geneveVni: u32 = 0;

export function decodeGeneve(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < GENEVE_HDR_LEN) return stopTruncated(PROTO_GENEVE, off, avail, ANOM_GENEVE_TRUNC_HDR);
  const p = pkt + off;
  const b0 = u8at(p);
  if (b0 >> 6 != 0) return stopMalformed(PROTO_GENEVE, off, avail, ANOM_GENEVE_BAD_VERSION);
  const hlen = GENEVE_HDR_LEN + ((b0 & 0x3f) << 2);
  if (hlen > avail) return stopMalformed(PROTO_GENEVE, off, avail, ANOM_GENEVE_BAD_OPT_LEN);
  if (!pushLayer(PROTO_GENEVE, off, hlen, avail)) return KEY_STOP;
  geneveVni = be32(p + 4) >> 8;
  setNext(off + hlen, end);
  return ethertypeKey(be16(p + 2));
}
