// HTTP/1.x over a reassembled TCP stream (RFC 9112): requests toserver, responses toclient,
// several transactions per connection, pipelining, Content-Length and chunked bodies
// (RFC 9112 §7.1), bodies read until close when a response has neither.
//
// Per direction (app/state.ts) the parser is a small state machine:
//   PH_HDR        header block accumulates in the direction buffer until the blank line
//                 (at most HTTP_HDR_CAP bytes: beyond, http.header_too_long, the kept part is
//                 parsed and the rest of the block skipped in PH_SKIPHDR)
//   PH_BODY_CL    Content-Length bytes             PH_BODY_CLOSE  until the flow ends
//   PH_CHUNK_SIZE hex size line (≤ 64 bytes)       PH_CHUNK_DATA  size bytes, then PH_CHUNK_CRLF
//   PH_TRAILER    trailer lines until the blank line
// The first HTTP_BODY_LIMIT body bytes (dechunked) are kept after the header block for
// http.request_body / http.response_body; the rest is counted, not stored. A gzip / deflate
// response body is inflated from that prefix (app/inflate.ts, up to 32 KiB) for file.data; one
// that does not decode is http.gzip_not_decoded. A completed request is inspected at once and
// waits (up to three, see Q_*) for its response; the response completing the transaction emits
// one event for both (Suricata logs per transaction).

import {
  ANOM_HTTP_BAD_CHUNK_SIZE,
  ANOM_HTTP_BAD_CONTENT_LENGTH,
  ANOM_HTTP_BAD_HEADER,
  ANOM_HTTP_BAD_REQUEST_LINE,
  ANOM_HTTP_BAD_STATUS_LINE,
  ANOM_HTTP_GZIP_NOT_DECODED,
  ANOM_HTTP_HEADER_TOO_LONG,
} from '../abi/anomalies';
import { APP_PROTO_HTTP } from '../abi/layout';
import { beginAppRecord, setAppField, setAppNum } from '../emit/app';
import { appAnomaly } from './anomaly';
import { gunzip, inflateOutPtr } from './inflate';
import {
  arenaByte,
  arenaBytes,
  arenaPos,
  arenaReset,
  arenaRewind,
  BUF_HTTP_CONTENT_TYPE,
  BUF_HTTP_COOKIE,
  BUF_HTTP_HEADER,
  BUF_HTTP_HEADER_NAMES,
  BUF_HTTP_HEADER_RAW,
  BUF_HTTP_HOST,
  BUF_HTTP_LOCATION,
  BUF_HTTP_METHOD,
  BUF_HTTP_PROTOCOL,
  BUF_HTTP_REFERER,
  BUF_HTTP_REQUEST_BODY,
  BUF_HTTP_REQUEST_LINE,
  BUF_HTTP_RESPONSE_BODY,
  BUF_HTTP_RESPONSE_LINE,
  BUF_HTTP_SERVER,
  BUF_HTTP_START,
  BUF_HTTP_STAT_CODE,
  BUF_HTTP_STAT_MSG,
  BUF_HTTP_URI,
  BUF_HTTP_URI_RAW,
  BUF_HTTP_USER_AGENT,
  bufLen,
  bufPtr,
  clearBufs,
  setBufIfAny,
  eqNoCase,
  HTTP_BODY_LIMIT,
  inspectBuffers,
  lower,
  setBuf,
  setBufFrom,
  startsWith,
} from './buffers';
import {
  D_AUX,
  D_BODYKEPT,
  D_BODYTOTAL,
  D_BUFLEN,
  D_HDRLEN,
  D_PHASE,
  D_REMAIN,
  DIR_BUF_SIZE,
  dirBuf,
  dirHdr,
  ST_FLAGS,
  ST_TX,
} from './state';

export const HTTP_HDR_CAP: u32 = DIR_BUF_SIZE - HTTP_BODY_LIMIT;
const PH_HDR: u32 = 0;
const PH_BODY_CL: u32 = 1;
const PH_CHUNK_SIZE: u32 = 2;
const PH_CHUNK_DATA: u32 = 3;
const PH_CHUNK_CRLF: u32 = 4;
const PH_TRAILER: u32 = 5;
const PH_BODY_CLOSE: u32 = 6;
const PH_SKIPHDR: u32 = 7;

/** State flags (ST_FLAGS); bits 8-9: requests waiting for their response (Q_*). */
const F_GZIP: u32 = 4;
/** A 101 response switched the connection to another protocol: nothing more is parsed. */
const F_UPGRADED: u32 = 16;

// Requests complete and waiting for their response, oldest first: up to Q_MAX entries in the
// state header (app/state.ts bytes 80..127, TLS's words, unused by HTTP): off u32 (in the
// toserver buffer) · header length u32 · body bytes kept u32 · body total u32 (bit 31: HEAD).
// The next request is read at ST_BASE (after the last waiting one); a response completes the
// oldest. A fourth waiting request, or a full buffer, logs the oldest without its response.
const Q_PTR: usize = 80;
const Q_MAX: u32 = 3;
const Q_SHIFT: u32 = 8;
const ST_BASE: usize = 12;
const HEAD_BIT: u32 = 0x80000000;
/** Room a new request needs in the toserver buffer (else the waiting ones are logged alone). */
const REQ_ROOM_MIN: u32 = 2048;

