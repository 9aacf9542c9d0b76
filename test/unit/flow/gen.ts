/**
 * A small packet generator for flow, reassembly and defrag tests: Ethernet + IPv4/IPv6 + TCP/UDP
 * frames with correct checksums, TCP sessions, and the evasion shapes of the issue (a pattern
 * split over N segments, sent out of order, duplicated, overlapping). Deterministic: shuffles
 * take a seed. Frames go into a pcap with test/helpers/capture-builder.ts `pcapFile`.
 */
import type { PcapRecord } from '../../helpers/capture-builder.js';

export interface Endpoint {
  ip: string;
  port: number;
}

function ipBytes(ip: string): Uint8Array {
  if (!ip.includes(':')) return Uint8Array.from(ip.split('.').map(Number));
  const [head = '', tail] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  });
  return out;
}

function checksum(...parts: Uint8Array[]): number {
  let sum = 0;
  let odd: number | undefined;
  for (const p of parts) {
    for (const byte of p) {
      if (odd === undefined) odd = byte;
      else {
        sum += (odd << 8) | byte;
        odd = undefined;
      }
    }
  }
  if (odd !== undefined) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

const ETH_SRC = [0x02, 0, 0, 0, 0, 1];
const ETH_DST = [0x02, 0, 0, 0, 0, 2];

function ether(ethType: number, payload: Uint8Array, vlan?: number): Uint8Array {
  const hdr = vlan !== undefined ? 18 : 14;
  const b = Buffer.alloc(hdr + payload.length);
  b.set(ETH_DST, 0);
  b.set(ETH_SRC, 6);
  if (vlan !== undefined) {
    b.writeUInt16BE(0x8100, 12);
    b.writeUInt16BE(vlan & 0xfff, 14);
    b.writeUInt16BE(ethType, 16);
  } else b.writeUInt16BE(ethType, 12);
  b.set(payload, hdr);
  return b;
}

export interface Ipv4Opts {
  id?: number;
  ttl?: number;
  /** Fragment offset in bytes (multiple of 8) and more-fragments flag. */
  fragOff?: number;
  more?: boolean;
}

export function ipv4(
  src: string,
  dst: string,
  proto: number,
  payload: Uint8Array,
  o: Ipv4Opts = {},
): Uint8Array {
  const b = Buffer.alloc(20 + payload.length);
  b[0] = 0x45;
  b.writeUInt16BE(20 + payload.length, 2);
  b.writeUInt16BE(o.id ?? 1, 4);
  b.writeUInt16BE(((o.more ? 1 : 0) << 13) | ((o.fragOff ?? 0) >> 3), 6);
  b[8] = o.ttl ?? 64;
  b[9] = proto;
  b.set(ipBytes(src), 12);
  b.set(ipBytes(dst), 16);
  b.writeUInt16BE(checksum(b.subarray(0, 20)), 10);
  b.set(payload, 20);
  return b;
}

export function ipv6(src: string, dst: string, next: number, payload: Uint8Array): Uint8Array {
  const b = Buffer.alloc(40 + payload.length);
  b[0] = 0x60;
  b.writeUInt16BE(payload.length, 4);
  b[6] = next;
  b[7] = 64;
  b.set(ipBytes(src), 8);
  b.set(ipBytes(dst), 24);
  b.set(payload, 40);
  return b;
}

function pseudo(src: string, dst: string, proto: number, len: number): Uint8Array {
  const s = ipBytes(src);
  const d = ipBytes(dst);
  if (s.length === 4) {
    const p = Buffer.alloc(12);
    p.set(s, 0);
    p.set(d, 4);
    p[9] = proto;
    p.writeUInt16BE(len, 10);
    return p;
  }
  const p = Buffer.alloc(40);
  p.set(s, 0);
  p.set(d, 16);
  p.writeUInt32BE(len, 32);
  p[39] = proto;
  return p;
}

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;

export interface TcpOpts {
  seq?: number;
  ack?: number;
  flags?: number;
  payload?: Uint8Array | string;
  window?: number;
}

function bytesOf(p: Uint8Array | string | undefined): Uint8Array {
  if (p === undefined) return new Uint8Array(0);
  return typeof p === 'string' ? Buffer.from(p, 'latin1') : p;
}

export function tcpSegment(src: Endpoint, dst: Endpoint, o: TcpOpts = {}): Uint8Array {
  const payload = bytesOf(o.payload);
  const b = Buffer.alloc(20 + payload.length);
  b.writeUInt16BE(src.port, 0);
  b.writeUInt16BE(dst.port, 2);
  b.writeUInt32BE((o.seq ?? 0) >>> 0, 4);
  b.writeUInt32BE((o.ack ?? 0) >>> 0, 8);
  b.writeUInt16BE((5 << 12) | (o.flags ?? ACK), 12);
  b.writeUInt16BE(o.window ?? 65535, 14);
  b.set(payload, 20);
  b.writeUInt16BE(checksum(pseudo(src.ip, dst.ip, 6, b.length), b), 16);
  return b;
}

export function udpDatagram(src: Endpoint, dst: Endpoint, payload: Uint8Array | string = ''): Uint8Array {
  const p = bytesOf(payload);
  const b = Buffer.alloc(8 + p.length);
  b.writeUInt16BE(src.port, 0);
  b.writeUInt16BE(dst.port, 2);
  b.writeUInt16BE(b.length, 4);
  b.set(p, 8);
  const c = checksum(pseudo(src.ip, dst.ip, 17, b.length), b);
  b.writeUInt16BE(c === 0 ? 0xffff : c, 6);
  return b;
}

function ipFrame(src: string, dst: string, proto: number, l4: Uint8Array, vlan?: number): Uint8Array {
  return src.includes(':')
    ? ether(0x86dd, ipv6(src, dst, proto, l4), vlan)
    : ether(0x0800, ipv4(src, dst, proto, l4), vlan);
}

export function tcpFrame(src: Endpoint, dst: Endpoint, o: TcpOpts = {}, vlan?: number): Uint8Array {
  return ipFrame(src.ip, dst.ip, 6, tcpSegment(src, dst, o), vlan);
}

export function udpFrame(
  src: Endpoint,
  dst: Endpoint,
  payload: Uint8Array | string = '',
  vlan?: number,
): Uint8Array {
  return ipFrame(src.ip, dst.ip, 17, udpDatagram(src, dst, payload), vlan);
}

export function icmpEchoFrame(src: string, dst: string, type: 8 | 0, id: number, seq: number): Uint8Array {
  const b = Buffer.alloc(8);
  b[0] = type;
  b.writeUInt16BE(id, 4);
  b.writeUInt16BE(seq, 6);
  b.writeUInt16BE(checksum(b), 2);
  return ether(0x0800, ipv4(src, dst, 1, b));
}

/** Records at 1 ms spacing from `startS` (seconds), or at the explicit times given. */
export function timed(frames: readonly Uint8Array[], startS = 1_700_000_000, stepUs = 1000): PcapRecord[] {
  return frames.map((data, i) => ({
    tsNs: BigInt(startS) * 1_000_000_000n + BigInt(i * stepUs) * 1000n,
    data,
  }));
}

/** A deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(xs: T[], seed: number): T[] {
  const r = rng(seed);
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

export interface Segment {
  /** Offset of the first byte in the stream (0 = first byte after the SYN). */
  off: number;
  data: Uint8Array;
}

