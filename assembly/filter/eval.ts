// Evaluate the loaded filter program (filter/program.ts) on one record's raw bytes, the way the
// classic BPF code libpcap 1.10 generates for the same expression evaluates it on a savefile:
//  - tests read the OUTERMOST headers at offsets fixed by the link type (tunnels are not entered;
//    `ip` on an 802.1Q frame is false unless the expression says `vlan` first);
//  - no header is validated beyond what libpcap checks (an IPv4 header length below 20 is used as
//    is, an IPv6 port test looks only at the fixed header's next-header field);
//  - a load beyond the captured bytes rejects the packet (BPF returns 0), even under `not`.
// Link types follow libpcap's gen_linktype/off_linkpl: Ethernet, Linux SLL v1/v2, PPP, BSD
// loopback (NULL, LOOP), raw IP (RAW, IPV4, IPV6). Any other link type matches only `less`,
// `greater` and expressions that need no header.

import {
  DIR_DST,
  DIR_SRC,
  DIR_SRC_AND_DST,
  filterPtr,
  filterWords,
  HOST_KIND_ARP,
  HOST_KIND_IP,
  OP_HOST4,
  OP_HOST6,
  OP_IPPROTO4,
  OP_IPPROTO6,
  OP_JF,
  OP_JT,
  OP_LEN_GE,
  OP_LEN_LE,
  OP_LINKPROTO,
  OP_NOT,
  OP_PORT4,
  OP_PORT6,
  OP_TRUE,
  OP_VLAN,
  PROTO_BIT_SCTP,
  PROTO_BIT_TCP,
  PROTO_BIT_UDP,
  VLAN_ANY,
  operandWords,
} from './program';
import { pcapSwapped } from '../frame/pcap';
import { pcapngSwapped } from '../frame/pcapng';
import { currentFormat, FORMAT_PCAP, FORMAT_PCAPNG } from '../frame/stream';

const ETHERTYPE_IP: u32 = 0x0800;
const ETHERTYPE_IPV6: u32 = 0x86dd;
const ETHERTYPE_ARP: u32 = 0x0806;
const ETHERTYPE_RARP: u32 = 0x8035;
const IPPROTO_FRAGMENT: u32 = 44;

// link kinds: where the link-layer type is and how it is compared
const LINK_NONE: u32 = 0;
const LINK_ETHER: u32 = 1; // ethertype u16 at 12 (+ vlan shift), network layer at 14
const LINK_SLL: u32 = 2; // protocol u16 at 14, network layer at 16
const LINK_SLL2: u32 = 3; // protocol u16 at 0, network layer at 20
const LINK_PPP: u32 = 4; // PPP protocol u16 at 2 (0x21 IPv4, 0x57 IPv6), network layer at 4
const LINK_NULL: u32 = 5; // address family u32 in the capturing host's order, network layer at 4
const LINK_LOOP: u32 = 6; // address family u32 big-endian, network layer at 4
const LINK_RAW: u32 = 7; // IP version nibble at 0
const LINK_IPV4: u32 = 8; // always IPv4
const LINK_IPV6: u32 = 9; // always IPv6

// per-packet state
let pkt: usize = 0;
let capLen: u32 = 0;
let linkKind: u32 = LINK_NONE;
/** Set by a load beyond the captured bytes: the packet is rejected. */
let oob: bool = false;

function linkKindOf(linkType: u32): u32 {
  switch (linkType) {
    case 1:
      return LINK_ETHER;
    case 113:
      return LINK_SLL;
    case 276:
      return LINK_SLL2;
    case 9:
    case 50:
      return LINK_PPP;
    case 0:
      return LINK_NULL;
    case 108:
      return LINK_LOOP;
    case 12:
    case 14:
    case 101:
      return LINK_RAW;
    case 228:
      return LINK_IPV4;
    case 229:
      return LINK_IPV6;
    default:
      return LINK_NONE;
  }
}

function ld8(off: u32): u32 {
  if (off >= capLen) {
    oob = true;
    return 0;
  }
  return <u32>load<u8>(pkt + off);
}

function ld16(off: u32): u32 {
  if (off + 2 > capLen) {
    oob = true;
    return 0;
  }
  return <u32>bswap<u16>(load<u16>(pkt + off));
}

function ld32(off: u32): u32 {
  if (off + 4 > capLen) {
    oob = true;
    return 0;
  }
  return bswap<u32>(load<u32>(pkt + off));
}

/** Offset of the network layer (libpcap off_linkpl + off_nl), after `shift` bytes of VLAN tags. */
function netOff(shift: u32): u32 {
  switch (linkKind) {
    case LINK_ETHER:
      return 14 + shift;
    case LINK_SLL:
      return 16;
    case LINK_SLL2:
      return 20;
    case LINK_PPP:
    case LINK_NULL:
    case LINK_LOOP:
      return 4;
    default:
      return 0;
  }
}