function qCount(st: usize): u32 {
  return (load<u32>(st + ST_FLAGS) >> Q_SHIFT) & 3;
}

function setQCount(st: usize, n: u32): void {
  store<u32>(st + ST_FLAGS, (load<u32>(st + ST_FLAGS) & ~(3 << Q_SHIFT)) | (n << Q_SHIFT));
}

function qEntry(st: usize, i: u32): usize {
  return st + Q_PTR + <usize>(i << 4);
}

/** The buffer the current message of direction `d` is read into. */
function msgBuf(st: usize, d: u32): usize {
  return d == 0 ? dirBuf(st, 0) + <usize>load<u32>(st + ST_BASE) : dirBuf(st, 1);
}

/** Log the oldest waiting request without a response and drop it from the queue. */
function popAlone(st: usize): void {
  emitTx(st, 0, true, false);
  qShift(st);
}

function qShift(st: usize): void {
  const n = qCount(st);
  if (n == 0) return;
  for (let i: u32 = 1; i < n; i++) memory.copy(qEntry(st, i - 1), qEntry(st, i), 16);
  setQCount(st, n - 1);
}
const CHUNK_LINE_MAX: u32 = 64;

// values found while parsing a header block (valid until the next parse)
let contentLength: i64 = -1;
let chunked = false;
let gzip = false;
let statusCode: u32 = 0;
let hostPort: u32 = 0;
let xffPtr: usize = 0;
let xffLen: u32 = 0;
let reqCtPtr: usize = 0;
let reqCtLen: u32 = 0;

/** Header blocks are parsed again when a transaction is logged: anomalies count on the first parse only. */
let reparse = false;
function hAnom(id: u16): void {
  if (!reparse) appAnomaly(id);
}

function isTokenChar(c: u32): bool {
  return (
    c > 32 &&
    c < 127 &&
    c != 40 &&
    c != 41 &&
    c != 44 &&
    c != 47 &&
    c != 58 &&
    c != 59 &&
    c != 60 &&
    c != 61 &&
    c != 62 &&
    c != 63 &&
    c != 64 &&
    c != 91 &&
    c != 92 &&
    c != 93 &&
    c != 123 &&
    c != 125 &&
    c != 34
  );
}

const METHODS: StaticArray<string> = [
  'GET ',
  'POST ',
  'HEAD ',
  'PUT ',
  'DELETE ',
  'OPTIONS ',
  'CONNECT ',
  'TRACE ',
  'PATCH ',
  'PROPFIND ',
  'PROPPATCH ',
  'MKCOL ',
  'COPY ',
  'MOVE ',
  'LOCK ',
  'UNLOCK ',
  'SEARCH ',
  'REPORT ',
];

/** Detection by content: a known method and a space, or a status line. */
export function httpLooksLike(p: usize, len: u32): bool {
  if (len >= 7 && startsWith(p, len, 'HTTP/1.')) return true;
  for (let i = 0; i < METHODS.length; i++) if (startsWith(p, len, unchecked(METHODS[i]))) return true;
  return false;
}

function isSpace(c: u32): bool {
  return c == 32 || c == 9;
}

/** End of the line starting at `i` (index of its '\n', or `end`). */
function lineEnd(b: usize, i: u32, end: u32): u32 {
  while (i < end && load<u8>(b + <usize>i) != 10) i++;
  return i;
}

/** Line content end (without the '\r' before '\n'). */
function trimCr(b: usize, start: u32, e: u32): u32 {
  return e > start && load<u8>(b + <usize>(e - 1)) == 13 ? e - 1 : e;
}

function hexVal(c: u32): i32 {
  if (c >= 48 && c <= 57) return <i32>(c - 48);
  const l = lower(c);
  if (l >= 97 && l <= 102) return <i32>(l - 87);
  return -1;
}

