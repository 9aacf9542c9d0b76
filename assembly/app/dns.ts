// DNS messages (RFC 1035 §4): over UDP one message per datagram, over TCP each message behind a
// 2-byte length (RFC 1035 §4.2.2; framing in app/stage.ts). The parser validates the header,
// decodes the question and resource-record names with compression pointers, and emits one app
// event per message (query or response) with the answers in a compact side form.
//
// Name decompression is bounded: a pointer must point strictly before the label that holds it
// (so pointers cannot loop) and at most DNS_MAX_HOPS pointers are followed (dns.name_loop); a
// name longer than 255 bytes is cut (dns.name_too_long); label types 01/10 are dns.bad_label; any
// read past the message is dns.truncated. The parser never reads outside [msg, msg + len).
//
// Rules: dns.query is each question name of a query; dns.response.rrname (Suricata 8,
// detect-dns-response.c) each name of a response: its question names, then for every answer,
// authority and additional record the owner name and, when the rdata is a name (CNAME, PTR, MX
// exchange, NS, SOA mname), that name. As in Suricata, a section's values end at its first
// record whose owner name is the root (empty): an EDNS OPT record ends the additionals.
//
// Event (APP_PROTO_DNS): numbers 0 id · 1 flags · 2 first qtype · 3 rcode · 4 ancount · 5 qr
// · 6 qdcount; fields 0 first query name · 1 answers: per RR u16 type · u16 class · u32 ttl
// · u16 nameLen · name · u8 rdata kind (0 raw, 1 name, 2 MX pref + name) · u16 rdLen · rdata.

import {
  ANOM_DNS_BAD_HEADER,
  ANOM_DNS_BAD_LABEL,
  ANOM_DNS_NAME_LOOP,
  ANOM_DNS_NAME_TOO_LONG,
  ANOM_DNS_TRUNCATED,
} from '../abi/anomalies';
import { APP_PROTO_DNS } from '../abi/layout';
import { beginAppRecord, setAppField, setAppNum } from '../emit/app';
import { be16, be32 } from '../util/bytes';
import { appAnomaly } from './anomaly';
import {
  arenaByte,
  arenaPos,
  arenaReset,
  arenaRewind,
  arenaRoom,
  BUF_DNS_QUERY,
  BUF_DNS_RESPONSE_RRNAME,
  clearBufs,
  inspectBufferValue,
  inspectBuffers,
  setBuf,
} from './buffers';

export const DNS_MAX_HOPS: u32 = 16;
export const DNS_MAX_NAME: u32 = 255;
const MAX_RRS: u32 = 64;

/** Offset after the name at `off` (or -1), the name written dotted into the arena. */
let nameErr: u16 = 0;

function readName(msg: usize, len: u32, off0: u32): i32 {
  let off = off0;
  let end: i32 = -1; // offset after the name in the original position
  let hops: u32 = 0;
  let limit = off0; // a pointer must point before this
  let out: u32 = 0;
  nameErr = 0;
  while (true) {
    if (off >= len) {
      nameErr = ANOM_DNS_TRUNCATED;
      return -1;
    }
    const l = <u32>load<u8>(msg + <usize>off);
    if (l == 0) {
      if (end < 0) end = <i32>(off + 1);
      return end;
    }
    const kind = l & 0xc0;
    if (kind == 0xc0) {
      if (off + 1 >= len) {
        nameErr = ANOM_DNS_TRUNCATED;
        return -1;
      }
      const target = ((l & 0x3f) << 8) | (<u32>load<u8>(msg + <usize>off + 1));
      if (end < 0) end = <i32>(off + 2);
      hops++;
      if (target >= limit || hops > DNS_MAX_HOPS) {
        nameErr = ANOM_DNS_NAME_LOOP;
        return -1;
      }
      limit = target;
      off = target;
      continue;
    }
    if (kind != 0) {
      nameErr = ANOM_DNS_BAD_LABEL;
      return -1;
    }
    if (off + 1 + l > len) {
      nameErr = ANOM_DNS_TRUNCATED;
      return -1;
    }
    if (out + l + 1 > DNS_MAX_NAME) {
      nameErr = ANOM_DNS_NAME_TOO_LONG;
      return -1;
    }
    if (out > 0) arenaByte(46);
    for (let i: u32 = 0; i < l; i++) arenaByte(<u32>load<u8>(msg + <usize>(off + 1 + i)));
    out += l + (out > 0 ? 1 : 0);
    off += 1 + l;
  }
}

