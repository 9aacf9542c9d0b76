/**
 * Flows and packet specs, and the frame builder that turns a spec into Ethernet [+ 802.1Q] +
 * IPv4/IPv6 + TCP/UDP/ICMP/ICMPv6 bytes in place, with valid IPv4 header and L4 checksums
 * (RFC 791, 793, 768, 792, 4443; pseudo-headers per RFC 793 and RFC 8200 §8.1).
 *
 * Direction 0 is client → server, 1 is server → client. Per-direction state that depends on
 * emission order (IP ids, TCP timestamp values) is filled in when the frame is built, so
 * reordered or retransmitted specs still carry plausible values.
 */

export const PROTO_ICMP = 1;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;
export const PROTO_ICMPV6 = 58;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

const VLAN_TAG_LEN = 4;
const IPV4_HDR_LEN = 20;
const IPV6_HDR_LEN = 40;
const UDP_HDR_LEN = 8;
const ICMP_HDR_LEN = 4; // type, code, checksum; the rest travels in the payload
/** Largest frame the builder produces (1500-byte IP MTU + Ethernet + one VLAN tag). */
export const MAX_FRAME_LEN = 1518 + VLAN_TAG_LEN;

export interface Flow {
  readonly v6: boolean;
  /** 802.1Q VLAN id, 0 = untagged. */
  readonly vlan: number;
  readonly proto: number;
  readonly mac: readonly [Uint8Array, Uint8Array];
  readonly ip: readonly [Uint8Array, Uint8Array];
  readonly port: readonly [number, number];
  /** TTL / hop limit seen at the capture point, per direction. */
  readonly ttl: readonly [number, number];
  /** Next IPv4 identification, per direction. */
  readonly ipId: [number, number];
  readonly flowLabel: number;
  /** TCP: window field per direction (scaled), MSS, whether timestamps are negotiated. */
  readonly win: readonly [number, number];
  readonly mss: number;
  readonly tsOpt: boolean;
  /** TCP timestamp clock offset per direction (ms), and the last TSval each side sent. */
  readonly tsBase: readonly [number, number];
  readonly lastTsVal: [number, number];
}

/** A planted attack the spec carries part of; `onEmit` records the packet number. */
export interface Mark {
  onEmit(packetNumber: number): void;
}

export interface PacketSpec {
  readonly flow: Flow;
  readonly dir: 0 | 1;
  /** TCP flags (TCP flows only). */
  readonly flags: number;
  readonly seq: number;
  readonly ack: number;
  /** L4 payload; for ICMP everything after the checksum (rest of header + data). */
  readonly payload: Uint8Array | null;
  /** ICMP type and code (ICMP/ICMPv6 flows only). */
  readonly icmpType?: number;
  readonly icmpCode?: number;
  /** Override the TTL / hop limit of this packet (traceroute probes). */
  readonly ttl?: number;
  readonly mark?: Mark;
}

/** One's-complement sum of buf[off, off+len) as 16-bit big-endian words, added to `sum`. */
export function sum16(buf: Uint8Array, off: number, len: number, sum = 0): number {
  const end = off + len - 1;
  let i = off;
  for (; i < end; i += 2) sum += (buf[i]! << 8) | buf[i + 1]!;
  if (i === end) sum += buf[i]! << 8;
  return sum;
}

export function foldChecksum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 65536);
  return ~sum & 0xffff;
}

function put16(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 8) & 0xff;
  b[o + 1] = v & 0xff;
}

function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 24) & 0xff;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

/** TCP options: SYN gets MSS, SACK-permitted, timestamps, NOP, window scale (Linux order). */
function writeTcpOptions(b: Uint8Array, o: number, spec: PacketSpec, tsUs: number): number {
  const f = spec.flow;
  const syn = (spec.flags & TCP_SYN) !== 0;
  if (!syn && (!f.tsOpt || (spec.flags & TCP_RST) !== 0)) return 0;
  const d = spec.dir;
  const tsVal = (f.tsBase[d] + Math.floor(tsUs / 1000)) >>> 0;
  const tsEcr = (spec.flags & TCP_ACK) !== 0 ? f.lastTsVal[1 - d]! : 0;
  f.lastTsVal[d] = tsVal;
  if (syn) {
    b.set([2, 4, (f.mss >>> 8) & 0xff, f.mss & 0xff, 4, 2], o);
    if (!f.tsOpt) {
      b.set([1, 1, 1, 3, 3, 7], o + 6); // NOP NOP NOP WS(7)
      return 12;
    }
    b[o + 6] = 8;
    b[o + 7] = 10;
    put32(b, o + 8, tsVal);
    put32(b, o + 12, tsEcr);
    b.set([1, 3, 3, 7], o + 16); // NOP WS(7)
    return 20;
  }
  b[o] = 1;
  b[o + 1] = 1;
  b[o + 2] = 8;
  b[o + 3] = 10;
  put32(b, o + 4, tsVal);
  put32(b, o + 8, tsEcr);
  return 12;
}

