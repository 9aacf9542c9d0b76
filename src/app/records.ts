/**
 * App-layer event records (assembly/emit/app.ts) read into plain objects: one per HTTP
 * transaction, DNS message or TLS handshake. Records are fixed-size (APP_RECORD_SIZE, layout
 * APP_* in src/wasm/layout.ts) and point at their variable bytes as (off, len) pairs into the app
 * data region. A worker ships them as "blocks" (records + the data bytes they use), several per
 * chunk when the engine was called more than once; readAppBlocks() walks them.
 *
 *   block: count u32 · data length u32 · count × APP_RECORD_SIZE · data (padded to 8)
 */
import { createHash } from 'node:crypto';
import { formatAddr } from '../flows/record.js';
import * as L from '../wasm/layout.js';

export interface HttpTx {
  /** Request seen (and parsed), response seen. */
  hasRequest: boolean;
  hasResponse: boolean;
  method?: string;
  url?: string;
  /** http.uri: path normalised (%XX decoded, dot segments removed) + query. */
  normalizedUri?: string;
  protocol?: string;
  hostname?: string;
  /** Port from the Host header (0: none). */
  hostPort: number;
  userAgent?: string;
  referer?: string;
  xff?: string;
  requestContentType?: string;
  cookie?: string;
  status?: number;
  statusMsg?: string;
  contentType?: string;
  location?: string;
  server?: string;
  responseProtocol?: string;
  /** Response body bytes (dechunked). */
  length: number;
  requestBodyLength: number;
  /** The response body was gzip/deflate encoded (not inflated). */
  gzip: boolean;
}

export interface DnsAnswer {
  rrname: string;
  rrtype: number;
  rrclass: number;
  ttl: number;
  /** Text form: address, name, "pref name" for MX, printable text or hex otherwise. */
  rdata: string;
}

export interface DnsMessage {
  id: number;
  flags: number;
  qr: boolean;
  opcode: number;
  rcode: number;
  rrname?: string;
  rrtype: number;
  qdcount: number;
  ancount: number;
  answers: DnsAnswer[];
}

export interface TlsHandshake {
  /** Negotiated version (ServerHello / supported_versions), 0 if no ServerHello. */
  version: number;
  clientVersion: number;
  sni?: string;
  subject?: string;
  issuerdn?: string;
  serial?: string;
  /** Leaf certificate (DER) when sent in the clear. */
  certificate?: Uint8Array;
  ja3?: { hash: string; string: string };
  ja3s?: { hash: string; string: string };
  ja4?: string;
  sawClientHello: boolean;
  sawServerHello: boolean;
  sawCertificate: boolean;
  /** The server resumed the client's session (same session id, no certificate). */
  sessionResumed: boolean;
}

export interface AppEvent {
  kind: 'http' | 'dns' | 'tls';
  /** Direction of the packet that completed the event. */
  toServer: boolean;
  flowId: bigint;
  tsNs: bigint;
  packet: bigint;
  ipVersion: 4 | 6;
  srcIp: string;
  destIp: string;
  srcPort: number;
  destPort: number;
  proto: number;
  vlan: number;
  txId: number;
  http?: HttpTx;
  dns?: DnsMessage;
  tls?: TlsHandshake;
}

const dec = new TextDecoder('utf-8');

function fieldBytes(dv: DataView, data: Uint8Array, r: number, i: number): Uint8Array | undefined {
  const f = r + L.APP_FIELDS_OFF + i * 8;
  const off = dv.getUint32(f, true);
  const len = dv.getUint32(f + 4, true);
  if (len === 0 || off + len > data.length) return undefined;
  return data.subarray(off, off + len);
}

function fieldStr(dv: DataView, data: Uint8Array, r: number, i: number): string | undefined {
  const b = fieldBytes(dv, data, r, i);
  return b ? dec.decode(b) : undefined;
}

function num(dv: DataView, r: number, i: number): number {
  return dv.getUint32(r + L.APP_NUM_OFF + i * 4, true);
}