/** http.uri: %XX decoded in the path, dot segments removed (RFC 3986 §5.2.4), query kept as sent. */
function normaliseUri(u: usize, n: u32): void {
  let i: u32 = 0;
  // absolute form: scheme://authority/path → path
  if (n > 7 && (eqNoCase(u, 7, 'http://') || (n > 8 && eqNoCase(u, 8, 'https://')))) {
    i = eqNoCase(u, 7, 'http://') ? 7 : 8;
    while (i < n && load<u8>(u + <usize>i) != 47) i++;
  }
  let pathEnd = i;
  while (pathEnd < n) {
    const c = load<u8>(u + <usize>pathEnd);
    if (c == 63 || c == 35) break;
    pathEnd++;
  }
  // decode into the arena
  const dec = arenaPos();
  for (let j = i; j < pathEnd; j++) {
    const c = <u32>load<u8>(u + <usize>j);
    if (c == 37 && j + 2 < pathEnd) {
      const h = hexVal(<u32>load<u8>(u + <usize>(j + 1)));
      const l = hexVal(<u32>load<u8>(u + <usize>(j + 2)));
      if (h >= 0 && l >= 0) {
        arenaByte(<u32>((h << 4) | l));
        j += 2;
        continue;
      }
    }
    arenaByte(c);
  }
  const decLen = <u32>(arenaPos() - dec);
  // remove dot segments into a second arena area
  const out = arenaPos();
  let w: u32 = 0;
  let j: u32 = 0;
  const abs = decLen > 0 && load<u8>(dec) == 47;
  if (abs) j = 1;
  while (j <= decLen) {
    let e = j;
    while (e < decLen && load<u8>(dec + <usize>e) != 47) e++;
    const segLen = e - j;
    const last = e >= decLen;
    if (segLen == 1 && load<u8>(dec + <usize>j) == 46) {
      if (last) {
        arenaByte(47);
        w++;
      }
    } else if (segLen == 2 && load<u8>(dec + <usize>j) == 46 && load<u8>(dec + <usize>j + 1) == 46) {
      // drop the last written segment
      let k = w;
      while (k > 0 && load<u8>(out + <usize>(k - 1)) != 47) k--;
      if (k > 0) k--;
      // rewind the arena to out + k
      arenaRewindTo(out, k);
      w = k;
      if (last) {
        arenaByte(47);
        w++;
      }
    } else {
      if (abs || w > 0) {
        arenaByte(47);
        w++;
      }
      arenaBytes(dec + <usize>j, segLen);
      w += segLen;
    }
    if (last) break;
    j = e + 1;
  }
  if (w == 0 && abs) {
    arenaByte(47);
    w = 1;
  }
  arenaBytes(u + <usize>pathEnd, n - pathEnd);
  setBufFrom(BUF_HTTP_URI, out);
}

// arena rewind relative to a start (used by the dot-segment remover)
function arenaRewindTo(base: usize, k: u32): void {
  arenaRewind(base + <usize>k);
}

function parseDecimal(p: usize, n: u32): i64 {
  if (n == 0 || n > 18) return -1;
  let v: i64 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const c = <u32>load<u8>(p + <usize>i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + <i64>(c - 48);
  }
  return v;
}

/** Parse the header lines of block [from, hdrEnd) of `b`; fills header buffers. */
function parseHeaders(b: usize, from: u32, hdrEnd: u32, isReq: bool): void {
  contentLength = -1;
  chunked = false;
  gzip = false;
  hostPort = 0;
  xffPtr = 0;
  xffLen = 0;
  reqCtPtr = 0;
  reqCtLen = 0;
  setBuf(BUF_HTTP_HEADER_RAW, b + <usize>from, hdrEnd - from);
  const hdr = arenaPos();
  let i = from;
  // header: "Name: value\r\n" per line, Cookie excluded
  while (i < hdrEnd) {
    const e = lineEnd(b, i, hdrEnd);
    const le = trimCr(b, i, e);
    if (le > i && !isSpace(<u32>load<u8>(b + <usize>i))) {
      let c = i;
      while (c < le && load<u8>(b + <usize>c) != 58) c++;
      if (c >= le) {
        hAnom(ANOM_HTTP_BAD_HEADER);
      } else {
        let ne = c;
        while (ne > i && isSpace(<u32>load<u8>(b + <usize>(ne - 1)))) ne--;
        let vs = c + 1;
        while (vs < le && isSpace(<u32>load<u8>(b + <usize>vs))) vs++;
        let ve = le;
        while (ve > vs && isSpace(<u32>load<u8>(b + <usize>(ve - 1)))) ve--;
        const np = b + <usize>i;
        const nl = ne - i;
        const vp = b + <usize>vs;
        const vl = ve - vs;
        const isCookie = eqNoCase(np, nl, isReq ? 'cookie' : 'set-cookie');
        if (isCookie) setBuf(BUF_HTTP_COOKIE, vp, vl);
        else {
          arenaBytes(np, nl);
          arenaByte(58);
          arenaByte(32);
          arenaBytes(vp, vl);
          arenaByte(13);
          arenaByte(10);
        }
        if (eqNoCase(np, nl, 'content-length')) {
          contentLength = parseDecimal(vp, vl);
          if (contentLength < 0) hAnom(ANOM_HTTP_BAD_CONTENT_LENGTH);
        } else if (eqNoCase(np, nl, 'transfer-encoding')) {
          // chunked when it is the last coding
          chunked = vl >= 7 && eqNoCase(vp + <usize>(vl - 7), 7, 'chunked');
        } else if (eqNoCase(np, nl, 'content-type')) {
          setBuf(BUF_HTTP_CONTENT_TYPE, vp, vl);
          if (isReq) {
            reqCtPtr = vp;
            reqCtLen = vl;
          }
        } else if (eqNoCase(np, nl, 'content-encoding')) {
          gzip = vl >= 4 && (eqNoCase(vp, 4, 'gzip') || (vl >= 7 && eqNoCase(vp, 7, 'deflate')));
        } else if (isReq) {
          if (eqNoCase(np, nl, 'host')) setHost(vp, vl);
          else if (eqNoCase(np, nl, 'user-agent')) setBuf(BUF_HTTP_USER_AGENT, vp, vl);
          else if (eqNoCase(np, nl, 'referer')) setBuf(BUF_HTTP_REFERER, vp, vl);
          else if (eqNoCase(np, nl, 'x-forwarded-for')) {
            xffPtr = vp;
            xffLen = vl;
          }
        } else {
          if (eqNoCase(np, nl, 'location')) setBuf(BUF_HTTP_LOCATION, vp, vl);
          else if (eqNoCase(np, nl, 'server')) setBuf(BUF_HTTP_SERVER, vp, vl);
        }
      }
    }
    i = e + 1;
  }
  setBufFrom(BUF_HTTP_HEADER, hdr);
  // header_names: "\r\nName\r\n...\r\n\r\n"
  const names = arenaPos();
  arenaByte(13);
  arenaByte(10);
  i = from;
  while (i < hdrEnd) {
    const e = lineEnd(b, i, hdrEnd);
    const le = trimCr(b, i, e);
    if (le > i && !isSpace(<u32>load<u8>(b + <usize>i))) {
      let c = i;
      while (c < le && load<u8>(b + <usize>c) != 58) c++;
      if (c < le) {
        let ne = c;
        while (ne > i && isSpace(<u32>load<u8>(b + <usize>(ne - 1)))) ne--;
        arenaBytes(b + <usize>i, ne - i);
        arenaByte(13);
        arenaByte(10);
      }
    }
    i = e + 1;
  }
  arenaByte(13);
  arenaByte(10);
  setBufFrom(BUF_HTTP_HEADER_NAMES, names);
}

