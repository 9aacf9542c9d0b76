// ARP (RFC 826), also RARP-shaped frames with the same layout.
//
//   | hardware type (2) | protocol type (2) | hlen (1) | plen (1) | operation (2) |
//   | sender hw addr (hlen) | sender proto addr (plen) | target hw addr (hlen) | target proto addr (plen) |
//
// Validated: the 8-byte fixed part, non-zero address lengths, and the addresses within the
// captured bytes. ARP is a leaf: nothing follows (Ethernet padding is not payload).
// Anomalies: arp.trunc_hdr (fixed part or addresses cut short; the captured part is kept as a
// truncated layer), arp.bad_len (an address length of 0; the fixed part is kept). Both stop
// decoding.

import { ANOM_ARP_BAD_LEN, ANOM_ARP_TRUNC_HDR } from '../abi/anomalies';
import { LAYER_TRUNCATED, PROTO_ARP } from '../abi/protocols';
import { be16, u8at } from '../util/bytes';
import { KEY_STOP } from './keys';
import { flagLastLayer, pushLayer, stop, stopTruncated } from './packet';

export const ARP_FIXED_LEN: u32 = 8;

/** Operation of the last ARP packet (1 request, 2 reply). */
export let arpOperation: u32 = 0;

export function decodeArp(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < ARP_FIXED_LEN) return stopTruncated(PROTO_ARP, off, avail, ANOM_ARP_TRUNC_HDR);
  const p = pkt + off;
  const hlen = u8at(p + 4);
  const plen = u8at(p + 5);
  const total = ARP_FIXED_LEN + 2 * (hlen + plen);
  arpOperation = be16(p + 6);
  if (hlen == 0 || plen == 0) {
    // the fixed part is sound (the opcode stays readable); the addresses cannot be located
    pushLayer(PROTO_ARP, off, ARP_FIXED_LEN, avail);
    return stop(ANOM_ARP_BAD_LEN);
  }
  if (total > avail) {
    if (pushLayer(PROTO_ARP, off, avail, avail)) flagLastLayer(LAYER_TRUNCATED);
    return stop(ANOM_ARP_TRUNC_HDR);
  }
  pushLayer(PROTO_ARP, off, total, total);
  return KEY_STOP;
}