/** The current input file is big-endian (pcap or pcapng section); live batches are little-endian. */
function inputBigEndian(): bool {
  const f = currentFormat();
  if (f == FORMAT_PCAP) return pcapSwapped();
  if (f == FORMAT_PCAPNG) return pcapngSwapped();
  return false;
}

function isInet6Family(af: u32): bool {
  // BSD AF_INET6 values libpcap accepts: NetBSD/OpenBSD 24, FreeBSD 28, Darwin 30
  return af == 24 || af == 28 || af == 30;
}

/** libpcap gen_linktype(ethertype) for the packet's link type. */
function linkProtoIs(ethertype: u32, shift: u32): bool {
  switch (linkKind) {
    case LINK_ETHER:
      return ld16(12 + shift) == ethertype;
    case LINK_SLL:
      return ld16(14) == ethertype;
    case LINK_SLL2:
      return ld16(0) == ethertype;
    case LINK_PPP: {
      const v = ld16(2);
      if (ethertype == ETHERTYPE_IP) return v == 0x21;
      if (ethertype == ETHERTYPE_IPV6) return v == 0x57;
      return v == ethertype;
    }
    case LINK_NULL:
    case LINK_LOOP: {
      if (ethertype != ETHERTYPE_IP && ethertype != ETHERTYPE_IPV6) return false;
      const be = ld32(0);
      // NULL: the family is in the capturing host's byte order, which is the file's byte order
      // (libpcap swaps it to host order with the headers); live batches are in this host's order
      const af = linkKind == LINK_NULL && !inputBigEndian() ? bswap<u32>(be) : be;
      return ethertype == ETHERTYPE_IP ? af == 2 : isInet6Family(af);
    }
    case LINK_RAW: {
      if (ethertype != ETHERTYPE_IP && ethertype != ETHERTYPE_IPV6) return false;
      const v = ld8(0) & 0xf0;
      return ethertype == ETHERTYPE_IP ? v == 0x40 : v == 0x60;
    }
    case LINK_IPV4:
      return ethertype == ETHERTYPE_IP;
    case LINK_IPV6:
      return ethertype == ETHERTYPE_IPV6;
    default:
      return false;
  }
}

function ipProto4(shift: u32, proto: u32): bool {
  if (!linkProtoIs(ETHERTYPE_IP, shift)) return false;
  return ld8(netOff(shift) + 9) == proto;
}

function ipProto6(shift: u32, proto: u32): bool {
  if (!linkProtoIs(ETHERTYPE_IPV6, shift)) return false;
  const nl = netOff(shift);
  const nxt = ld8(nl + 6);
  if (nxt == proto) return true;
  // libpcap also looks behind one fragment header
  return nxt == IPPROTO_FRAGMENT && ld8(nl + 40) == proto;
}

function dirMatch4(dir: u32, srcOff: u32, dstOff: u32, addr: u32, mask: u32): bool {
  if (dir == DIR_SRC) return (ld32(srcOff) & mask) == addr;
  if (dir == DIR_DST) return (ld32(dstOff) & mask) == addr;
  const s = (ld32(srcOff) & mask) == addr;
  if (dir == DIR_SRC_AND_DST) return s && (ld32(dstOff) & mask) == addr;
  return s || (ld32(dstOff) & mask) == addr;
}

function host4(shift: u32, kind: u32, dir: u32, addr: u32, mask: u32): bool {
  if (kind == HOST_KIND_IP) {
    if (!linkProtoIs(ETHERTYPE_IP, shift)) return false;
    const nl = netOff(shift);
    return dirMatch4(dir, nl + 12, nl + 16, addr, mask);
  }
  if (!linkProtoIs(kind == HOST_KIND_ARP ? ETHERTYPE_ARP : ETHERTYPE_RARP, shift)) return false;
  const nl = netOff(shift);
  return dirMatch4(dir, nl + 14, nl + 24, addr, mask);
}

/** 128-bit compare word by word (words whose mask is 0 are not loaded, as libpcap optimises them away). */
function addr6At(off: u32, ops: usize): bool {
  for (let i: u32 = 0; i < 4; i++) {
    const mask = load<u32>(ops + 16 + ((<usize>i) << 2));
    if (mask == 0) continue;
    if ((ld32(off + (i << 2)) & mask) != load<u32>(ops + ((<usize>i) << 2))) return false;
  }
  return true;
}