/** http.host: lowercased, port stripped (an IPv6 literal keeps its brackets). */
function setHost(vp: usize, vl: u32): void {
  const h = arenaPos();
  let end = vl;
  let bracket = false;
  if (vl > 0 && load<u8>(vp) == 91) bracket = true;
  for (let i: u32 = 0; i < vl; i++) {
    const c = <u32>load<u8>(vp + <usize>i);
    if (bracket && c == 93) {
      end = i + 1;
      break;
    }
    if (!bracket && c == 58) {
      end = i;
      break;
    }
  }
  for (let i: u32 = 0; i < end; i++) arenaByte(lower(<u32>load<u8>(vp + <usize>i)));
  if (end + 1 < vl) {
    const port = parseDecimal(vp + <usize>(end + 1), vl - end - 1);
    if (port > 0 && port < 65536) hostPort = <u32>port;
  }
  setBufFrom(BUF_HTTP_HOST, h);
}

/** Request start line and headers of state buffer 0 → request buffers. Returns method-is-HEAD. */
function parseRequestHead(b: usize, hdrLen: u32): bool {
  const e = lineEnd(b, 0, hdrLen);
  const le = trimCr(b, 0, e);
  setBuf(BUF_HTTP_START, b, hdrLen);
  setBuf(BUF_HTTP_REQUEST_LINE, b, le);
  let i: u32 = 0;
  while (i < le && isTokenChar(<u32>load<u8>(b + <usize>i))) i++;
  setBuf(BUF_HTTP_METHOD, b, i);
  const isHead = i == 4 && eqNoCase(b, 4, 'head');
  if (i == 0 || i >= le || load<u8>(b + <usize>i) != 32) {
    hAnom(ANOM_HTTP_BAD_REQUEST_LINE);
  } else {
    let us = i + 1;
    while (us < le && load<u8>(b + <usize>us) == 32) us++;
    let ue = us;
    while (ue < le && load<u8>(b + <usize>ue) != 32) ue++;
    setBuf(BUF_HTTP_URI_RAW, b + <usize>us, ue - us);
    normaliseUri(b + <usize>us, ue - us);
    let ps = ue;
    while (ps < le && load<u8>(b + <usize>ps) == 32) ps++;
    if (ps < le) {
      setBuf(BUF_HTTP_PROTOCOL, b + <usize>ps, le - ps);
      if (le - ps < 5 || !eqNoCase(b + <usize>ps, 5, 'http/')) hAnom(ANOM_HTTP_BAD_REQUEST_LINE);
    }
  }
  parseHeaders(b, min<u32>(e + 1, hdrLen), hdrLen, true);
  return isHead;
}

/** Status line and headers of state buffer 1 → response buffers; returns the status code. */
function parseResponseHead(b: usize, hdrLen: u32): u32 {
  const e = lineEnd(b, 0, hdrLen);
  const le = trimCr(b, 0, e);
  setBuf(BUF_HTTP_START, b, hdrLen);
  setBuf(BUF_HTTP_RESPONSE_LINE, b, le);
  let i: u32 = 0;
  while (i < le && load<u8>(b + <usize>i) != 32) i++;
  setBuf(BUF_HTTP_PROTOCOL, b, i);
  let code: u32 = 0;
  if (i + 4 > le || !eqNoCase(b, 5, 'http/')) {
    hAnom(ANOM_HTTP_BAD_STATUS_LINE);
  } else {
    const cs = i + 1;
    let ok = true;
    for (let k: u32 = 0; k < 3; k++) {
      const c = <u32>load<u8>(b + <usize>(cs + k));
      if (c < 48 || c > 57) ok = false;
      else code = code * 10 + (c - 48);
    }
    if (!ok || (cs + 3 < le && load<u8>(b + <usize>(cs + 3)) != 32)) {
      hAnom(ANOM_HTTP_BAD_STATUS_LINE);
      code = 0;
    } else {
      setBuf(BUF_HTTP_STAT_CODE, b + <usize>cs, 3);
      const ms = min<u32>(cs + 4, le);
      setBuf(BUF_HTTP_STAT_MSG, b + <usize>ms, le - ms);
    }
  }
  parseHeaders(b, min<u32>(e + 1, hdrLen), hdrLen, false);
  return code;
}