/** Read `count` records at `ptr` of `mem`, their fields in `data` (the app data region bytes). */
export function readAppRecords(mem: Uint8Array, ptr: number, count: number, data: Uint8Array): AppEvent[] {
  const dv = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
  const out: AppEvent[] = [];
  for (let i = 0; i < count; i++) out.push(readAppRecord(mem, dv, ptr + i * L.APP_RECORD_SIZE, data));
  return out;
}

function readAppRecord(mem: Uint8Array, dv: DataView, r: number, data: Uint8Array): AppEvent {
  const kindNo = dv.getUint8(r + L.APP_KIND_OFF);
  const ipVersion = dv.getUint8(r + L.APP_IPVER_OFF) === 6 ? 6 : 4;
  const src = mem.subarray(r + L.APP_SRC_ADDR_OFF, r + L.APP_SRC_ADDR_OFF + 16);
  const dst = mem.subarray(r + L.APP_DST_ADDR_OFF, r + L.APP_DST_ADDR_OFF + 16);
  const ev: AppEvent = {
    kind: kindNo === L.APP_PROTO_HTTP ? 'http' : kindNo === L.APP_PROTO_DNS ? 'dns' : 'tls',
    toServer: dv.getUint8(r + L.APP_DIR_OFF) === 0,
    flowId: dv.getBigUint64(r + L.APP_FLOW_ID_OFF, true),
    tsNs: dv.getBigUint64(r + L.APP_TS_NS_OFF, true),
    packet: dv.getBigUint64(r + L.APP_PKT_OFF, true),
    ipVersion,
    srcIp: formatAddr(src, ipVersion),
    destIp: formatAddr(dst, ipVersion),
    srcPort: dv.getUint16(r + L.APP_SRC_PORT_OFF, true),
    destPort: dv.getUint16(r + L.APP_DST_PORT_OFF, true),
    proto: dv.getUint8(r + L.APP_IPPROTO_OFF),
    vlan: dv.getUint16(r + L.APP_VLAN_OFF, true),
    txId: dv.getUint16(r + L.APP_TX_ID_OFF, true),
  };
  const s = (i: number): string | undefined => fieldStr(dv, data, r, i);
  if (ev.kind === 'http') {
    const flags = num(dv, r, 3);
    const hasResponse = (flags & 2) !== 0;
    ev.http = {
      hasRequest: (flags & 1) !== 0,
      hasResponse,
      method: s(0),
      url: s(1),
      protocol: s(2) ?? s(13),
      hostname: s(3),
      userAgent: s(4),
      contentType: s(5),
      referer: s(6),
      statusMsg: s(7),
      location: s(8),
      xff: s(9),
      requestContentType: s(10),
      cookie: s(11),
      server: s(12),
      responseProtocol: s(13),
      normalizedUri: s(14),
      status: hasResponse && num(dv, r, 0) ? num(dv, r, 0) : undefined,
      length: num(dv, r, 1),
      requestBodyLength: num(dv, r, 2),
      hostPort: num(dv, r, 4),
      gzip: (flags & 4) !== 0,
    };
  } else if (ev.kind === 'dns') {
    const flags = num(dv, r, 1);
    ev.dns = {
      id: num(dv, r, 0),
      flags,
      qr: num(dv, r, 5) === 1,
      opcode: (flags >> 11) & 15,
      rcode: num(dv, r, 3),
      rrtype: num(dv, r, 2),
      ancount: num(dv, r, 4),
      qdcount: num(dv, r, 6),
      rrname: s(0),
      answers: readAnswers(fieldBytes(dv, data, r, 1)),
    };
  } else {
    const f = num(dv, r, 2);
    const ja3s = s(6);
    const ja3ss = s(8);
    ev.tls = {
      version: num(dv, r, 0),
      clientVersion: num(dv, r, 1),
      sni: s(0),
      subject: s(1),
      issuerdn: s(2),
      serial: s(3),
      certificate: fieldBytes(dv, data, r, 4)?.slice(),
      ja3: ja3s !== undefined ? { hash: ja3s, string: s(5) ?? '' } : undefined,
      ja3s: ja3ss !== undefined ? { hash: ja3ss, string: s(7) ?? '' } : undefined,
      ja4: s(9),
      sawClientHello: (f & 1) !== 0,
      sawServerHello: (f & 2) !== 0,
      sawCertificate: (f & 4) !== 0,
      sessionResumed: (f & 8) !== 0,
    };
  }
  return ev;
}