/** Header sanity for detection by content (no events, no anomalies). */
export function dnsLooksValid(msg: usize, len: u32): bool {
  if (len < 17) return false;
  const flags = be16(msg + 2);
  const opcode = (flags >> 11) & 15;
  if (opcode > 5 || opcode == 3) return false;
  const qd = be16(msg + 4);
  if (qd == 0 || qd > 4) return false;
  if (be16(msg + 6) > 256 || be16(msg + 8) > 256 || be16(msg + 10) > 256) return false;
  // the first question: plain labels ending in the message, then type and class
  let off: u32 = 12;
  while (off < len) {
    const l = <u32>load<u8>(msg + <usize>off);
    if (l == 0) break;
    if (l > 63) return false;
    off += 1 + l;
  }
  if (off >= len || off + 5 > len) return false;
  const qclass = be16(msg + <usize>off + 3);
  return qclass == 1 || qclass == 3 || qclass == 4 || qclass == 255 || (qclass & 0x7fff) == 1;
}

/**
 * Inspect dns.response.rrname once per further name of a response (the first question's name was
 * inspected with the other buffers when `firstDone`): the other questions, then each section's
 * owner names and rdata names. The names are written to the arena and dropped after their call;
 * a name that does not decode ends the walk (no anomaly here: the event's parse counts those of
 * the questions and answers, and authority / additional records are not otherwise parsed).
 */
function inspectResponseNames(
  msg: usize,
  len: u32,
  qd: u32,
  an: u32,
  ns: u32,
  ar: u32,
  firstDone: bool,
): void {
  const mark = arenaPos();
  let off: u32 = 12;
  let qEnded = !firstDone; // an empty (root) first question name ends the question values
  for (let q: u32 = 0; q < qd && q < MAX_RRS; q++) {
    const start = arenaPos();
    const e = readName(msg, len, off);
    if (e < 0 || <u32>e + 4 > len) return;
    const n = <u32>(arenaPos() - start);
    if (n == 0) qEnded = true;
    if (q > 0 && !qEnded) inspectRrname(start, n);
    arenaRewind(mark);
    off = <u32>e + 4;
  }
  for (let section = 0; section < 3; section++) {
    const count = section == 0 ? an : section == 1 ? ns : ar;
    let ended = false;
    for (let i: u32 = 0; i < count && i < MAX_RRS; i++) {
      const start = arenaPos();
      const e = readName(msg, len, off);
      if (e < 0 || <u32>e + 10 > len) return;
      const n = <u32>(arenaPos() - start);
      const type = be16(msg + <usize>e);
      const rdLen = be16(msg + <usize>e + 8);
      const rd = <u32>e + 10;
      if (rd + rdLen > len) return;
      if (n == 0) ended = true;
      if (!ended) {
        inspectRrname(start, n);
        arenaRewind(mark);
        // rdata that is a domain name: CNAME, NS, PTR, SOA (mname first), MX (after the preference)
        const at = type == 15 ? rd + 2 : rd;
        if (
          (type == 5 || type == 2 || type == 12 || type == 6 || (type == 15 && rdLen >= 3)) &&
          at < rd + rdLen
        ) {
          const rs = arenaPos();
          if (readName(msg, len, at) >= 0) {
            const rn = <u32>(arenaPos() - rs);
            if (rn > 0) inspectRrname(rs, rn);
          }
        }
      }
      arenaRewind(mark);
      off = rd + rdLen;
    }
  }
}

function inspectRrname(ptr: usize, n: u32): void {
  setBuf(BUF_DNS_RESPONSE_RRNAME, ptr, n);
  inspectBufferValue(BUF_DNS_RESPONSE_RRNAME, 1);
}