function host6(shift: u32, dir: u32, ops: usize): bool {
  if (!linkProtoIs(ETHERTYPE_IPV6, shift)) return false;
  const nl = netOff(shift);
  if (dir == DIR_SRC) return addr6At(nl + 8, ops);
  if (dir == DIR_DST) return addr6At(nl + 24, ops);
  const s = addr6At(nl + 8, ops);
  if (dir == DIR_SRC_AND_DST) return s && addr6At(nl + 24, ops);
  return s || addr6At(nl + 24, ops);
}

function protoInMask(p: u32, protos: u32): bool {
  return (
    ((protos & PROTO_BIT_TCP) != 0 && p == 6) ||
    ((protos & PROTO_BIT_UDP) != 0 && p == 17) ||
    ((protos & PROTO_BIT_SCTP) != 0 && p == 132)
  );
}

function portsAt(srcOff: u32, dir: u32, lo: u32, hi: u32): bool {
  if (dir == DIR_SRC) return inRange(ld16(srcOff), lo, hi);
  if (dir == DIR_DST) return inRange(ld16(srcOff + 2), lo, hi);
  const s = inRange(ld16(srcOff), lo, hi);
  if (dir == DIR_SRC_AND_DST) return s && inRange(ld16(srcOff + 2), lo, hi);
  return s || inRange(ld16(srcOff + 2), lo, hi);
}

function inRange(v: u32, lo: u32, hi: u32): bool {
  return v >= lo && v <= hi;
}

function port4(shift: u32, protos: u32, dir: u32, lo: u32, hi: u32): bool {
  if (!linkProtoIs(ETHERTYPE_IP, shift)) return false;
  const nl = netOff(shift);
  if (!protoInMask(ld8(nl + 9), protos)) return false;
  if ((ld16(nl + 6) & 0x1fff) != 0) return false; // not the first fragment: no ports
  const x = (ld8(nl) & 0xf) << 2;
  return portsAt(nl + x, dir, lo, hi);
}

function port6(shift: u32, protos: u32, dir: u32, lo: u32, hi: u32): bool {
  if (!linkProtoIs(ETHERTYPE_IPV6, shift)) return false;
  const nl = netOff(shift);
  if (!protoInMask(ld8(nl + 6), protos)) return false;
  return portsAt(nl + 40, dir, lo, hi);
}

function vlan(shift: u32, id: u32): bool {
  if (linkKind != LINK_ETHER) return false;
  const tpid = ld16(12 + shift);
  if (tpid != 0x8100 && tpid != 0x88a8 && tpid != 0x9100) return false;
  return id == VLAN_ANY || (ld16(14 + shift) & 0xfff) == id;
}

/** True when no filter is loaded or the record at `ptr` matches it. */
export function matchFilter(ptr: usize, len: u32, origLen: u32, linkType: u32): bool {
  const words = filterWords;
  if (words == 0) return true;
  pkt = ptr;
  capLen = len;
  linkKind = linkKindOf(linkType);
  oob = false;
  const code = filterPtr + 8;
  let acc = false;
  let pc: u32 = 0;
  while (pc < words) {
    const at = code + ((<usize>pc) << 2);
    const op = load<u32>(at);
    const a = load<u32>(at + 4);
    const b = load<u32>(at + 8);
    switch (op) {
      case OP_TRUE:
        acc = true;
        break;
      case OP_LINKPROTO:
        acc = linkProtoIs(b, a);
        break;
      case OP_IPPROTO4:
        acc = ipProto4(a, b);
        break;
      case OP_IPPROTO6:
        acc = ipProto6(a, b);
        break;
      case OP_HOST4:
        acc = host4(a, b, load<u32>(at + 12), load<u32>(at + 16), load<u32>(at + 20));
        break;
      case OP_HOST6:
        acc = host6(a, b, at + 12);
        break;
      case OP_PORT4:
        acc = port4(a, b, load<u32>(at + 12), load<u32>(at + 16), load<u32>(at + 20));
        break;
      case OP_PORT6:
        acc = port6(a, b, load<u32>(at + 12), load<u32>(at + 16), load<u32>(at + 20));
        break;
      case OP_VLAN:
        acc = vlan(a, b);
        break;
      case OP_LEN_LE:
        acc = origLen <= a;
        break;
      case OP_LEN_GE:
        acc = origLen >= a;
        break;
      case OP_NOT:
        acc = !acc;
        break;
      case OP_JT:
        if (acc) {
          pc = a;
          continue;
        }
        break;
      case OP_JF:
        if (!acc) {
          pc = a;
          continue;
        }
        break;
      default:
        return false; // loadFilter validated every opcode
    }
    if (oob) return false;
    pc += 1 + operandWords(op);
  }
  return acc;
}
