// The named app-layer buffers rules inspect (sticky buffers: `http.uri; content:...`). Each is an
// (ptr, len) view, valid for the transaction being inspected, into the per-direction parser
// buffer (app/state.ts) or the transaction scratch arena below. Parsers fill them, then call
// inspectBuffers() (the matcher's hook), then the event emitter copies the ones an EVE event
// needs into the app side region.
//
// BUFFER-ID TABLE: the ids are part of the contract with the rule compiler (src/rules/compile)
// and are mirrored verbatim in src/app/buffers.ts (a test checks both files agree). Append only;
// never renumber.
//
//   id  name                 scope      filled from
//    1  http.uri             request    URI path normalised (%XX decoded, dot segments removed) + query
//    2  http.uri.raw         request    URI as sent
//    3  http.method          request
//    4  http.host            request    Host header value, lowercased, port stripped
//    5  http.user_agent      request
//    6  http.header          both       header lines "Name: value\r\n", Cookie excluded
//    7  http.header_names    both       "\r\nName\r\n...\r\n\r\n" (Suricata's form)
//    8  http.cookie          both       Cookie (request) / Set-Cookie (response) value
//    9  http.request_body    request    dechunked, first HTTP_BODY_LIMIT bytes
//   10  http.stat_code       response   3 digits
//   11  http.stat_msg        response
//   12  http.content_type    both
//   13  http.request_line    request    without CRLF
//   14  http.start           both       start line + header block as sent
//   15  http.referer         request
//   16  http.response_body   response   (= file.data) dechunked, first HTTP_BODY_LIMIT bytes; not gunzipped
//   17  dns.query            request    each question name, dotted, no trailing dot
//   18  tls.sni              ClientHello server_name
//   19  tls.cert_subject     both       Certificate (leaf) subject DN "C=US, O=..., CN=..."; the
//                                       server's (response) or the client's (request) Certificate
//   20  tls.cert_issuer      both       Certificate (leaf) issuer DN
//   21  tls.certs            both       Certificate: each certificate's DER (inspected one at a time)
//   22  ja3.hash             ClientHello: 32 lowercase hex digits
//   23  ja3.string           ClientHello: "771,4865-...,0-23-...,29-23,0"
//   24  ja4.hash             ClientHello: "t13d1516h2_8daaf6152771_e5627efa2ab1"
//   25  http.protocol        both       "HTTP/1.1"
//   26  http.response_line   response   without CRLF
//   27  ja3s.hash            ServerHello
//   28  ja3s.string          ServerHello
//   29  tls.cert_serial      both       leaf serial "00:AB:..." (Suricata's form)
//   30  http.location        response   Location header
//   31  http.server          response   Server header
//   32  http.header.raw      both       header block as sent (between start line and the blank line)
//   33  tls.cert_chain       response   Certificate: the certificate_list (3-byte length + DER each); internal, for tls.cert_chain_len
//   34  tls.cert_fingerprint both       SHA-1 of the leaf DER, "aa:bb:..." lowercase (Suricata's form)
//   35  dns.response.rrname  response   each name of a response (inspected one at a time): question names,
//                                       then per answer / authority / additional record its owner
//                                       name and, for CNAME, PTR, MX, NS, SOA, the name in its rdata

export const BUF_NONE: u32 = 0;
export const BUF_HTTP_URI: u32 = 1;
export const BUF_HTTP_URI_RAW: u32 = 2;
export const BUF_HTTP_METHOD: u32 = 3;
export const BUF_HTTP_HOST: u32 = 4;
export const BUF_HTTP_USER_AGENT: u32 = 5;
export const BUF_HTTP_HEADER: u32 = 6;
export const BUF_HTTP_HEADER_NAMES: u32 = 7;
export const BUF_HTTP_COOKIE: u32 = 8;
export const BUF_HTTP_REQUEST_BODY: u32 = 9;
export const BUF_HTTP_STAT_CODE: u32 = 10;
export const BUF_HTTP_STAT_MSG: u32 = 11;
export const BUF_HTTP_CONTENT_TYPE: u32 = 12;
export const BUF_HTTP_REQUEST_LINE: u32 = 13;
export const BUF_HTTP_START: u32 = 14;
export const BUF_HTTP_REFERER: u32 = 15;
export const BUF_HTTP_RESPONSE_BODY: u32 = 16;
export const BUF_DNS_QUERY: u32 = 17;
export const BUF_TLS_SNI: u32 = 18;
export const BUF_TLS_CERT_SUBJECT: u32 = 19;
export const BUF_TLS_CERT_ISSUER: u32 = 20;
export const BUF_TLS_CERTS: u32 = 21;
export const BUF_JA3_HASH: u32 = 22;
export const BUF_JA3_STRING: u32 = 23;
export const BUF_JA4_HASH: u32 = 24;
export const BUF_HTTP_PROTOCOL: u32 = 25;
export const BUF_HTTP_RESPONSE_LINE: u32 = 26;
export const BUF_JA3S_HASH: u32 = 27;
export const BUF_JA3S_STRING: u32 = 28;
export const BUF_TLS_CERT_SERIAL: u32 = 29;
export const BUF_HTTP_LOCATION: u32 = 30;
export const BUF_HTTP_SERVER: u32 = 31;
export const BUF_HTTP_HEADER_RAW: u32 = 32;
export const BUF_TLS_CERT_CHAIN: u32 = 33;
export const BUF_TLS_CERT_FINGERPRINT: u32 = 34;
export const BUF_DNS_RESPONSE_RRNAME: u32 = 35;
export const BUF_COUNT: u32 = 36;

/** Bytes of request/response body kept for http.request_body / http.response_body. */
export const HTTP_BODY_LIMIT: u32 = 4096;

