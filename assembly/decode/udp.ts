// UDP header (RFC 768).
//
//   | source port | destination port | length | checksum |
//
// The payload ends at the length field when it is sane (>= 8); a length below 8 is counted as
// udp.bad_len and the captured bytes are used. The ports decide tunnels (VXLAN, Geneve,
// MPLS-over-UDP): that choice lives in decode/dispatch.ts, not here. A header cut short is kept
// as a truncated layer (tshark still shows the captured ports).

import { ANOM_UDP_BAD_LEN, ANOM_UDP_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_UDP } from '../abi/protocols';
import { raiseAnomaly } from '../stats/counters';
import { be16 } from '../util/bytes';
import { KEY_STOP, KEY_UDP_PAYLOAD } from './keys';
import { inQuote, pushLayer, setNext, setTransportSummary, stopTruncated } from './packet';

export const UDP_HDR_LEN: u32 = 8;

/** Ports of the last UDP header decoded (quoted ones included), for port-based dispatch. */
export let udpSrcPort: u32 = 0;
export let udpDstPort: u32 = 0;

export function decodeUdp(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < UDP_HDR_LEN) {
    if (inQuote() && avail >= 4) pushLayer(PROTO_UDP, off, avail, avail);
    return inQuote() ? KEY_STOP : stopTruncated(PROTO_UDP, off, avail, ANOM_UDP_TRUNC_HDR);
  }
  const p = pkt + off;
  const len = be16(p + 4);
  if (!pushLayer(PROTO_UDP, off, UDP_HDR_LEN, len)) return KEY_STOP;
  if (inQuote()) return KEY_STOP;
  let udpEnd = end;
  if (len < UDP_HDR_LEN) raiseAnomaly(ANOM_UDP_BAD_LEN);
  else if (off + len < end) udpEnd = off + len;
  udpSrcPort = be16(p);
  udpDstPort = be16(p + 2);
  const plOff = off + UDP_HDR_LEN;
  setTransportSummary(udpSrcPort, udpDstPort, 0, off, plOff, udpEnd - plOff);
  setNext(plOff, udpEnd);
  return KEY_UDP_PAYLOAD;
}