/** Keep up to D_REMAIN of the `n` bytes at `p` (a Content-Length body or a chunk); returns the bytes taken. */
function keepCounted(st: usize, d: u32, h: usize, p: usize, n: u32): u32 {
  const rem = load<u32>(h + D_REMAIN);
  const k = min<u32>(rem, n);
  keepBody(st, d, p, k);
  store<u32>(h + D_REMAIN, rem - k);
  return k;
}

/** Find the end of a header block in b[0, n) scanning from `from`: index after the blank line, or 0. */
function findHeaderEnd(b: usize, from: u32, n: u32): u32 {
  for (let i = from; i < n; i++) {
    if (load<u8>(b + <usize>i) != 10) continue;
    if (i + 1 < n && load<u8>(b + <usize>(i + 1)) == 10) return i + 2;
    if (i + 2 < n && load<u8>(b + <usize>(i + 1)) == 13 && load<u8>(b + <usize>(i + 2)) == 10) return i + 3;
  }
  return 0;
}

function keepBody(st: usize, d: u32, p: usize, n: u32): void {
  const h = dirHdr(st, d);
  const kept = load<u32>(h + D_BODYKEPT);
  const room = HTTP_BODY_LIMIT - kept;
  const k = min<u32>(room, n);
  if (k > 0) {
    memory.copy(msgBuf(st, d) + <usize>(load<u32>(h + D_HDRLEN) + kept), p, k);
    store<u32>(h + D_BODYKEPT, kept + k);
  }
  store<u32>(h + D_BODYTOTAL, load<u32>(h + D_BODYTOTAL) + n);
}

function resetDir(st: usize, d: u32): void {
  memory.fill(dirHdr(st, d), 0, 24); // buflen, phase, remain, hdrlen, bodykept, bodytotal
  store<u32>(dirHdr(st, d) + D_AUX, 0);
}

/** The header block of direction `d` ends at `hdrLen`: choose how its body is framed. */
function headersDone(st: usize, d: u32, hdrLen: u32): void {
  const h = dirHdr(st, d);
  const b = msgBuf(st, d);
  store<u32>(h + D_HDRLEN, hdrLen);
  store<u32>(h + D_BUFLEN, hdrLen);
  store<u32>(h + D_BODYKEPT, 0);
  store<u32>(h + D_BODYTOTAL, 0);
  clearBufs();
  arenaReset();
  let phase = PH_HDR;
  let done = false;
  if (d == 0) {
    parseRequestHead(b, hdrLen);
    if (chunked) phase = PH_CHUNK_SIZE;
    else if (contentLength > 0) phase = PH_BODY_CL;
    else done = true;
  } else {
    const code = parseResponseHead(b, hdrLen);
    if (gzip) store<u32>(st + ST_FLAGS, load<u32>(st + ST_FLAGS) | F_GZIP);
    if (code == 101) {
      // Switching Protocols (Upgrade: h2c, websocket): the HTTP/1 transaction ends here and
      // what follows in both directions is another protocol, not parsed
      store<u32>(st + ST_FLAGS, load<u32>(st + ST_FLAGS) | F_UPGRADED);
      store<u32>(h + D_PHASE, PH_HDR);
      messageDone(st, d);
      return;
    }
    if (code >= 100 && code < 200) {
      // interim response: no body, the final one follows
      resetDir(st, d);
      return;
    }
    const headReq = qCount(st) > 0 && (load<u32>(qEntry(st, 0) + 12) & HEAD_BIT) != 0;
    const noBody = code == 204 || code == 304 || headReq;
    if (noBody) done = true;
    else if (chunked) phase = PH_CHUNK_SIZE;
    else if (contentLength >= 0) {
      if (contentLength == 0) done = true;
      else phase = PH_BODY_CL;
    } else phase = PH_BODY_CLOSE;
  }
  if (phase == PH_BODY_CL) store<u32>(h + D_REMAIN, <u32>min<i64>(contentLength, 0xffffffff));
  else store<u32>(h + D_REMAIN, 0);
  store<u32>(h + D_PHASE, phase);
  if (done) messageDone(st, d);
}

/**
 * Log one transaction: waiting request `q` (queue index; withReq) and/or the response in
 * direction 1 (withResp), as one event.
 */
function emitTx(st: usize, q: u32, withReq: bool, withResp: bool): void {
  reparse = true;
  emitTxInner(st, q, withReq, withResp);
  reparse = false;
}

