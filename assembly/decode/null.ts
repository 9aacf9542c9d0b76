// BSD loopback encapsulation: LINKTYPE_NULL (0, address family in the capturing host's byte
// order) and LINKTYPE_LOOP (108, address family in network byte order). 4-byte header.
//
// AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS), 10 (Linux).
// Anomalies: null.trunc_hdr, null.unknown_family.

import { ANOM_NULL_TRUNC_HDR, ANOM_NULL_UNKNOWN_FAMILY } from '../abi/anomalies';
import { PROTO_DATA, PROTO_NULL } from '../abi/protocols';
import { be32, le32 } from '../util/bytes';
import { ethertypeKey, KEY_STOP } from './keys';
import { pushLayer, setNext, stop } from './packet';

export const NULL_HDR_LEN: u32 = 4;

function familyKey(family: u32): u32 {
  if (family == 2) return ethertypeKey(0x0800);
  if (family == 24 || family == 28 || family == 30 || family == 10) return ethertypeKey(0x86dd);
  return KEY_STOP;
}

function decodeLoopback(pkt: usize, off: u32, end: u32, networkOrder: bool): u32 {
  if (end - off < NULL_HDR_LEN) return stop(ANOM_NULL_TRUNC_HDR);
  let family = networkOrder ? be32(pkt + off) : le32(pkt + off);
  // DLT_NULL is host order: a value with only high bytes set was written big-endian
  if (!networkOrder && (family & 0xffff) == 0) family = be32(pkt + off);
  if (!pushLayer(PROTO_NULL, off, NULL_HDR_LEN, end - off)) return KEY_STOP;
  const key = familyKey(family);
  if (key == KEY_STOP) {
    // an unknown address family: the payload is undecoded data (tshark: null:data)
    if (end - off > NULL_HDR_LEN) pushLayer(PROTO_DATA, off + NULL_HDR_LEN, 0, end - off - NULL_HDR_LEN);
    return stop(ANOM_NULL_UNKNOWN_FAMILY);
  }
  setNext(off + NULL_HDR_LEN, end);
  return key;
}

export function decodeNull(pkt: usize, off: u32, end: u32): u32 {
  return decodeLoopback(pkt, off, end, false);
}

export function decodeLoop(pkt: usize, off: u32, end: u32): u32 {
  return decodeLoopback(pkt, off, end, true);
}
