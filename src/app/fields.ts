/**
 * Integer fields of an app-layer transaction that rule keywords compare (dns.opcode, ...), read by
 * the verifier from the candidate. They have no parser buffer: the rule names a pseudo buffer
 * (TRANSACTION_FIELDS in buffers.ts, id 0) so that it is checked on every inspected transaction of
 * its protocol, and the value is read here.
 *
 * dns.opcode: bits 11-14 of the flags word of the DNS message in the transaction's direction
 * (RFC 1035 § 4.1.1). The message is the packet payload (raw.ts): the datagram over UDP, after
 * the two-byte length over TCP (the message at the start of the segment that completed it).
 * dns.rrtype: the TYPE of each question of a request, of each answer of a response (a list, compared
 * with Suricata's multi-integer index), from the same message.
 * tls.cert_chain_len: the number of certificates of the server's certificate_list (tls.cert_chain).
 * tls.version: the server's selected version (JA3S) or the client's first offered one (JA4).
 * tls_cert_notbefore / tls_cert_notafter: the validity of the server's leaf certificate, read from
 * its DER (the first tls.certs value of the server's Certificate message), in seconds since the
 * epoch, as Suricata's cert0_not_before / cert0_not_after.
 */
import type { Candidate } from '../alerts/verify.js';
import { appRawPayload } from './raw.js';

/** APP_PROTO_DNS (assembly/abi/layout.ts). */
const APP_PROTO_DNS = 3;
/** APP_PROTO_TLS (assembly/abi/layout.ts). */
const APP_PROTO_TLS = 2;
const DNS_HEADER_LEN = 12;

/** The DNS header of an app-layer candidate's message, or undefined. */
function dnsHeader(c: Candidate): Uint8Array | undefined {
  if (!c.appBuffer || c.appProto !== APP_PROTO_DNS) return undefined;
  let m = appRawPayload(c);
  if (c.ipProto === 6) m = m.subarray(2);
  return m.length >= DNS_HEADER_LEN ? m : undefined;
}

/** RR types of a DNS message's questions (`answers` false) or answers, as far as the message parses. */
export function dnsRecordTypes(m: Uint8Array, answers: boolean): number[] {
  const be16 = (o: number): number => ((m[o] ?? 0) << 8) | (m[o + 1] ?? 0);
  const qd = be16(4);
  const an = answers ? be16(6) : 0;
  const out: number[] = [];
  let o: number | undefined = DNS_HEADER_LEN;
  for (let i = 0; i < qd + an && o !== undefined; i++) {
    o = skipName(m, o);
    if (o === undefined || o + 4 > m.length) break;
    if (i >= qd || !answers) out.push(be16(o));
    if (i < qd) o += 4;
    else o = o + 10 <= m.length ? o + 10 + be16(o + 8) : undefined;
  }
  return out;
}

/** The offset after a DNS name at `o` (labels, ended by a root label or a pointer), or undefined. */
function skipName(m: Uint8Array, o: number): number | undefined {
  // a name is at most 255 bytes: 128 labels bound the walk whatever the bytes say
  for (let labels = 0; labels < 128 && o < m.length; labels++) {
    const l = m[o] as number;
    if (l === 0) return o + 1;
    if ((l & 0xc0) === 0xc0) return o + 2 <= m.length ? o + 2 : undefined;
    if (l & 0xc0) return undefined;
    o += 1 + l;
  }
  return undefined;
}

/**
 * The values of list field `kind` (dns.rrtype: the question types of a request, the answer types
 * of a response, as Suricata's dns.rrtype inspects them) for candidate `c`; empty when none.
 */
export function appFieldValues(kind: 'dns.rrtype', c: Candidate): number[] {
  const h = dnsHeader(c);
  return h && kind === 'dns.rrtype' ? dnsRecordTypes(h, !c.toServer) : [];
}

/** The value of transaction field `kind` for candidate `c`, or undefined when it has none. */
export function appFieldValue(kind: string, c: Candidate): number | undefined {
  switch (kind) {
    case 'dns.opcode': {
      const h = dnsHeader(c);
      return h ? ((h[2] as number) >> 3) & 0x0f : undefined;
    }
    case 'tls_cert_notbefore':
    case 'tls_cert_notafter': {
      // the server's leaf certificate: the first tls.certs value of the Certificate message
      if (!c.appBuffer || c.appProto !== APP_PROTO_TLS || c.toServer) return undefined;
      const leaf = c.appBuffer('tls.certs');
      const v = leaf && certValidity(leaf);
      return v?.[kind === 'tls_cert_notbefore' ? 0 : 1];
    }
    case 'tls.cert_chain_len': {
      if (!c.appBuffer || c.appProto !== APP_PROTO_TLS || c.toServer) return undefined;
      const list = c.appBuffer('tls.cert_chain');
      return list && certCount(list);
    }
    case 'tls.version': {
      if (!c.appBuffer || c.appProto !== APP_PROTO_TLS) return undefined;
      return c.toServer
        ? clientTlsVersion(c.appBuffer('ja4.hash'))
        : serverTlsVersion(c.appBuffer('ja3s.string'));
    }
    case 'tls_cert_expired':
    case 'tls_cert_valid': {
      // Suricata compares with the flow's last packet time: expired when after notAfter, valid
      // when within [notBefore, notAfter]
      const nb = appFieldValue('tls_cert_notbefore', c);
      const na = appFieldValue('tls_cert_notafter', c);
      if (nb === undefined || na === undefined || c.tsNs === undefined) return undefined;
      const now = Number(c.tsNs / 1_000_000_000n);
      return Number(kind === 'tls_cert_expired' ? now > na : now >= nb && now <= na);
    }
    default:
      return undefined;
  }
}

