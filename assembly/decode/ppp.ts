// PPP (RFC 1661) as carried by LINKTYPE_PPP (9), PPP in HDLC-like framing (LINKTYPE_PPP_HDLC 50,
// RFC 1662), PPPoE sessions and PPTP's enhanced GRE (RFC 2637).
//
//   +----------+----------+----------------+---------
//   | address  | control  |    protocol    | information
//   |   0xff   |   0x03   |  (1 or 2 B)    |
//   +----------+----------+----------------+---------
//
// The address/control pair is optional (address-and-control-field compression, RFC 1661 §6.6)
// and skipped when present. The protocol field is one byte when its first byte is odd
// (protocol-field compression, §6.5), else two. Returns a PPP-namespace key (0x0021 IPv4,
// 0x0057 IPv6, 0x0281/0x0283 MPLS; dispatch maps them; control protocols such as LCP stay data).
// Anomalies: ppp.trunc_hdr (stops decoding).

import { ANOM_PPP_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_PPP } from '../abi/protocols';
import { be16, u8at } from '../util/bytes';
import { KEY_STOP, pppKey } from './keys';
import { pushLayer, setNext, stopTruncated } from './packet';

const PPP_ADDRESS: u32 = 0xff;
const PPP_CONTROL: u32 = 0x03;

export function decodePpp(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  let hlen: u32 = 0;
  if (avail >= 2 && u8at(pkt + off) == PPP_ADDRESS && u8at(pkt + off + 1) == PPP_CONTROL) hlen = 2;
  if (avail < hlen + 1) return stopTruncated(PROTO_PPP, off, avail, ANOM_PPP_TRUNC_HDR);
  let proto = u8at(pkt + off + hlen);
  if ((proto & 1) != 0) {
    hlen += 1; // compressed one-byte protocol field
  } else {
    if (avail < hlen + 2) return stopTruncated(PROTO_PPP, off, avail, ANOM_PPP_TRUNC_HDR);
    proto = be16(pkt + off + hlen);
    hlen += 2;
  }
  if (!pushLayer(PROTO_PPP, off, hlen, avail)) return KEY_STOP;
  setNext(off + hlen, end);
  return pppKey(proto);
}