function ipv6Text(b: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((b[i] ?? 0) << 8) | (b[i + 1] ?? 0)).toString(16));
  // compress the longest run of zero groups (RFC 5952)
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

function rdataText(type: number, kind: number, rd: Uint8Array): string {
  if (kind === 1) return dec.decode(rd);
  if (kind === 2) return `${((rd[0] ?? 0) << 8) | (rd[1] ?? 0)} ${dec.decode(rd.subarray(2))}`;
  if (type === 1 && rd.length === 4) return Array.from(rd).join('.');
  if (type === 28 && rd.length === 16) return ipv6Text(rd);
  if (type === 16) {
    // TXT: length-prefixed strings
    const parts: string[] = [];
    for (let i = 0; i < rd.length;) {
      const l = rd[i] ?? 0;
      parts.push(dec.decode(rd.subarray(i + 1, i + 1 + l)));
      i += 1 + l;
    }
    return parts.join('');
  }
  return Buffer.from(rd).toString('hex');
}

/** The side form of the answers (assembly/app/dns.ts header). */
export function readAnswers(b: Uint8Array | undefined): DnsAnswer[] {
  const out: DnsAnswer[] = [];
  if (!b) return out;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let o = 0;
  while (o + 10 <= b.length) {
    const type = dv.getUint16(o, true);
    const cls = dv.getUint16(o + 2, true);
    const ttl = dv.getUint32(o + 4, true);
    const nl = dv.getUint16(o + 8, true);
    const name = dec.decode(b.subarray(o + 10, o + 10 + nl));
    o += 10 + nl;
    if (o + 3 > b.length) break;
    const kind = b[o] ?? 0;
    const rl = dv.getUint16(o + 1, true);
    const rd = b.subarray(o + 3, o + 3 + rl);
    o += 3 + rl;
    out.push({ rrname: name, rrtype: type, rrclass: cls, ttl, rdata: rdataText(type, kind, rd) });
  }
  return out;
}

/** SHA-1 fingerprint "aa:bb:..." of a DER certificate (Suricata's tls.fingerprint). */
export function certFingerprint(der: Uint8Array): string {
  return createHash('sha1').update(der).digest('hex').match(/../g)?.join(':') ?? '';
}

/** Copy `count` records at `ptr` and the `dataLen` data bytes at `dataPtr` they use into one block. */
export function packAppBlock(
  mem: Uint8Array,
  ptr: number,
  count: number,
  dataPtr: number,
  dataLen: number,
): Uint8Array {
  const recBytes = count * L.APP_RECORD_SIZE;
  const out = new Uint8Array(8 + recBytes + ((dataLen + 7) & ~7));
  const odv = new DataView(out.buffer);
  odv.setUint32(0, count, true);
  odv.setUint32(4, dataLen, true);
  out.set(mem.subarray(ptr, ptr + recBytes), 8);
  out.set(mem.subarray(dataPtr, dataPtr + dataLen), 8 + recBytes);
  return out;
}

/** Read the blocks of a packed app section. */
export function readAppBlocks(bytes: Uint8Array): AppEvent[] {
  const out: AppEvent[] = [];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 0;
  while (o + 8 <= bytes.length) {
    const count = dv.getUint32(o, true);
    const dataLen = dv.getUint32(o + 4, true);
    const recBytes = count * L.APP_RECORD_SIZE;
    const recs = bytes.subarray(o + 8, o + 8 + recBytes);
    const data = bytes.subarray(o + 8 + recBytes, o + 8 + recBytes + dataLen);
    out.push(...readAppRecords(recs, 0, count, data));
    o += 8 + recBytes + ((dataLen + 7) & ~7);
  }
  return out;
}

/** Order of app events: packet, then flow, then transaction (deterministic for any worker count). */
export function compareAppEvents(a: AppEvent, b: AppEvent): number {
  if (a.packet !== b.packet) return a.packet < b.packet ? -1 : 1;
  if (a.flowId !== b.flowId) return a.flowId < b.flowId ? -1 : 1;
  return a.txId - b.txId;
}