/** Parse one DNS message; emits its event. `dir` 0 = toserver. False when it is malformed. */
export function parseDns(msg: usize, len: u32, dir: u32, txId: u32): bool {
  if (len < 12) {
    appAnomaly(ANOM_DNS_TRUNCATED);
    return false;
  }
  clearBufs();
  arenaReset();
  const id = be16(msg);
  const flags = be16(msg + 2);
  const qd = be16(msg + 4);
  const an = be16(msg + 6);
  const ns = be16(msg + 8);
  const ar = be16(msg + 10);
  if (((flags >> 11) & 15) > 6) appAnomaly(ANOM_DNS_BAD_HEADER);
  let off: u32 = 12;
  let qtype: u32 = 0;
  let ok = true;
  const qStart = arenaPos();
  let qLen: u32 = 0;
  for (let q: u32 = 0; q < qd && q < MAX_RRS; q++) {
    const start = arenaPos();
    const e = readName(msg, len, off);
    if (e < 0 || <u32>e + 4 > len) {
      appAnomaly(e < 0 ? nameErr : ANOM_DNS_TRUNCATED);
      ok = false;
      break;
    }
    if (q == 0) {
      qtype = be16(msg + <usize>e);
      qLen = <u32>(arenaPos() - start);
    } else if (((be16(msg + 2) >> 15) & 1) == 0) {
      // dns.query is a multi-buffer: each further question of a query is inspected on its own
      setBuf(BUF_DNS_QUERY, start, <u32>(arenaPos() - start));
      inspectBufferValue(BUF_DNS_QUERY, 0);
    }
    off = <u32>e + 4;
  }
  if (qd > 0 && qLen > 0) setBuf(BUF_DNS_QUERY, qStart, qLen);
  const qr = (flags >> 15) & 1;
  if (qr == 0) inspectBuffers(0);
  else {
    // dns.response.rrname: the first value goes with the response's other buffers, the rest alone
    if (qLen > 0) setBuf(BUF_DNS_RESPONSE_RRNAME, qStart, qLen);
    inspectBuffers(1);
    if (ok) inspectResponseNames(msg, len, qd, an, ns, ar, qLen > 0);
  }
  if (!beginAppRecord(APP_PROTO_DNS, dir, txId)) return ok;
  setAppNum(0, id);
  setAppNum(1, flags);
  setAppNum(2, qtype);
  setAppNum(3, flags & 15);
  setAppNum(4, an);
  setAppNum(5, qr);
  setAppNum(6, qd);
  if (qLen > 0) setAppField(0, qStart, qLen);
  if (!ok || qr == 0 || an == 0) return ok;
  // answers (authority and additional records are not logged)
  const ansStart = arenaPos();
  const total = min<u32>(an, MAX_RRS);
  for (let i: u32 = 0; i < total; i++) {
    if (arenaRoom() < 300) break; // the arena holds the rest; this RR may not fit
    const hdr = arenaPos();
    for (let k = 0; k < 10; k++) arenaByte(0); // type, class, ttl, nameLen placeholders
    const nameStart = arenaPos();
    const e = readName(msg, len, off);
    if (e < 0 || <u32>e + 10 > len) {
      appAnomaly(e < 0 ? nameErr : ANOM_DNS_TRUNCATED);
      arenaRewind(hdr);
      ok = false;
      break;
    }
    const nameLen = <u32>(arenaPos() - nameStart);
    const p = msg + <usize>e;
    const type = be16(p);
    const rdLen = be16(p + 8);
    const rd = <u32>e + 10;
    if (rd + rdLen > len || arenaRoom() < rdLen + 300) {
      if (rd + rdLen > len) appAnomaly(ANOM_DNS_TRUNCATED);
      arenaRewind(hdr);
      ok = false;
      break;
    }
    store<u16>(hdr, <u16>type);
    store<u16>(hdr + 2, <u16>be16(p + 2));
    store<u32>(hdr + 4, be32(p + 4));
    store<u16>(hdr + 8, <u16>nameLen);
    const kindAt = arenaPos();
    arenaByte(0);
    arenaByte(0);
    arenaByte(0);
    const rdStart = arenaPos();
    let kind: u32 = 0;
    if (type == 5 || type == 2 || type == 12) {
      kind = 1;
      if (readName(msg, len, rd) < 0) appAnomaly(nameErr);
    } else if (type == 15 && rdLen >= 3) {
      kind = 2;
      arenaByte(<u32>load<u8>(msg + <usize>rd));
      arenaByte(<u32>load<u8>(msg + <usize>rd + 1));
      if (readName(msg, len, rd + 2) < 0) appAnomaly(nameErr);
    } else {
      for (let j: u32 = 0; j < rdLen; j++) arenaByte(<u32>load<u8>(msg + <usize>(rd + j)));
    }
    store<u8>(kindAt, <u8>kind);
    store<u16>(kindAt + 1, <u16>(arenaPos() - rdStart));
    off = rd + rdLen;
  }
  setAppField(1, ansStart, <u32>(arenaPos() - ansStart));
  // ns / ar are counted in the header only
  if (ns + ar > 0 && off > len) appAnomaly(ANOM_DNS_TRUNCATED);
  return ok;
}
