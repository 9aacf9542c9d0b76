// The decoder graph: which decoder handles a next-protocol key. Decoders return keys and never
// name their successors (Zeek's packet-analysis dispatch); every edge of the graph is here.
// The walk is bounded by MAX_LAYERS (each decoder pushes at least one layer or stops) and by
// MAX_TUNNEL_DEPTH for encapsulations.

import { ANOM_DECODE_TOO_DEEP, ANOM_FRAME_UNSUPPORTED_LINKTYPE, ANOM_TUNNEL_TOO_DEEP } from '../abi/anomalies';
import { decodeArp } from './arp';
import { decodeAvsp } from './avsp';
import { decodeCmd, decodeCmdInGre } from './cmd';
import { decodeErspanI, decodeErspanII, decodeErspanIII } from './erspan';
import { decodeEsp } from './esp';
import { decodeGeneve, GENEVE_PORT } from './geneve';
import { decodeNsh } from './nsh';
import { decodeGre, greSeqPresent } from './gre';
import { decodeIgmp } from './igmp';
import { decodeL2tp, L2TP_PORT } from './l2tp';
import { decodeMpls } from './mpls';
import { decodePpp } from './ppp';
import { decodePppoeDiscovery, decodePppoeSession } from './pppoe';
import { decodeSctp } from './sctp';
import { decodeVxlan, VXLAN_PORT } from './vxlan';
import { LAYER_QUOTED, LAYER_TUNNELED, PROTO_DATA, PROTO_GRE } from '../abi/protocols';
import { MAX_LAYERS } from '../abi/layout';
import { decodeEthernet } from './ethernet';
import { decodeIcmp } from './icmp';
import { decodeIcmpv6 } from './icmpv6';
import { decodeIpv4 } from './ipv4';
import { decodeIpv6 } from './ipv6';
import { decodeAh, decodeIpv6DstOpts, decodeIpv6Fragment, decodeIpv6HopOpts, decodeIpv6Routing } from './ipv6-ext';
import {
  KEY_DATA,
  KEY_ETHERNET,
  KEY_ICMP_QUOTE,
  KEY_IP_BY_VERSION,
  KEY_MPLS,
  KEY_PPP,
  KEY_STOP,
  KEY_TCP_PAYLOAD,
  KEY_UDP_PAYLOAD,
  NS_ETHERTYPE,
  NS_IPPROTO,
  NS_LINKTYPE,
  NS_PPP,
  linkTypeKey,
} from './keys';
import { decodeLoop, decodeNull } from './null';
import {
  enterTunnel,
  layerCount,
  layerFlags,
  lastLayerProto,
  nextEnd,
  nextOff,
  pushLayer,
  resetPacket,
  setLayerFlags,
  setNext,
  stop,
  tunnelDepth,
} from './packet';
import { decodeIpByVersion } from './raw';
import { decodeSll } from './sll';
import { decodeSll2 } from './sll2';
import { decodeTcp } from './tcp';
import { decodeUdp, udpDstPort, udpSrcPort } from './udp';
import { decodeQinq, decodeVlan, resetVlan } from './vlan';

export const MAX_TUNNEL_DEPTH: u32 = 4;
/** MPLS-over-UDP (RFC 7510). VXLAN_PORT and GENEVE_PORT live with their decoders. */
export const MPLS_UDP_PORT: u32 = 6635;

// pcap LINKTYPE_* values (https://www.tcpdump.org/linktypes.html)
export const LINKTYPE_NULL: u32 = 0;
export const LINKTYPE_ETHERNET: u32 = 1;
export const LINKTYPE_PPP: u32 = 9;
export const LINKTYPE_RAW_OLD_12: u32 = 12;
export const LINKTYPE_RAW_OLD_14: u32 = 14;
export const LINKTYPE_PPP_HDLC: u32 = 50;
export const LINKTYPE_RAW: u32 = 101;
export const LINKTYPE_LOOP: u32 = 108;
export const LINKTYPE_LINUX_SLL: u32 = 113;
export const LINKTYPE_IPV4: u32 = 228;
export const LINKTYPE_IPV6: u32 = 229;
export const LINKTYPE_LINUX_SLL2: u32 = 276;

