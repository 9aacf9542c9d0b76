// Linux "cooked" capture v2 (LINKTYPE_LINUX_SLL2, 276): 20-byte header.
//
//   | protocol (2) | reserved (2) | interface index (4) | ARPHRD type (2) | packet type (1) |
//   | addr len (1) | address (8) |
//
// Anomalies: sll2.trunc_hdr.

import { ANOM_SLL2_TRUNC_HDR } from '../abi/anomalies';
import { PROTO_SLL2 } from '../abi/protocols';
import { be16 } from '../util/bytes';
import { ethertypeKey, KEY_DATA, KEY_STOP } from './keys';
import { pushLayer, setNext, stop } from './packet';
import { decodeSllLinkProto } from './sll';

export const SLL2_HDR_LEN: u32 = 20;
const ARPHRD_NETLINK: u32 = 824;

export function decodeSll2(pkt: usize, off: u32, end: u32): u32 {
  if (end - off < SLL2_HDR_LEN) return stop(ANOM_SLL2_TRUNC_HDR);
  const proto = be16(pkt + off);
  const hatype = be16(pkt + off + 8);
  if (!pushLayer(PROTO_SLL2, off, SLL2_HDR_LEN, end - off)) return KEY_STOP;
  setNext(off + SLL2_HDR_LEN, end);
  if (hatype == ARPHRD_NETLINK) return KEY_DATA;
  if (proto < 0x0600) return decodeSllLinkProto(proto, off + SLL2_HDR_LEN, end);
  return ethertypeKey(proto);
}
