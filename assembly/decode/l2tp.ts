// L2TP version 2 (RFC 2661) over UDP port 1701 (the port check lives in dispatch.ts).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |T|L|x|x|S|x|O|P|x|x|x|x|  Ver  |          Length (opt)         |   Length if L
//   |           Tunnel ID           |           Session ID          |
//   |             Ns (opt)          |             Nr (opt)          |   if S
//   |      Offset Size (opt)        |    Offset pad... (opt)            if O
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// Data messages (T = 0) carry a PPP frame (with address/control bytes); control messages (T = 1)
// are recorded, their AVPs not decoded. L2TPv3 over UDP (version 3) is recorded and not decoded
// further. The payload ends at Length when it is present and fits.
// Anomalies: l2tp.trunc_hdr (stops decoding; the captured part kept as a truncated layer),
// l2tp.bad_version (version other than 2 or 3; stops decoding).

import { ANOM_L2TP_BAD_VERSION, ANOM_L2TP_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_L2TP } from '../abi/protocols';
import { be16 } from '../util/bytes';
import { KEY_PPP, KEY_STOP } from './keys';
import { pushLayer, setNext, stopMalformed, stopTruncated } from './packet';

export const L2TP_PORT: u32 = 1701;
const L2TP_T: u32 = 0x8000;
const L2TP_L: u32 = 0x4000;
const L2TP_S: u32 = 0x0800;
const L2TP_O: u32 = 0x0200;
const L2TP_VERSION_MASK: u32 = 0x000f;

/** Tunnel and session ids of the last L2TP header decoded. */
export let l2tpTunnelId: u32 = 0;
export let l2tpSessionId: u32 = 0;

export function decodeL2tp(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < 2) return stopTruncated(PROTO_L2TP, off, avail, ANOM_L2TP_TRUNC_HDR);
  const p = pkt + off;
  const flags = be16(p);
  const version = flags & L2TP_VERSION_MASK;
  if (version == 3) {
    pushLayer(PROTO_L2TP, off, avail, avail);
    return KEY_STOP; // L2TPv3 over UDP: recorded only
  }
  if (version != 2) return stopMalformed(PROTO_L2TP, off, avail, ANOM_L2TP_BAD_VERSION);
  let hlen: u32 = 2;
  let length: u32 = 0;
  if ((flags & L2TP_L) != 0) {
    if (avail < hlen + 2) return stopTruncated(PROTO_L2TP, off, avail, ANOM_L2TP_TRUNC_HDR);
    length = be16(p + hlen);
    hlen += 2;
  }
  if (avail < hlen + 4) return stopTruncated(PROTO_L2TP, off, avail, ANOM_L2TP_TRUNC_HDR);
  l2tpTunnelId = be16(p + hlen);
  l2tpSessionId = be16(p + hlen + 2);
  hlen += 4;
  if ((flags & L2TP_S) != 0) hlen += 4;
  if ((flags & L2TP_O) != 0) {
    if (avail < hlen + 2) return stopTruncated(PROTO_L2TP, off, avail, ANOM_L2TP_TRUNC_HDR);
    hlen += 2 + be16(p + hlen);
  }
  if (hlen > avail) return stopTruncated(PROTO_L2TP, off, avail, ANOM_L2TP_TRUNC_HDR);
  if (!pushLayer(PROTO_L2TP, off, hlen, length != 0 ? length : avail)) return KEY_STOP;
  if ((flags & L2TP_T) != 0) return KEY_STOP; // control message: AVPs not decoded
  const payloadEnd = length != 0 && length >= hlen ? min(end, off + length) : end;
  if (off + hlen >= payloadEnd) return KEY_STOP; // zero-length body
  setNext(off + hlen, payloadEnd);
  return KEY_PPP;
}
