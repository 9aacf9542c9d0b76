// IGMP (RFC 2236 v2, RFC 3376 v3; IP protocol 2): recorded as a layer, not decoded further.
//
//   | type (1) | max resp time (1) | checksum (2) | group address (4) | (v3 report/query fields) ...
//
// Anomalies: igmp.trunc_hdr (fewer than 8 bytes; stops decoding).

import { ANOM_IGMP_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_IGMP } from '../abi/protocols';
import { KEY_STOP } from './keys';
import { inQuote, pushLayer, stopTruncated } from './packet';

export const IGMP_MIN_LEN: u32 = 8;

export function decodeIgmp(_pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < IGMP_MIN_LEN) {
    if (inQuote()) return KEY_STOP;
    return stopTruncated(PROTO_IGMP, off, avail, ANOM_IGMP_TRUNC_HDR);
  }
  pushLayer(PROTO_IGMP, off, IGMP_MIN_LEN, avail);
  return KEY_STOP;
}