function emitTxInner(st: usize, q: u32, withReq: bool, withResp: bool): void {
  clearBufs();
  arenaReset();
  const qe = qEntry(st, q);
  const h1 = dirHdr(st, 1);
  const tx = load<u32>(st + ST_TX);
  // response first (its buffers are overwritten by the request's where shared)
  let status: u32 = 0;
  let respCt: usize = 0;
  let respCtLen: u32 = 0;
  let respProto: usize = 0;
  let respProtoLen: u32 = 0;
  let statMsg: usize = 0;
  let statMsgLen: u32 = 0;
  let location: usize = 0;
  let locationLen: u32 = 0;
  let server: usize = 0;
  let serverLen: u32 = 0;
  if (withResp) {
    status = parseResponseHead(dirBuf(st, 1), load<u32>(h1 + D_HDRLEN));
    respCt = bufPtr(BUF_HTTP_CONTENT_TYPE);
    respCtLen = bufLen(BUF_HTTP_CONTENT_TYPE);
    respProto = bufPtr(BUF_HTTP_PROTOCOL);
    respProtoLen = bufLen(BUF_HTTP_PROTOCOL);
    statMsg = bufPtr(BUF_HTTP_STAT_MSG);
    statMsgLen = bufLen(BUF_HTTP_STAT_MSG);
    location = bufPtr(BUF_HTTP_LOCATION);
    locationLen = bufLen(BUF_HTTP_LOCATION);
    server = bufPtr(BUF_HTTP_SERVER);
    serverLen = bufLen(BUF_HTTP_SERVER);
  }
  if (!beginAppRecord(APP_PROTO_HTTP, withResp ? 1 : 0, tx)) return;
  setAppNum(0, status);
  setAppNum(1, withResp ? load<u32>(h1 + D_BODYTOTAL) : 0);
  setAppNum(3, (withReq ? 1 : 0) | (withResp ? 2 : 0) | ((load<u32>(st + ST_FLAGS) & F_GZIP) != 0 ? 4 : 0));
  setAppField(5, respCt, respCtLen);
  setAppField(7, statMsg, statMsgLen);
  setAppField(8, location, locationLen);
  setAppField(12, server, serverLen);
  setAppField(13, respProto, respProtoLen);
  if (withReq) {
    parseRequestHead(dirBuf(st, 0) + <usize>load<u32>(qe), load<u32>(qe + 4));
    setAppNum(2, load<u32>(qe + 12) & ~HEAD_BIT);
    setAppNum(4, hostPort);
    setAppField(0, bufPtr(BUF_HTTP_METHOD), bufLen(BUF_HTTP_METHOD));
    setAppField(1, bufPtr(BUF_HTTP_URI_RAW), bufLen(BUF_HTTP_URI_RAW));
    setAppField(2, bufPtr(BUF_HTTP_PROTOCOL), bufLen(BUF_HTTP_PROTOCOL));
    setAppField(3, bufPtr(BUF_HTTP_HOST), bufLen(BUF_HTTP_HOST));
    setAppField(4, bufPtr(BUF_HTTP_USER_AGENT), bufLen(BUF_HTTP_USER_AGENT));
    setAppField(6, bufPtr(BUF_HTTP_REFERER), bufLen(BUF_HTTP_REFERER));
    setAppField(9, xffPtr, xffLen);
    setAppField(10, reqCtPtr, reqCtLen);
    setAppField(11, bufPtr(BUF_HTTP_COOKIE), bufLen(BUF_HTTP_COOKIE));
    setAppField(14, bufPtr(BUF_HTTP_URI), bufLen(BUF_HTTP_URI));
  }
  store<u32>(st + ST_TX, tx + 1);
}

/**
 * gzip / deflate body of `kept` bytes at `ptr`: buffer `id` sees the decoded prefix
 * (app/inflate.ts), else keeps the raw bytes and the body counts as http.gzip_not_decoded.
 */
function inflateBody(id: u32, ptr: usize, kept: u32): void {
  const n = gunzip(ptr, kept);
  if (n > 0) setBuf(id, inflateOutPtr, n);
  else appAnomaly(ANOM_HTTP_GZIP_NOT_DECODED);
}

