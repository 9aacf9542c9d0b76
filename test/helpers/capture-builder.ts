/**
 * Builders for small capture files in every framing the engine reads: classic pcap (µs or ns,
 * either byte order, Kuznetsov's extended header) and pcapng (sections in either byte order,
 * several interfaces with their own link type and if_tsresol, EPB/SPB/PB and arbitrary blocks).
 * Tests state the exact bytes they feed the engine; nothing here knows the engine.
 */

export interface PcapRecord {
  tsNs: bigint;
  data: Uint8Array;
  origLen?: number;
}

export interface PcapOptions {
  bigEndian?: boolean;
  nanos?: boolean;
  linkType?: number;
  snaplen?: number;
  versionMajor?: number;
}

function u16(v: number, be: boolean): Buffer {
  const b = Buffer.alloc(2);
  if (be) b.writeUInt16BE(v);
  else b.writeUInt16LE(v);
  return b;
}

function u32(v: number, be: boolean): Buffer {
  const b = Buffer.alloc(4);
  if (be) b.writeUInt32BE(v >>> 0);
  else b.writeUInt32LE(v >>> 0);
  return b;
}

export function pcapFile(records: readonly PcapRecord[], o: PcapOptions = {}): Buffer {
  const be = o.bigEndian ?? false;
  const magic = o.nanos ? 0xa1b23c4d : 0xa1b2c3d4;
  const parts: Buffer[] = [
    u32(magic, be),
    u16(o.versionMajor ?? 2, be),
    u16(4, be),
    u32(0, be),
    u32(0, be),
    u32(o.snaplen ?? 262144, be),
    u32(o.linkType ?? 1, be),
  ];
  for (const r of records) {
    const sec = Number(r.tsNs / 1_000_000_000n);
    const frac = Number(o.nanos ? r.tsNs % 1_000_000_000n : (r.tsNs % 1_000_000_000n) / 1000n);
    parts.push(u32(sec, be), u32(frac, be), u32(r.data.length, be), u32(r.origLen ?? r.data.length, be));
    parts.push(Buffer.from(r.data));
  }
  return Buffer.concat(parts);
}

// ---- pcapng ----

function pad4(b: Buffer): Buffer {
  const p = (4 - (b.length % 4)) % 4;
  return p ? Buffer.concat([b, Buffer.alloc(p)]) : b;
}

export function block(type: number, body: Buffer, be = false): Buffer {
  const padded = pad4(body);
  const total = 12 + padded.length;
  return Buffer.concat([u32(type, be), u32(total, be), padded, u32(total, be)]);
}

function option(code: number, value: Buffer, be: boolean): Buffer {
  return Buffer.concat([u16(code, be), u16(value.length, be), pad4(value)]);
}

export function shb(be = false, major = 1): Buffer {
  const body = Buffer.concat([u32(0x1a2b3c4d, be), u16(major, be), u16(0, be), Buffer.alloc(8, 0xff)]);
  return block(0x0a0d0d0a, body, be);
}

/** Interface Description Block; tsresol is the raw if_tsresol byte (6 = µs, 9 = ns, 0x80|k = 2^-k). */
export function idb(
  linkType: number,
  opts: { be?: boolean; tsresol?: number; snaplen?: number; tsoffset?: bigint } = {},
): Buffer {
  const be = opts.be ?? false;
  const parts = [u16(linkType, be), u16(0, be), u32(opts.snaplen ?? 0, be)];
  if (opts.tsresol !== undefined) parts.push(option(9, Buffer.from([opts.tsresol]), be));
  if (opts.tsoffset !== undefined) {
    const v = Buffer.alloc(8);
    if (be) v.writeBigUInt64BE(opts.tsoffset);
    else v.writeBigUInt64LE(opts.tsoffset);
    parts.push(option(14, v, be));
  }
  if (parts.length > 3) parts.push(u32(0, be)); // opt_endofopt
  return block(1, Buffer.concat(parts), be);
}

/** Enhanced Packet Block with a raw timestamp in interface units. */
export function epb(
  iface: number,
  tsUnits: bigint,
  data: Uint8Array,
  opts: { be?: boolean; origLen?: number } = {},
): Buffer {
  const be = opts.be ?? false;
  const hi = Number(tsUnits >> 32n);
  const lo = Number(tsUnits & 0xffffffffn);
  return block(
    6,
    Buffer.concat([
      u32(iface, be),
      u32(hi, be),
      u32(lo, be),
      u32(data.length, be),
      u32(opts.origLen ?? data.length, be),
      Buffer.from(data),
    ]),
    be,
  );
}

export function spb(data: Uint8Array, be = false): Buffer {
  return block(3, Buffer.concat([u32(data.length, be), Buffer.from(data)]), be);
}

