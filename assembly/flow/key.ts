// Flow key: the normalised (ordered) 5-tuple + VLAN of the packet being processed, built from the
// decoded summary (decode/packet.ts) into a 40-byte scratch block:
//
//   off  0: address A (16, IPv4 as v4-mapped)    off 32: port A u16 · port B u16 · VLAN u16
//   off 16: address B (16)                       off 38: ip proto u8 · ICMP class u8
//
// A is the lower (address, port) endpoint, so both directions of a conversation build the same
// key and the key hash is symmetric by construction. ICMP and ICMPv6 have no ports: messages that
// pair (echo, timestamp, information, address mask) are keyed by the request type ("ICMP class")
// and the identifier in both port slots, so a request and its reply share a flow (Suricata keys
// ICMP by type/id too). Other IP protocols are keyed by addresses and protocol.
// Invariant: `keyReversed` is true when the packet's source is endpoint B.

import { PROTO_TCP, PROTO_UDP, PROTO_SCTP, LAYER_QUOTED } from '../abi/protocols';
import { LAYER_FLAGS_OFF, LAYER_OFF_OFF, LAYER_PROTO_OFF, LAYER_SIZE } from '../abi/layout';
import { icmpFlowId } from '../decode/icmp';
import { icmpv6Id } from '../decode/icmpv6';
import {
  dstAddrPtr,
  dstPort,
  ipOff,
  ipProto,
  ipVersion,
  l4Off,
  layerCount,
  layersPtr,
  srcAddrPtr,
  srcPort,
  vlanId,
} from '../decode/packet';

export const FLOW_KEY_SIZE: u32 = 40;
export const KEY_ADDR_A_OFF: u32 = 0;
export const KEY_ADDR_B_OFF: u32 = 16;
export const KEY_PORT_A_OFF: u32 = 32;
export const KEY_PORT_B_OFF: u32 = 34;
export const KEY_VLAN_OFF: u32 = 36;
export const KEY_PROTO_OFF: u32 = 38;
export const KEY_ICMP_CLASS_OFF: u32 = 39;

export const IPPROTO_ICMP: u32 = 1;
export const IPPROTO_TCP: u32 = 6;
export const IPPROTO_UDP: u32 = 17;
export const IPPROTO_ICMPV6: u32 = 58;
export const IPPROTO_SCTP: u32 = 132;

/** The key of the current packet (valid after buildPacketKey returned true). */
export const flowKeyPtr: usize = memory.data(<i32>FLOW_KEY_SIZE, 8);
export let keyReversed: bool = false;

/** ICMP request type of a pairing message (reply → request), or the type itself. */
export function icmpClass(v6: bool, type: u32): u32 {
  if (v6) return type == 129 ? 128 : type;
  if (type == 0) return 8;
  if (type == 14 || type == 16 || type == 18) return type - 1;
  return type;
}

/** True when a transport layer of `proto` was decoded at l4Off for the innermost IP header. */
function transportDecoded(proto: u8): bool {
  for (let i: u32 = 0; i < layerCount; i++) {
    const p = layersPtr + <usize>(i * LAYER_SIZE);
    if (load<u8>(p + LAYER_PROTO_OFF) != proto) continue;
    if ((load<u8>(p + LAYER_FLAGS_OFF) & LAYER_QUOTED) != 0) continue;
    const off = load<u32>(p + LAYER_OFF_OFF);
    if (off == l4Off && off > ipOff) return true;
  }
  return false;
}

/** Compare 16-byte addresses as big-endian numbers: <0, 0, >0. */
function cmpAddr(a: usize, b: usize): i32 {
  for (let i: usize = 0; i < 16; i += 8) {
    const x = bswap<u64>(load<u64>(a + i));
    const y = bswap<u64>(load<u64>(b + i));
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Build the key of the decoded packet. Returns false when the packet has no flow: no IP layer,
 * or TCP/UDP/SCTP whose header was not decoded (truncated, or a non-first fragment).
 */
export function buildPacketKey(): bool {
  if (ipVersion == 0) return false;
  const proto = ipProto;
  let sp: u32 = 0;
  let dp: u32 = 0;
  let cls: u32 = 0;
  if (proto == IPPROTO_TCP || proto == IPPROTO_UDP || proto == IPPROTO_SCTP) {
    const lp: u8 = proto == IPPROTO_TCP ? PROTO_TCP : proto == IPPROTO_UDP ? PROTO_UDP : PROTO_SCTP;
    if (!transportDecoded(lp)) return false;
    sp = srcPort;
    dp = dstPort;
  } else if (proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6) {
    const v6 = proto == IPPROTO_ICMPV6;
    cls = icmpClass(v6, srcPort) & 0xff;
    sp = v6 ? icmpv6Id : icmpFlowId;
    dp = sp;
  }
  const c = cmpAddr(srcAddrPtr, dstAddrPtr);
  keyReversed = c > 0 || (c == 0 && sp > dp);
  const k = flowKeyPtr;
  if (keyReversed) {
    memory.copy(k + KEY_ADDR_A_OFF, dstAddrPtr, 16);
    memory.copy(k + KEY_ADDR_B_OFF, srcAddrPtr, 16);
    store<u16>(k + KEY_PORT_A_OFF, <u16>dp);
    store<u16>(k + KEY_PORT_B_OFF, <u16>sp);
  } else {
    memory.copy(k + KEY_ADDR_A_OFF, srcAddrPtr, 16);
    memory.copy(k + KEY_ADDR_B_OFF, dstAddrPtr, 16);
    store<u16>(k + KEY_PORT_A_OFF, <u16>sp);
    store<u16>(k + KEY_PORT_B_OFF, <u16>dp);
  }
  store<u16>(k + KEY_VLAN_OFF, <u16>vlanId);
  store<u8>(k + KEY_PROTO_OFF, <u8>proto);
  store<u8>(k + KEY_ICMP_CLASS_OFF, <u8>cls);
  return true;
}