/** The message of direction `d` is complete (headers and body). */
function messageDone(st: usize, d: u32): void {
  const h = dirHdr(st, d);
  const b = msgBuf(st, d);
  const hdrLen = load<u32>(h + D_HDRLEN);
  if (d == 0) {
    clearBufs();
    arenaReset();
    reparse = true;
    const isHead = parseRequestHead(b, hdrLen);
    reparse = false;
    const kept = load<u32>(h + D_BODYKEPT);
    setBufIfAny(BUF_HTTP_REQUEST_BODY, b + <usize>hdrLen, kept);
    // a gzip / deflate request body is inspected decoded, as Suricata (7.0.16+) decompresses it
    // (`gzip` is the request's Content-Encoding: parseRequestHead just read its headers)
    if (gzip && kept > 0) inflateBody(BUF_HTTP_REQUEST_BODY, b + <usize>hdrLen, kept);
    inspectBuffers(0);
    // wait for the response (a fourth waiting request logs the oldest alone)
    if (qCount(st) >= Q_MAX) popAlone(st);
    const n = qCount(st);
    const e = qEntry(st, n);
    const base = load<u32>(st + ST_BASE);
    store<u32>(e, base);
    store<u32>(e + 4, hdrLen);
    store<u32>(e + 8, kept);
    store<u32>(e + 12, load<u32>(h + D_BODYTOTAL) | (isHead ? HEAD_BIT : 0));
    setQCount(st, n + 1);
    store<u32>(st + ST_BASE, base + hdrLen + kept);
    resetDir(st, 0);
    return;
  }
  // response: emit the transaction with the oldest waiting request, then inspect with the
  // request's buffers and the response's (shared names such as http.content_type take the
  // response's value)
  const held = qCount(st) > 0;
  emitTx(st, 0, held, true);
  clearBufs();
  arenaReset();
  reparse = true;
  if (held) {
    const e = qEntry(st, 0);
    const rb = dirBuf(st, 0) + <usize>load<u32>(e);
    const hl0 = load<u32>(e + 4);
    parseRequestHead(rb, hl0);
    setBufIfAny(BUF_HTTP_REQUEST_BODY, rb + <usize>hl0, load<u32>(e + 8));
  }
  parseResponseHead(b, hdrLen);
  reparse = false;
  const kept = load<u32>(h + D_BODYKEPT);
  setBufIfAny(BUF_HTTP_RESPONSE_BODY, b + <usize>hdrLen, kept);
  if ((load<u32>(st + ST_FLAGS) & F_GZIP) != 0 && kept > 0) {
    inflateBody(BUF_HTTP_RESPONSE_BODY, b + <usize>hdrLen, kept);
  }
  inspectBuffers(1);
  store<u32>(st + ST_FLAGS, load<u32>(st + ST_FLAGS) & ~F_GZIP);
  if (held) qShift(st);
  rebase(st);
  resetDir(st, 1);
}

/** No request waiting and none being read: the next one starts at the buffer's start again. */
function rebase(st: usize): void {
  const h0 = dirHdr(st, 0);
  if (qCount(st) == 0 && load<u32>(h0 + D_BUFLEN) == 0 && load<u32>(h0 + D_PHASE) == PH_HDR) {
    store<u32>(st + ST_BASE, 0);
  }
}