function decodeLinkType(value: u32, pkt: usize, off: u32, end: u32): u32 {
  switch (value) {
    case LINKTYPE_ETHERNET:
      return decodeEthernet(pkt, off, end);
    case LINKTYPE_RAW:
    case LINKTYPE_RAW_OLD_12:
    case LINKTYPE_RAW_OLD_14:
      return decodeIpByVersion(pkt, off, end);
    case LINKTYPE_IPV4:
      return decodeIpv4(pkt, off, end);
    case LINKTYPE_IPV6:
      return decodeIpv6(pkt, off, end);
    case LINKTYPE_LINUX_SLL:
      return decodeSll(pkt, off, end);
    case LINKTYPE_LINUX_SLL2:
      return decodeSll2(pkt, off, end);
    case LINKTYPE_NULL:
      return decodeNull(pkt, off, end);
    case LINKTYPE_LOOP:
      return decodeLoop(pkt, off, end);
    case LINKTYPE_PPP:
    case LINKTYPE_PPP_HDLC:
      return decodePpp(pkt, off, end);
    default:
      return stop(ANOM_FRAME_UNSUPPORTED_LINKTYPE);
  }
}

function decodeEthertype(value: u32, pkt: usize, off: u32, end: u32): u32 {
  switch (value) {
    case 0x0800:
      return decodeIpv4(pkt, off, end);
    case 0x86dd:
      return decodeIpv6(pkt, off, end);
    case 0x8100:
    case 0x9100: // legacy QinQ outer tag: tshark dissects it as 802.1Q (its vlan.id counts)
      return decodeVlan(pkt, off, end);
    case 0x88a8:
      return decodeQinq(pkt, off, end);
    case 0x0806:
      return decodeArp(pkt, off, end);
    case 0x8847:
    case 0x8848:
      return decodeMpls(pkt, off, end);
    case 0x8863:
      return decodePppoeDiscovery(pkt, off, end);
    case 0x8864:
      return decodePppoeSession(pkt, off, end);
    case 0x880b: // PPP (PPTP's enhanced GRE)
      return decodePpp(pkt, off, end);
    case 0x6558: // transparent Ethernet bridging (GRE, Geneve)
      return decodeEthernet(pkt, off, end);
    case 0x88be: // ERSPAN type II, or type I when GRE carries no sequence number
      return greSeqPresent ? decodeErspanII(pkt, off, end) : decodeErspanI(pkt, off, end);
    case 0x22eb:
      return decodeErspanIII(pkt, off, end);
    case 0xd28b:
      return decodeAvsp(pkt, off, end);
    case 0x894f:
      return decodeNsh(pkt, off, end);
    case 0x8909: // Cisco MetaData: GRE puts the inner ethertype first
      return lastLayerProto() == PROTO_GRE ? decodeCmdInGre(pkt, off, end) : decodeCmd(pkt, off, end);
    default:
      return KEY_DATA;
  }
}

function decodeIpProto(value: u32, pkt: usize, off: u32, end: u32): u32 {
  switch (value) {
    case 6:
      return decodeTcp(pkt, off, end);
    case 17:
      return decodeUdp(pkt, off, end);
    case 1:
      return decodeIcmp(pkt, off, end);
    case 58:
      return decodeIcmpv6(pkt, off, end);
    case 2:
      return decodeIgmp(pkt, off, end);
    case 50:
      return decodeEsp(pkt, off, end);
    case 132:
      return decodeSctp(pkt, off, end);
    case 47:
      return tunnel(decodeGre(pkt, off, end));
    case 0:
      return decodeIpv6HopOpts(pkt, off, end);
    case 43:
      return decodeIpv6Routing(pkt, off, end);
    case 44:
      return decodeIpv6Fragment(pkt, off, end);
    case 60:
      return decodeIpv6DstOpts(pkt, off, end);
    case 51:
      return decodeAh(pkt, off, end);
    case 4: // IPv4-in-IP (RFC 2003)
    case 41: // IPv6-in-IP (RFC 4213)
      return enterTunnelKey(pkt, off, end);
    default:
      return KEY_DATA;
  }
}

/**
 * A tunnel header was decoded and returned `key` for what it encapsulates: count the depth
 * (capped at MAX_TUNNEL_DEPTH) and flag every later layer LAYER_TUNNELED.
 */
