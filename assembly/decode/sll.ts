// Linux "cooked" capture v1 (LINKTYPE_LINUX_SLL, 113): 16-byte header.
//
//   | packet type (2) | ARPHRD type (2) | addr len (2) | address (8) | protocol (2) |
//
// The protocol field is an ethertype for most ARPHRD types; for ARPHRD_NETLINK and a few
// others it is not, and those frames are recorded and not decoded further. A protocol value
// below 0x0600 is a Linux LINUX_SLL_P_* code, not an ethertype: 0x0004 (802.2) is LLC, which is
// recorded like Ethernet's; the others (802.3 raw, CAN, ...) stay data.
// Anomalies: sll.trunc_hdr.

import { ANOM_SLL_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_LLC, PROTO_SLL } from '../abi/protocols';
import { be16 } from '../util/bytes';
import { ethertypeKey, KEY_DATA, KEY_STOP } from './keys';
import { pushLayer, setNext, stop } from './packet';

export const SLL_HDR_LEN: u32 = 16;
const ARPHRD_NETLINK: u32 = 824;
const LINUX_SLL_P_802_2: u32 = 0x0004;

/** The payload of an SLL/SLL2 frame whose protocol is a LINUX_SLL_P_* code (below 0x0600). */
export function decodeSllLinkProto(proto: u32, off: u32, end: u32): u32 {
  if (proto == LINUX_SLL_P_802_2) {
    if (end > off) pushLayer(PROTO_LLC, off, 3, end - off);
    return KEY_STOP;
  }
  return KEY_DATA;
}

export function decodeSll(pkt: usize, off: u32, end: u32): u32 {
  if (end - off < SLL_HDR_LEN) return stop(ANOM_SLL_TRUNC_HDR);
  const hatype = be16(pkt + off + 2);
  const proto = be16(pkt + off + 14);
  if (!pushLayer(PROTO_SLL, off, SLL_HDR_LEN, end - off)) return KEY_STOP;
  setNext(off + SLL_HDR_LEN, end);
  if (hatype == ARPHRD_NETLINK) return KEY_DATA;
  if (proto < 0x0600) return decodeSllLinkProto(proto, off + SLL_HDR_LEN, end);
  return ethertypeKey(proto);
}