/** Feed `len` in-order stream bytes of direction `d`. */
export function httpFeed(st: usize, d: u32, ptr: usize, len: u32): void {
  if ((load<u32>(st + ST_FLAGS) & F_UPGRADED) != 0) return;
  const h = dirHdr(st, d);
  let p = ptr;
  let n = len;
  let guard: u32 = 0;
  while (n > 0 && guard++ < 1000000) {
    const phase = load<u32>(h + D_PHASE);
    if (phase == PH_HDR) {
      let have: u32 = load<u32>(h + D_BUFLEN);
      if (have == 0) {
        // bytes between messages (CRLF after a body) are skipped
        while (n > 0 && (load<u8>(p) == 13 || load<u8>(p) == 10)) {
          p++;
          n--;
        }
        if (n == 0) break;
        if (d == 0) {
          rebase(st);
          // too little room after the waiting requests: log them without their responses
          while (qCount(st) > 0 && DIR_BUF_SIZE - load<u32>(st + ST_BASE) < REQ_ROOM_MIN + HTTP_BODY_LIMIT) {
            popAlone(st);
            rebase(st);
          }
        }
      }
      const b = msgBuf(st, d);
      const cap =
        d == 0
          ? min<u32>(HTTP_HDR_CAP, DIR_BUF_SIZE - HTTP_BODY_LIMIT - load<u32>(st + ST_BASE))
          : HTTP_HDR_CAP;
      const take = min<u32>(n, cap - have);
      memory.copy(b + <usize>have, p, take);
      const scanFrom = have >= 2 ? have - 2 : 0;
      const end = findHeaderEnd(b, scanFrom, have + take);
      if (end > 0) {
        const used = end - have;
        p += <usize>used;
        n -= used;
        headersDone(st, d, end);
        continue;
      }
      have += take;
      store<u32>(h + D_BUFLEN, have);
      p += <usize>take;
      n -= take;
      if (have >= cap) {
        appAnomaly(ANOM_HTTP_HEADER_TOO_LONG);
        headersDone(st, d, have);
        // the rest of the oversized block is skipped before the body (if any) starts
        store<u32>(h + D_BODYTOTAL, load<u32>(h + D_PHASE)); // phase to resume
        store<u32>(h + D_PHASE, PH_SKIPHDR);
        store<u32>(h + D_AUX, 0);
      }
      continue;
    }
    if (phase == PH_SKIPHDR) {
      // look for "\n\r\n" or "\n\n"; D_AUX keeps the last two bytes
      let last = load<u32>(h + D_AUX);
      let found = false;
      while (n > 0) {
        const c = <u32>load<u8>(p);
        p++;
        n--;
        if (c == 10 && ((last & 0xff) == 10 || (last & 0xffff) == 0x0a0d)) {
          found = true;
          break;
        }
        last = ((last << 8) | c) & 0xffff;
      }
      store<u32>(h + D_AUX, last);
      if (found) {
        const resume = load<u32>(h + D_BODYTOTAL);
        store<u32>(h + D_BODYTOTAL, 0);
        if (resume == PH_HDR || resume == PH_SKIPHDR) {
          // the message had no body: it was completed (request held / response emitted)
          store<u32>(h + D_PHASE, PH_HDR);
        } else store<u32>(h + D_PHASE, resume);
      }
      continue;
    }
    if (phase == PH_BODY_CL) {
      const k = keepCounted(st, d, h, p, n);
      p += <usize>k;
      n -= k;
      if (load<u32>(h + D_REMAIN) == 0) messageDone(st, d);
      continue;
    }
    if (phase == PH_BODY_CLOSE) {
      keepBody(st, d, p, n);
      n = 0;
      continue;
    }
    if (phase == PH_CHUNK_SIZE || phase == PH_TRAILER || phase == PH_CHUNK_CRLF) {
      // line-oriented: D_AUX = bytes of the current line (chunk size accumulates in D_REMAIN)
      const c = <u32>load<u8>(p);
      p++;
      n--;
      let lineLen = load<u32>(h + D_AUX);
      if (c != 10) {
        if (c != 13) lineLen++;
        if (phase == PH_CHUNK_SIZE) {
          const ext = (load<u32>(h + D_REMAIN) & 0x80000000) != 0;
          let size = load<u32>(h + D_REMAIN) & 0x7fffffff;
          if (c == 59 || isSpace(c)) store<u32>(h + D_REMAIN, size | 0x80000000);
          else if (!ext && c != 13) {
            const v = hexVal(c);
            if (v < 0 || size > 0x07ffffff) {
              appAnomaly(ANOM_HTTP_BAD_CHUNK_SIZE);
              // unframed from here: the rest of the stream, this byte included, is body (libhtp
              // falls back to identity likewise: `Transfer-Encoding: \rchunked` with a plain
              // body is http-evader-074)
              store<u32>(h + D_PHASE, PH_BODY_CLOSE);
              p--;
              n++;
              continue;
            }
            size = (size << 4) | (<u32>v);
            store<u32>(h + D_REMAIN, size);
          }
          if (lineLen > CHUNK_LINE_MAX) {
            appAnomaly(ANOM_HTTP_BAD_CHUNK_SIZE);
            store<u32>(h + D_PHASE, PH_BODY_CLOSE);
            continue;
          }
        } else if (phase == PH_TRAILER && lineLen > HTTP_HDR_CAP) {
          appAnomaly(ANOM_HTTP_HEADER_TOO_LONG);
          lineLen = 1; // keep skipping the line
        }
        store<u32>(h + D_AUX, lineLen);
        continue;
      }
      // end of a line
      store<u32>(h + D_AUX, 0);
      if (phase == PH_CHUNK_CRLF) {
        store<u32>(h + D_PHASE, PH_CHUNK_SIZE);
        store<u32>(h + D_REMAIN, 0);
      } else if (phase == PH_CHUNK_SIZE) {
        if (lineLen == 0) continue; // tolerate empty lines before a size
        const size = load<u32>(h + D_REMAIN) & 0x7fffffff;
        store<u32>(h + D_REMAIN, size);
        store<u32>(h + D_PHASE, size == 0 ? PH_TRAILER : PH_CHUNK_DATA);
      } else if (lineLen == 0) {
        messageDone(st, d); // blank line after the trailers
      }
      continue;
    }
    if (phase == PH_CHUNK_DATA) {
      const k = keepCounted(st, d, h, p, n);
      p += <usize>k;
      n -= k;
      if (load<u32>(h + D_REMAIN) == 0) {
        store<u32>(h + D_PHASE, PH_CHUNK_CRLF);
        store<u32>(h + D_AUX, 0);
      }
      continue;
    }
    break;
  }
}

/** The flow ends: complete a read-until-close response, log the requests still waiting. */
export function httpEnd(st: usize): void {
  const h1 = dirHdr(st, 1);
  const ph = load<u32>(h1 + D_PHASE);
  if (load<u32>(h1 + D_HDRLEN) > 0 && ph != PH_HDR) messageDone(st, 1);
  const h0 = dirHdr(st, 0);
  if (load<u32>(h0 + D_HDRLEN) > 0) {
    // a request whose body never completed: queue it as it is
    if (qCount(st) >= Q_MAX) popAlone(st);
    const n = qCount(st);
    const e = qEntry(st, n);
    store<u32>(e, load<u32>(st + ST_BASE));
    store<u32>(e + 4, load<u32>(h0 + D_HDRLEN));
    store<u32>(e + 8, load<u32>(h0 + D_BODYKEPT));
    store<u32>(e + 12, load<u32>(h0 + D_BODYTOTAL));
    setQCount(st, n + 1);
    resetDir(st, 0);
  }
  while (qCount(st) > 0) popAlone(st);
}
