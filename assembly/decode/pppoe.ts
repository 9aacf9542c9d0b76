// PPPoE (RFC 2516): discovery stage (ethertype 0x8863) and session stage (0x8864).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  VER  | TYPE  |      CODE     |          SESSION_ID           |
//   |            LENGTH             |           payload ~
//
// Validated: 6 bytes present; VER = TYPE = 1 is checked and a mismatch counted (decoding goes on,
// as tshark and Suricata do, so a frame a lenient receiver accepts is still inspected). A session
// frame's payload (a PPP frame without
// address/control bytes) ends at LENGTH when it fits in the captured bytes. Discovery frames
// (PADI/PADO/PADR/PADS/PADT) are recorded; their tags are not decoded.
// Anomalies: pppoe.trunc_hdr (stops decoding), pppoe.bad_version (counted).

import { ANOM_PPPOE_BAD_VERSION, ANOM_PPPOE_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_PPPOE_DISCOVERY, PROTO_PPPOE_SESSION } from '../abi/protocols';
import { be16, u8at } from '../util/bytes';
import { KEY_PPP, KEY_STOP } from './keys';
import { pushLayer, setNext, stopTruncated } from './packet';
import { raiseAnomaly } from '../stats/counters';

export const PPPOE_HDR_LEN: u32 = 6;
const PPPOE_VER_TYPE: u32 = 0x11;

/** Session id of the last PPPoE header decoded. */
export let pppoeSessionId: u32 = 0;

function decodePppoeHeader(proto: u8, pkt: usize, off: u32, end: u32): bool {
  const avail = end - off;
  if (avail < PPPOE_HDR_LEN) {
    stopTruncated(proto, off, avail, ANOM_PPPOE_TRUNC_HDR);
    return false;
  }
  if (u8at(pkt + off) != PPPOE_VER_TYPE) raiseAnomaly(ANOM_PPPOE_BAD_VERSION);
  const len = be16(pkt + off + 4);
  pppoeSessionId = be16(pkt + off + 2);
  if (!pushLayer(proto, off, PPPOE_HDR_LEN, PPPOE_HDR_LEN + len)) return false;
  setNext(off + PPPOE_HDR_LEN, min(end, off + PPPOE_HDR_LEN + len));
  return true;
}

export function decodePppoeSession(pkt: usize, off: u32, end: u32): u32 {
  if (!decodePppoeHeader(PROTO_PPPOE_SESSION, pkt, off, end)) return KEY_STOP;
  return KEY_PPP;
}

export function decodePppoeDiscovery(pkt: usize, off: u32, end: u32): u32 {
  decodePppoeHeader(PROTO_PPPOE_DISCOVERY, pkt, off, end);
  return KEY_STOP; // tags are not decoded
}