/**
 * The version a ServerHello selected, from its JA3S string "version,cipher,extensions": the legacy
 * version, or TLS 1.3 when it carries supported_versions (43), which a server sends only when it
 * selects 1.3 (RFC 8446 § 4.2.1).
 */
export function serverTlsVersion(ja3s: Uint8Array | undefined): number | undefined {
  if (!ja3s) return undefined;
  const [version, , exts = ''] = Buffer.from(ja3s).toString('latin1').split(',');
  if (!version || !/^\d+$/.test(version)) return undefined;
  return exts.split('-').includes('43') ? 0x0304 : Number(version);
}

/**
 * The version a ClientHello offers first, from its JA4 (version chars after the protocol letter:
 * the highest of supported_versions, else the legacy version; "13" → 0x0304, "s3" → 0x0300).
 * Suricata takes the first valid supported_versions entry, which clients list highest first.
 */
export function clientTlsVersion(ja4: Uint8Array | undefined): number | undefined {
  if (!ja4 || ja4.length < 3) return undefined;
  const v = Buffer.from(ja4.subarray(1, 3)).toString('latin1');
  const table: Record<string, number> = {
    '13': 0x0304,
    '12': 0x0303,
    '11': 0x0302,
    '10': 0x0301,
    s3: 0x0300,
  };
  return table[v];
}

/** Entries of a TLS certificate_list (RFC 8446 § 4.4.2 / RFC 5246 § 7.4.2: 3-byte length + DER each). */
export function certCount(list: Uint8Array): number {
  let n = 0;
  for (let o = 0; o + 3 <= list.length; n++) {
    o += 3 + (((list[o] as number) << 16) | ((list[o + 1] as number) << 8) | (list[o + 2] as number));
    if (o > list.length) break;
  }
  return n;
}

/** One DER TLV at `o` within `end`: [tag, value start, value end], or undefined. */
function tlv(b: Uint8Array, o: number, end: number): [number, number, number] | undefined {
  if (o + 2 > end) return undefined;
  const tag = b[o] as number;
  let len = b[o + 1] as number;
  let v = o + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || v + n > end) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[v + i] as number);
    v += n;
  }
  return v + len <= end ? [tag, v, v + len] : undefined;
}

/** UTCTime (YYMMDDHHMMSSZ, YY < 50 → 20YY, RFC 5280 § 4.1.2.5.1) or GeneralizedTime → epoch seconds. */
function derTime(b: Uint8Array, [tag, s, e]: [number, number, number]): number | undefined {
  const t = Buffer.from(b.subarray(s, e)).toString('latin1');
  const m = (
    tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/
  ).exec(t);
  if (!m || (tag !== 0x17 && tag !== 0x18)) return undefined;
  const n = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const year = tag === 0x17 ? (n[0] < 50 ? 2000 + n[0] : 1900 + n[0]) : n[0];
  return Date.UTC(year, n[1] - 1, n[2], n[3], n[4], n[5]) / 1000;
}

/**
 * [notBefore, notAfter] of a DER certificate (RFC 5280 § 4.1: Certificate SEQ { tbsCertificate
 * SEQ { [0] version OPTIONAL, serialNumber, signature, issuer, validity SEQ { notBefore, notAfter }
 * ... } ... }), or undefined when it does not parse that far.
 */
export function certValidity(der: Uint8Array): [number, number] | undefined {
  const cert = tlv(der, 0, der.length);
  const tbs = cert && tlv(der, cert[1], cert[2]);
  if (!tbs || tbs[0] !== 0x30) return undefined;
  let f = tlv(der, tbs[1], tbs[2]);
  if (f?.[0] === 0xa0) f = tlv(der, f[2], tbs[2]); // explicit version
  for (let skip = 0; skip < 3 && f; skip++) f = tlv(der, f[2], tbs[2]); // serial, signature, issuer
  if (!f || f[0] !== 0x30) return undefined;
  const nb = tlv(der, f[1], f[2]);
  const na = nb && tlv(der, nb[2], f[2]);
  const a = nb && derTime(der, nb);
  const z = na && derTime(der, na);
  return a !== undefined && z !== undefined ? [a, z] : undefined;
}