/** Cut `data` at `n - 1` points into n contiguous segments (cut points chosen by the seed). */
export function splitInto(data: Uint8Array, n: number, seed: number): Segment[] {
  const r = rng(seed);
  const cuts = new Set<number>();
  while (cuts.size < Math.min(n - 1, data.length - 1)) cuts.add(1 + Math.floor(r() * (data.length - 1)));
  const pts = [0, ...[...cuts].sort((a, b) => a - b), data.length];
  const segs: Segment[] = [];
  for (let i = 0; i + 1 < pts.length; i++)
    segs.push({ off: pts[i] ?? 0, data: data.subarray(pts[i], pts[i + 1]) });
  return segs;
}

export interface SessionOpts {
  client: Endpoint;
  server: Endpoint;
  clientIsn?: number;
  serverIsn?: number;
  /** Client → server data segments (offsets relative to the first data byte). */
  toServer?: Segment[];
  toClient?: Segment[];
  /** Emit the three-way handshake (default true) and a FIN exchange (default true). */
  handshake?: boolean;
  close?: boolean;
  vlan?: number;
}

/** A TCP session: handshake, the client segments, then the server segments, then FINs. */
export function tcpSession(o: SessionOpts): Uint8Array[] {
  const c = o.client;
  const s = o.server;
  const ci = (o.clientIsn ?? 1000) >>> 0;
  const si = (o.serverIsn ?? 5000) >>> 0;
  const frames: Uint8Array[] = [];
  const cEnd = Math.max(0, ...(o.toServer ?? []).map((x) => x.off + x.data.length));
  const sEnd = Math.max(0, ...(o.toClient ?? []).map((x) => x.off + x.data.length));
  if (o.handshake !== false) {
    frames.push(tcpFrame(c, s, { seq: ci, flags: SYN }, o.vlan));
    frames.push(tcpFrame(s, c, { seq: si, ack: ci + 1, flags: SYN | ACK }, o.vlan));
    frames.push(tcpFrame(c, s, { seq: ci + 1, ack: si + 1, flags: ACK }, o.vlan));
  }
  for (const seg of o.toServer ?? []) {
    frames.push(
      tcpFrame(c, s, { seq: ci + 1 + seg.off, ack: si + 1, flags: PSH | ACK, payload: seg.data }, o.vlan),
    );
  }
  for (const seg of o.toClient ?? []) {
    frames.push(
      tcpFrame(
        s,
        c,
        { seq: si + 1 + seg.off, ack: ci + 1 + cEnd, flags: PSH | ACK, payload: seg.data },
        o.vlan,
      ),
    );
  }
  if (o.close !== false) {
    frames.push(tcpFrame(c, s, { seq: ci + 1 + cEnd, ack: si + 1 + sEnd, flags: FIN | ACK }, o.vlan));
    frames.push(tcpFrame(s, c, { seq: si + 1 + sEnd, ack: ci + 2 + cEnd, flags: FIN | ACK }, o.vlan));
    frames.push(tcpFrame(c, s, { seq: ci + 2 + cEnd, ack: si + 2 + sEnd, flags: ACK }, o.vlan));
  }
  return frames;
}

