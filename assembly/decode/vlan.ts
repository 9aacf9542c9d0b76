// IEEE 802.1Q VLAN tag (0x8100, and 0x9100 of older QinQ gear, which tshark also calls `vlan`)
// and the 802.1ad service tag (0x88a8, tshark's `ieee8021ad`).
//
//   0       2       4
//   +-------+-------+-----
//   | TCI   | type  | payload        TCI = PCP(3) DEI(1) VID(12)
//   +-------+-------+-----
//
// Tags stack (QinQ); the depth is capped at MAX_VLAN_TAGS so a frame of endless tags cannot
// walk the decoder forever. A type below 0x0600 is an 802.3 length: LLC follows, as after
// Ethernet. Anomalies: vlan.trunc_hdr, vlan.too_many_tags.

import { ANOM_VLAN_TOO_MANY_TAGS, ANOM_VLAN_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_LLC, PROTO_QINQ, PROTO_VLAN } from '../abi/protocols';
import { be16 } from '../util/bytes';
import { ethertypeKey, KEY_STOP } from './keys';
import { pushLayer, setNext, setVlan, stop } from './packet';

export const VLAN_HDR_LEN: u32 = 4;
export const MAX_VLAN_TAGS: u32 = 4;

let tagsSeen: u32 = 0;

export function resetVlan(): void {
  tagsSeen = 0;
}

function decodeTag(proto: u8, pkt: usize, off: u32, end: u32): u32 {
  if (end - off < VLAN_HDR_LEN) return stop(ANOM_VLAN_TRUNC_HDR);
  if (++tagsSeen > MAX_VLAN_TAGS) return stop(ANOM_VLAN_TOO_MANY_TAGS);
  const tci = be16(pkt + off);
  const etype = be16(pkt + off + 2);
  if (!pushLayer(proto, off, VLAN_HDR_LEN, end - off)) return KEY_STOP;
  setVlan(tci & 0x0fff);
  if (etype < 0x0600) {
    // an 802.3 length after the tag: LLC follows (STP, CDP, ...), recorded and not decoded
    if (end - off > VLAN_HDR_LEN) pushLayer(PROTO_LLC, off + VLAN_HDR_LEN, 3, end - off - VLAN_HDR_LEN);
    return KEY_STOP;
  }
  setNext(off + VLAN_HDR_LEN, end);
  return ethertypeKey(etype);
}

export function decodeVlan(pkt: usize, off: u32, end: u32): u32 {
  return decodeTag(PROTO_VLAN, pkt, off, end);
}

export function decodeQinq(pkt: usize, off: u32, end: u32): u32 {
  return decodeTag(PROTO_QINQ, pkt, off, end);
}
