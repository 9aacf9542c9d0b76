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

import {
  LAYER_QUOTED,
  PROTO_GRE,
  PROTO_IPV4,
  PROTO_IPV6,
  PROTO_IPV6_DSTOPTS,
  PROTO_IPV6_FRAGMENT,
  PROTO_IPV6_HOPOPTS,
  PROTO_IPV6_ROUTING,
  PROTO_QINQ,
  PROTO_SCTP,
  PROTO_TCP,
  PROTO_UDP,
  PROTO_VLAN,
} from '../abi/protocols';
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
  tunnelDepth,
  vlanId,
} from '../decode/packet';
import { be16 } from '../util/bytes';

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
/** IP version of the key just built (4 or 6). */
export let keyIpVersion: u32 = 0;
const outerSrcPtr: usize = memory.data(16, 8);
const outerDstPtr: usize = memory.data(16, 8);

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
  keyIpVersion = ipVersion;
  fillKey(srcAddrPtr, dstAddrPtr, sp, dp, proto, cls, vlanId);
  return true;
}

function fillKey(src: usize, dst: usize, sp: u32, dp: u32, proto: u32, cls: u32, vlan: u32): void {
  const c = cmpAddr(src, dst);
  keyReversed = c > 0 || (c == 0 && sp > dp);
  const k = flowKeyPtr;
  if (keyReversed) {
    memory.copy(k + KEY_ADDR_A_OFF, dst, 16);
    memory.copy(k + KEY_ADDR_B_OFF, src, 16);
    store<u16>(k + KEY_PORT_A_OFF, <u16>dp);
    store<u16>(k + KEY_PORT_B_OFF, <u16>sp);
  } else {
    memory.copy(k + KEY_ADDR_A_OFF, src, 16);
    memory.copy(k + KEY_ADDR_B_OFF, dst, 16);
    store<u16>(k + KEY_PORT_A_OFF, <u16>sp);
    store<u16>(k + KEY_PORT_B_OFF, <u16>dp);
  }
  store<u16>(k + KEY_VLAN_OFF, <u16>vlan);
  store<u8>(k + KEY_PROTO_OFF, <u8>proto);
  store<u8>(k + KEY_ICMP_CLASS_OFF, <u8>cls);
}

/**
 * Build the key of a tunnelled packet's OUTER conversation (the outermost IP header and what
 * follows it: the UDP of VXLAN/Geneve/MPLS-over-UDP, GRE, IP-in-IP), as Suricata tracks the tunnel
 * itself as a flow besides the inner one. Returns false for a packet that is not tunnelled.
 * `pkt` is the packet's first byte (layer offsets are relative to it).
 */
export function buildOuterKey(pkt: usize): bool {
  if (tunnelDepth == 0 || pkt == 0) return false;
  let ipIdx: i32 = -1;
  let vlan: u32 = 0;
  for (let i: u32 = 0; i < layerCount; i++) {
    const l = layersPtr + <usize>(i * LAYER_SIZE);
    const proto = load<u8>(l + LAYER_PROTO_OFF);
    if ((load<u8>(l + LAYER_FLAGS_OFF) & LAYER_QUOTED) != 0) continue;
    if (proto == PROTO_VLAN || proto == PROTO_QINQ)
      vlan = be16(pkt + <usize>load<u32>(l + LAYER_OFF_OFF)) & 0xfff;
    if (proto == PROTO_IPV4 || proto == PROTO_IPV6) {
      ipIdx = <i32>i;
      break;
    }
  }
  if (ipIdx < 0) return false;
  const ipl = layersPtr + <usize>(<u32>ipIdx * LAYER_SIZE);
  const off = load<u32>(ipl + LAYER_OFF_OFF);
  if (off == ipOff) return false; // the outermost IP is the innermost: no tunnel above IP
  const v4 = load<u8>(ipl + LAYER_PROTO_OFF) == PROTO_IPV4;
  const ip = pkt + <usize>off;
  if (v4) {
    memory.fill(outerSrcPtr, 0, 10);
    store<u16>(outerSrcPtr + 10, 0xffff);
    memory.copy(outerSrcPtr + 12, ip + 12, 4);
    memory.fill(outerDstPtr, 0, 10);
    store<u16>(outerDstPtr + 10, 0xffff);
    memory.copy(outerDstPtr + 12, ip + 16, 4);
  } else {
    memory.copy(outerSrcPtr, ip + 8, 16);
    memory.copy(outerDstPtr, ip + 24, 16);
  }
  let proto: u32 = v4 ? <u32>load<u8>(ip + 9) : <u32>load<u8>(ip + 6);
  let sp: u32 = 0;
  let dp: u32 = 0;
  for (let i = <u32>ipIdx + 1; i < layerCount; i++) {
    const l = layersPtr + <usize>(i * LAYER_SIZE);
    const lp = load<u8>(l + LAYER_PROTO_OFF);
    if (
      lp == PROTO_IPV6_HOPOPTS ||
      lp == PROTO_IPV6_ROUTING ||
      lp == PROTO_IPV6_DSTOPTS ||
      lp == PROTO_IPV6_FRAGMENT
    ) {
      continue;
    }
    const lo = pkt + <usize>load<u32>(l + LAYER_OFF_OFF);
    if (lp == PROTO_UDP || lp == PROTO_TCP || lp == PROTO_SCTP) {
      proto = lp == PROTO_UDP ? IPPROTO_UDP : lp == PROTO_TCP ? IPPROTO_TCP : IPPROTO_SCTP;
      sp = be16(lo);
      dp = be16(lo + 2);
    } else if (lp == PROTO_GRE) proto = 47;
    else if (lp == PROTO_IPV4) proto = 4;
    else if (lp == PROTO_IPV6) proto = 41;
    break;
  }
  keyIpVersion = v4 ? 4 : 6;
  fillKey(outerSrcPtr, outerDstPtr, sp, dp, proto, 0, vlan);
  return true;
}