export interface Fragment {
  /** Offset of the fragment's data in the transport datagram (multiple of 8 except for the last). */
  off: number;
  data: Uint8Array;
  more: boolean;
}

/** Cut a transport datagram (header + payload) into fragments of `size` bytes (a multiple of 8). */
export function fragmentsOf(l4: Uint8Array, size: number): Fragment[] {
  const out: Fragment[] = [];
  for (let off = 0; off < l4.length; off += size) {
    out.push({ off, data: l4.subarray(off, Math.min(l4.length, off + size)), more: off + size < l4.length });
  }
  return out;
}

/** IPv4 fragment frames (Ethernet) for the given fragments of one datagram. */
export function ipv4FragmentFrames(
  src: string,
  dst: string,
  proto: number,
  id: number,
  frags: Fragment[],
): Uint8Array[] {
  return frags.map((f) => ether(0x0800, ipv4(src, dst, proto, f.data, { id, fragOff: f.off, more: f.more })));
}

/** IPv6 fragment frames: IPv6 header (next header 44) + fragment header + the fragment's data. */
export function ipv6FragmentFrames(
  src: string,
  dst: string,
  proto: number,
  id: number,
  frags: Fragment[],
): Uint8Array[] {
  return frags.map((f) => {
    const fh = Buffer.alloc(8 + f.data.length);
    fh[0] = proto;
    fh.writeUInt16BE((f.off & 0xfff8) | (f.more ? 1 : 0), 2);
    fh.writeUInt32BE(id >>> 0, 4);
    fh.set(f.data, 8);
    return ether(0x86dd, ipv6(src, dst, 44, fh));
  });
}

/** A VXLAN frame (outer Ethernet/IPv4/UDP to port 4789, VNI `vni`) carrying the inner Ethernet frame. */
export function vxlanFrame(
  outerSrc: Endpoint,
  outerDst: Endpoint,
  vni: number,
  inner: Uint8Array,
): Uint8Array {
  const vx = Buffer.alloc(8 + inner.length);
  vx[0] = 0x08;
  vx.writeUInt32BE((vni << 8) >>> 0, 4);
  vx.set(inner, 8);
  return udpFrame(outerSrc, { ip: outerDst.ip, port: outerDst.port }, vx);
}
