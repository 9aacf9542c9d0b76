// SCTP common header (RFC 9260 §3.1): the ports give the flow its 5-tuple. Chunks are not
// decoded (a later stage may); the layer ends decoding without an anomaly.
//
//   | source port (2) | destination port (2) |
//   |          verification tag (4)          |
//   |              checksum (4)              |
//
// Anomalies: sctp.trunc_hdr (fewer than 12 bytes; captured ports are kept as a truncated layer).

import { ANOM_SCTP_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_SCTP } from '../abi/protocols';
import { be16 } from '../util/bytes';
import { KEY_STOP } from './keys';
import { inQuote, l4DeclLen, pushLayer, setTransportSummary, stopTruncated } from './packet';

export const SCTP_HDR_LEN: u32 = 12;

export function decodeSctp(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < SCTP_HDR_LEN) {
    if (inQuote()) {
      if (avail >= 4) pushLayer(PROTO_SCTP, off, avail, l4DeclLen);
      return KEY_STOP;
    }
    return stopTruncated(PROTO_SCTP, off, avail, ANOM_SCTP_TRUNC_HDR);
  }
  if (!pushLayer(PROTO_SCTP, off, SCTP_HDR_LEN, l4DeclLen)) return KEY_STOP;
  const pl = off + SCTP_HDR_LEN;
  setTransportSummary(be16(pkt + off), be16(pkt + off + 2), 0, off, pl, end - pl);
  return KEY_STOP;
}