/** Obsolete Packet Block (type 2). */
export function pb(iface: number, tsUnits: bigint, data: Uint8Array, be = false): Buffer {
  const hi = Number(tsUnits >> 32n);
  const lo = Number(tsUnits & 0xffffffffn);
  return block(
    2,
    Buffer.concat([
      u16(iface, be),
      u16(0, be),
      u32(hi, be),
      u32(lo, be),
      u32(data.length, be),
      u32(data.length, be),
      Buffer.from(data),
    ]),
    be,
  );
}

// ---- packets ----

function checksum(b: Buffer): number {
  let s = 0;
  for (let i = 0; i + 1 < b.length; i += 2) s += b.readUInt16BE(i);
  if (b.length % 2) s += (b[b.length - 1] ?? 0) << 8;
  while (s >> 16) s = (s & 0xffff) + (s >> 16);
  return ~s & 0xffff;
}

/**
 * An IPv4 header (no options, TTL 64) around a transport segment `l4` of protocol `proto`, with
 * the header checksum and the transport checksum (at `l4[csumOff]`, over the pseudo-header) set.
 * `zeroAs` is what a computed 0 is sent as (UDP: 0xffff, RFC 768). `csumOff` -1: `l4` carries its
 * own checksum already.
 */
function ipv4Around(
  src: string,
  dst: string,
  proto: number,
  l4: Buffer,
  csumOff: number,
  zeroAs = 0,
): Buffer {
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(20 + l4.length, 2);
  ip.writeUInt16BE(0x1234, 4);
  ip[8] = 64;
  ip[9] = proto;
  Buffer.from(src.split('.').map(Number)).copy(ip, 12);
  Buffer.from(dst.split('.').map(Number)).copy(ip, 16);
  ip.writeUInt16BE(checksum(ip), 10);
  if (csumOff >= 0) {
    const pseudo = Buffer.concat([ip.subarray(12, 20), Buffer.from([0, proto]), u16(l4.length, true), l4]);
    l4.writeUInt16BE(checksum(pseudo) || zeroAs, csumOff);
  }
  return Buffer.concat([ip, l4]);
}

/** An IPv4/ICMP message (`type`, `code`, then `rest`: the bytes after the checksum), checksummed. */
export function ipv4Icmp(src: string, dst: string, type: number, code: number, rest: Uint8Array): Buffer {
  const icmp = Buffer.alloc(4 + rest.length);
  icmp[0] = type;
  icmp[1] = code;
  Buffer.from(rest).copy(icmp, 4);
  // ICMPv4 sums its own bytes only (no pseudo-header)
  icmp.writeUInt16BE(checksum(icmp), 2);
  return ipv4Around(src, dst, 1, icmp, -1);
}

/** An IPv4/UDP packet with valid checksums (no link header). */
export function ipv4Udp(src: string, dst: string, sport: number, dport: number, payload: Uint8Array): Buffer {
  const udp = Buffer.alloc(8 + payload.length);
  udp.writeUInt16BE(sport, 0);
  udp.writeUInt16BE(dport, 2);
  udp.writeUInt16BE(udp.length, 4);
  Buffer.from(payload).copy(udp, 8);
  return ipv4Around(src, dst, 17, udp, 6, 0xffff);
}

export function ethernet(payload: Uint8Array, etherType = 0x0800): Buffer {
  const h = Buffer.from('0200000000020200000000010800', 'hex');
  h.writeUInt16BE(etherType, 12);
  return Buffer.concat([h, Buffer.from(payload)]);
}

/** A valid Ethernet/IPv4/UDP frame whose payload says which packet it is. */
export function udpFrame(i: number): Buffer {
  return ethernet(ipv4Udp('10.0.0.1', '10.0.0.2', 1000 + i, 53, Buffer.from(`packet ${i}`)));
}

/** An IPv4/TCP segment with valid checksums (no link header; 20-byte TCP header, no options). */
export function ipv4Tcp(
  src: string,
  dst: string,
  sport: number,
  dport: number,
  seq: number,
  ack: number,
  flags: number,
  payload: Uint8Array,
): Buffer {
  const tcp = Buffer.alloc(20 + payload.length);
  tcp.writeUInt16BE(sport, 0);
  tcp.writeUInt16BE(dport, 2);
  tcp.writeUInt32BE(seq >>> 0, 4);
  tcp.writeUInt32BE(ack >>> 0, 8);
  tcp[12] = 5 << 4;
  tcp[13] = flags;
  tcp.writeUInt16BE(65535, 14);
  Buffer.from(payload).copy(tcp, 20);
  return ipv4Around(src, dst, 6, tcp, 16);
}