const bufTable: usize = memory.data(<i32>(BUF_COUNT * 8), 8);

export function setBuf(id: u32, ptr: usize, len: u32): void {
  store<u32>(bufTable + <usize>(id << 3), <u32>ptr);
  store<u32>(bufTable + <usize>(id << 3) + 4, len);
}

/**
 * Set buffer `id` only when it has bytes: for buffers Suricata does not have when empty (a message
 * body). A header value that is present but empty stays a present, empty buffer (setBuf): rules
 * see it (bsize:0, a negated content), as Suricata's do.
 */
export function setBufIfAny(id: u32, ptr: usize, len: u32): void {
  if (len > 0) setBuf(id, ptr, len);
}

export function bufPtr(id: u32): usize {
  return <usize>load<u32>(bufTable + <usize>(id << 3));
}

export function bufLen(id: u32): u32 {
  return load<u32>(bufTable + <usize>(id << 3) + 4);
}

export function clearBufs(): void {
  memory.fill(bufTable, 0, BUF_COUNT * 8);
}

export function bufTablePtr(): usize {
  return bufTable;
}

// ---- scratch arena: derived bytes (normalised URI, DN strings, JA3 text) of one transaction ----

export const ARENA_SIZE: u32 = 64 << 10;
const arenaPtr: usize = memory.data(<i32>ARENA_SIZE, 8);
let arenaUsed: u32 = 0;

/** Start a transaction's scratch (drops the previous one's derived buffers). */
export function arenaReset(): void {
  arenaUsed = 0;
}

/** Drop the arena bytes written after `pos` (an arenaPos() value). */
export function arenaRewind(pos: usize): void {
  if (pos >= arenaPtr && pos <= arenaPtr + <usize>arenaUsed) arenaUsed = <u32>(pos - arenaPtr);
}

export function arenaPos(): usize {
  return arenaPtr + <usize>arenaUsed;
}

export function arenaRoom(): u32 {
  return ARENA_SIZE - arenaUsed;
}

export function arenaByte(b: u32): void {
  if (arenaUsed < ARENA_SIZE) {
    store<u8>(arenaPtr + <usize>arenaUsed, <u8>b);
    arenaUsed++;
  }
}

export function arenaBytes(ptr: usize, len: u32): void {
  const n = min<u32>(len, ARENA_SIZE - arenaUsed);
  memory.copy(arenaPtr + <usize>arenaUsed, ptr, n);
  arenaUsed += n;
}

export function arenaDec(v: u32): void {
  if (v >= 10) arenaDec(v / 10);
  arenaByte(48 + (v % 10));
}

const HEX: StaticArray<u8> = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

export function arenaHex8(v: u32): void {
  arenaByte(<u32>unchecked(HEX[(v >> 4) & 15]));
  arenaByte(<u32>unchecked(HEX[v & 15]));
}

export function arenaHex16(v: u32): void {
  arenaHex8((v >> 8) & 0xff);
  arenaHex8(v & 0xff);
}

/** Set buffer `id` to the arena bytes written since `start` (an arenaPos() value). */
export function setBufFrom(id: u32, start: usize): void {
  setBuf(id, start, <u32>(arenaPos() - start));
}

// (imported here, after the table: match/app.ts reads BUF_COUNT at load)
import { matchApp, matchAppValue } from '../match/app';

// ---- byte helpers shared by the parsers ----

export function lower(c: u32): u32 {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Case-insensitive compare of `len` bytes at `p` with lowercase ASCII `s`. */
export function eqNoCase(p: usize, len: u32, s: string): bool {
  if (<u32>s.length != len) return false;
  for (let i: u32 = 0; i < len; i++) {
    if (lower(<u32>load<u8>(p + <usize>i)) != <u32>s.charCodeAt(<i32>i)) return false;
  }
  return true;
}

/** The `len` bytes at `p` start with ASCII `s`. */
export function startsWith(p: usize, len: u32, s: string): bool {
  const n = <u32>s.length;
  if (len < n) return false;
  for (let i: u32 = 0; i < n; i++) if (<u32>load<u8>(p + <usize>i) != <u32>s.charCodeAt(<i32>i)) return false;
  return true;
}

/** The `len` bytes at `p` start with lowercase ASCII `s`, in any case. */
export function startsNoCase(p: usize, len: u32, s: string): bool {
  const n = <u32>s.length;
  if (len < n) return false;
  for (let i: u32 = 0; i < n; i++) {
    if (lower(<u32>load<u8>(p + <usize>i)) != <u32>s.charCodeAt(<i32>i)) return false;
  }
  return true;
}

/** Compare `len` bytes at `p` with ASCII `s` exactly. */
export function eqBytes(p: usize, len: u32, s: string): bool {
  if (<u32>s.length < len) return false;
  for (let i: u32 = 0; i < len; i++) {
    if (<u32>load<u8>(p + <usize>i) != <u32>s.charCodeAt(<i32>i)) return false;
  }
  return true;
}

/**
 * The matcher's hook: every buffer of the current transaction is set. `dir` 0 = toserver. The
 * flow is emit/app.ts appSlot(). Multi-buffers (tls.certs: each certificate of the chain;
 * dns.query: each question; dns.response.rrname: each name) hold one value here and go through
 * inspectBufferValue for each other value. Views are valid only during the call.
 */
export function inspectBuffers(dir: u32): void {
  matchApp(dir);
}

/**
 * The hook for a multi-buffer's further values: buffer `id` was set to the next value after an
 * inspectBuffers(dir) of the same transaction direction (whose other buffers stay set). Only
 * buffer `id` is scanned, and its rules may match on this value even if they were candidates on
 * an earlier one (that failed).
 */
export function inspectBufferValue(id: u32, dir: u32): void {
  matchAppValue(id, dir);
}