/** Build the frame for `spec` at b[off...]; returns its length. */
export function buildFrame(b: Uint8Array, off: number, spec: PacketSpec, tsUs: number): number {
  const f = spec.flow;
  const d = spec.dir;
  const src = f.ip[d];
  const dst = f.ip[1 - d]!;
  // Ethernet (+ 802.1Q)
  b.set(f.mac[1 - d]!, off);
  b.set(f.mac[d], off + 6);
  let o = off + 12;
  if (f.vlan !== 0) {
    put16(b, o, 0x8100);
    put16(b, o + 2, f.vlan & 0x0fff);
    o += VLAN_TAG_LEN;
  }
  put16(b, o, f.v6 ? 0x86dd : 0x0800);
  o += 2;
  const ipOff = o;
  const ipHdrLen = f.v6 ? IPV6_HDR_LEN : IPV4_HDR_LEN;
  const l4 = ipOff + ipHdrLen;
  const payload = spec.payload;
  const payLen = payload ? payload.length : 0;

  // L4 header
  let l4HdrLen: number;
  let ckOff: number;
  if (f.proto === PROTO_TCP) {
    put16(b, l4, f.port[d]);
    put16(b, l4 + 2, f.port[1 - d]!);
    put32(b, l4 + 4, spec.seq);
    put32(b, l4 + 8, spec.ack);
    const optLen = writeTcpOptions(b, l4 + 20, spec, tsUs);
    l4HdrLen = 20 + optLen;
    b[l4 + 12] = (l4HdrLen / 4) << 4;
    b[l4 + 13] = spec.flags;
    put16(b, l4 + 14, spec.flags & TCP_SYN ? (d === 0 ? 64240 : 65160) : f.win[d]);
    put16(b, l4 + 16, 0);
    put16(b, l4 + 18, 0);
    ckOff = l4 + 16;
  } else if (f.proto === PROTO_UDP) {
    put16(b, l4, f.port[d]);
    put16(b, l4 + 2, f.port[1 - d]!);
    put16(b, l4 + 4, UDP_HDR_LEN + payLen);
    put16(b, l4 + 6, 0);
    l4HdrLen = UDP_HDR_LEN;
    ckOff = l4 + 6;
  } else {
    b[l4] = spec.icmpType ?? 0;
    b[l4 + 1] = spec.icmpCode ?? 0;
    put16(b, l4 + 2, 0);
    l4HdrLen = ICMP_HDR_LEN;
    ckOff = l4 + 2;
  }
  if (payload) b.set(payload, l4 + l4HdrLen);
  const l4Len = l4HdrLen + payLen;
  const ttl = spec.ttl ?? f.ttl[d]!;

  // IP header
  if (f.v6) {
    put32(b, ipOff, 0x60000000 | (f.flowLabel & 0xfffff));
    put16(b, ipOff + 4, l4Len);
    b[ipOff + 6] = f.proto;
    b[ipOff + 7] = ttl;
    b.set(src, ipOff + 8);
    b.set(dst, ipOff + 24);
  } else {
    b[ipOff] = 0x45;
    b[ipOff + 1] = 0;
    put16(b, ipOff + 2, IPV4_HDR_LEN + l4Len);
    put16(b, ipOff + 4, f.ipId[d]);
    f.ipId[d] = (f.ipId[d] + 1) & 0xffff;
    put16(b, ipOff + 6, f.proto === PROTO_TCP ? 0x4000 : 0);
    b[ipOff + 8] = ttl;
    b[ipOff + 9] = f.proto;
    put16(b, ipOff + 10, 0);
    b.set(src, ipOff + 12);
    b.set(dst, ipOff + 16);
    put16(b, ipOff + 10, foldChecksum(sum16(b, ipOff, IPV4_HDR_LEN)));
  }

  // L4 checksum (ICMPv4 has no pseudo-header)
  let sum = 0;
  if (f.proto !== PROTO_ICMP) {
    sum = sum16(src, 0, src.length, sum16(dst, 0, dst.length)) + f.proto + l4Len;
  }
  let ck = foldChecksum(sum16(b, l4, l4Len, sum));
  if (ck === 0 && f.proto === PROTO_UDP) ck = 0xffff;
  put16(b, ckOff, ck);
  return l4 + l4Len - off;
}
