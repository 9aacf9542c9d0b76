// VXLAN (RFC 7348), UDP port 4789 (the port check lives in dispatch.ts).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |R|R|R|R|I|R|R|R|            Reserved                           |
//   |                VXLAN Network Identifier (VNI) |   Reserved    |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// The payload is an Ethernet frame. An unset I flag is counted (vxlan.bad_flags) and the frame is
// still decoded, as receivers following RFC 7348 §5 log it and tshark shows it.
// Anomalies: vxlan.trunc_hdr (stops decoding), vxlan.bad_flags (counted).

import { ANOM_VXLAN_BAD_FLAGS, ANOM_VXLAN_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_VXLAN } from '../abi/protocols';
import { raiseAnomaly } from '../stats/counters';
import { be32, u8at } from '../util/bytes';
import { KEY_ETHERNET, KEY_STOP } from './keys';
import { pushLayer, setNext, stopTruncated } from './packet';

export const VXLAN_HDR_LEN: u32 = 8;
export const VXLAN_PORT: u32 = 4789;
const VXLAN_FLAG_I: u32 = 0x08;

/** VNI of the last VXLAN header decoded. */
export let vxlanVni: u32 = 0;

export function decodeVxlan(pkt: usize, off: u32, end: u32): u32 {
  const avail = end - off;
  if (avail < VXLAN_HDR_LEN) return stopTruncated(PROTO_VXLAN, off, avail, ANOM_VXLAN_TRUNC_HDR);
  if ((u8at(pkt + off) & VXLAN_FLAG_I) == 0) raiseAnomaly(ANOM_VXLAN_BAD_FLAGS);
  if (!pushLayer(PROTO_VXLAN, off, VXLAN_HDR_LEN, avail)) return KEY_STOP;
  vxlanVni = be32(pkt + off + 4) >> 8;
  setNext(off + VXLAN_HDR_LEN, end);
  return KEY_ETHERNET;
}