function tunnel(key: u32): u32 {
  if (key == KEY_STOP) return KEY_STOP;
  if (tunnelDepth >= MAX_TUNNEL_DEPTH) return stop(ANOM_TUNNEL_TOO_DEEP);
  enterTunnel();
  setLayerFlags(layerFlags | LAYER_TUNNELED);
  return key;
}

/** IP-in-IP (RFC 2003) and IPv6-in-IP (RFC 4213): no header of its own, the payload is IP. */
function enterTunnelKey(_pkt: usize, off: u32, end: u32): u32 {
  setNext(off, end);
  return tunnel(KEY_IP_BY_VERSION);
}

/** tshark's rule for port-registered UDP payloads: the lower port is tried first. */
function decodeUdpPayload(pkt: usize, off: u32, end: u32): u32 {
  const lo = min(udpSrcPort, udpDstPort);
  const hi = max(udpSrcPort, udpDstPort);
  const key = udpPortKey(lo, pkt, off, end);
  if (key != KEY_DATA) return key;
  return lo == hi ? KEY_DATA : udpPortKey(hi, pkt, off, end);
}

function udpPortKey(port: u32, pkt: usize, off: u32, end: u32): u32 {
  if (port == VXLAN_PORT) return tunnel(decodeVxlan(pkt, off, end));
  if (port == GENEVE_PORT) return tunnel(decodeGeneve(pkt, off, end));
  if (port == MPLS_UDP_PORT) return tunnel(decodeMpls(pkt, off, end));
  if (port == L2TP_PORT) return tunnel(decodeL2tp(pkt, off, end));
  return KEY_DATA;
}

function decodePppProto(value: u32, pkt: usize, off: u32, end: u32): u32 {
  switch (value) {
    case 0x0021:
      return decodeIpv4(pkt, off, end);
    case 0x0057:
      return decodeIpv6(pkt, off, end);
    case 0x0281:
    case 0x0283:
      return decodeMpls(pkt, off, end);
    default:
      return KEY_DATA; // LCP, IPCP, CHAP, ... are not decoded
  }
}

function decodeInternal(key: u32, pkt: usize, off: u32, end: u32): u32 {
  switch (key) {
    case KEY_IP_BY_VERSION:
      return decodeIpByVersion(pkt, off, end);
    case KEY_ICMP_QUOTE:
      setLayerFlags(layerFlags | LAYER_QUOTED);
      return decodeIpByVersion(pkt, off, end);
    case KEY_ETHERNET:
      return decodeEthernet(pkt, off, end);
    case KEY_UDP_PAYLOAD:
      return decodeUdpPayload(pkt, off, end);
    case KEY_MPLS:
      return decodeMpls(pkt, off, end);
    case KEY_PPP:
      return decodePpp(pkt, off, end);
    case KEY_TCP_PAYLOAD:
      return KEY_DATA;
    default:
      return KEY_DATA;
  }
}

/**
 * Decode one packet of `capLen` captured bytes at `pkt`. Fills decode/packet.ts; counts
 * anomalies. Never reads outside [pkt, pkt + capLen).
 */
export function decodePacket(pkt: usize, capLen: u32, linkType: u32): void {
  resetPacket();
  resetVlan();
  let key = linkTypeKey(linkType);
  let off: u32 = 0;
  let end: u32 = capLen;
  // each step pushes a layer or stops; the bound is a belt for the braces
  for (let steps: u32 = 0; steps <= MAX_LAYERS; steps++) {
    const ns = key & 0xffff0000;
    const value = key & 0xffff;
    if (ns == NS_LINKTYPE) key = decodeLinkType(value, pkt, off, end);
    else if (ns == NS_ETHERTYPE) key = decodeEthertype(value, pkt, off, end);
    else if (ns == NS_IPPROTO) key = decodeIpProto(value, pkt, off, end);
    else if (ns == NS_PPP) key = decodePppProto(value, pkt, off, end);
    else if (key == KEY_DATA) {
      if (end > off && layerCount < MAX_LAYERS) pushLayer(PROTO_DATA, off, 0, end - off);
      return;
    } else key = decodeInternal(key, pkt, off, end);
    if (key == KEY_STOP) return;
    off = nextOff;
    end = nextEnd;
    if (off > end) return;
  }
  stop(ANOM_DECODE_TOO_DEEP);
}
