// TLS over a reassembled TCP stream (RFC 8446, RFC 5246): the record layer is reassembled across
// chunks (a record header may itself be split), handshake records are concatenated into the
// direction buffer (at most DIR_BUF_SIZE bytes: beyond, tls.handshake_too_long, and a
// Certificate message cut there still yields its leaf certificate when that is complete), and
// handshake messages are parsed as they complete:
//   ClientHello  → tls.sni, ja3.string / ja3.hash (MD5), ja4.hash (SHA-256), inspected at once
//   ServerHello  → negotiated version (supported_versions), ja3s.string / ja3s.hash
//   Certificate  → leaf subject / issuer DN ("C=US, O=..., CN=..."), serial, SHA-1 fingerprint,
//                  DER (tls.certs); the server's (inspected toclient) and the client's, sent when
//                  the server asks for client authentication (inspected toserver: Suricata's cert
//                  buffers read the client's connection state in that direction)
// One event per handshake: when the server's Certificate is parsed, when the server's records
// become encrypted (TLS 1.3 after ServerHello, ChangeCipherSpec, application data), or at flow
// end. The client's handshake records are followed past the event until its Certificate is
// parsed or its records become encrypted; then the flow is not parsed further (the state goes
// back to the pool).
//
// JA3 (Salesforce): SSLVersion,Ciphers,Extensions,EllipticCurves,EcPointFormats in decimal,
// GREASE values (RFC 8701) left out. JA4 (FoxIO, JA4+ spec): t<ver><d|i><nn ciphers><nn
// extensions><alpn first+last char>_<sha256(sorted ciphers)[:12]>_<sha256(sorted extensions
// without SNI/ALPN "_" signature algorithms in order)[:12]>.
// Malformed: a record type outside 20..24 (tls.bad_record_type) or length above 2^14 + 2048
// (tls.bad_record_len) stops parsing the flow; a handshake message whose fields overrun it is
// tls.bad_handshake; a certificate that is not DER is tls.bad_certificate.

import {
  ANOM_TLS_BAD_CERTIFICATE,
  ANOM_TLS_BAD_HANDSHAKE,
  ANOM_TLS_BAD_RECORD_LEN,
  ANOM_TLS_BAD_RECORD_TYPE,
  ANOM_TLS_HANDSHAKE_TOO_LONG,
} from '../abi/anomalies';
import { APP_PROTO_TLS } from '../abi/layout';
import { beginAppRecord, setAppField, setAppNum } from '../emit/app';
import { be16, u8at } from '../util/bytes';
import { appAnomaly } from './anomaly';
import {
  arenaByte,
  arenaBytes,
  arenaDec,
  arenaHex16,
  arenaHex8,
  arenaPos,
  arenaReset,
  arenaRewind,
  BUF_JA3_HASH,
  BUF_JA3_STRING,
  BUF_JA3S_HASH,
  BUF_JA3S_STRING,
  BUF_JA4_HASH,
  BUF_TLS_CERT_ISSUER,
  BUF_TLS_CERT_SERIAL,
  BUF_TLS_CERT_SUBJECT,
  BUF_TLS_CERTS,
  BUF_TLS_CERT_CHAIN,
  BUF_TLS_CERT_FINGERPRINT,
  BUF_TLS_SNI,
  bufLen,
  bufPtr,
  clearBufs,
  inspectBufferValue,
  inspectBuffers,
  setBuf,
  setBufFrom,
} from './buffers';
import { md5, md5DigestPtr } from './md5';
import { sha1, sha1DigestPtr } from './sha1';
import { sha256, sha256DigestPtr } from './sha256';
import {
  D_AUX,
  D_BUFLEN,
  D_HDRLEN,
  D_PHASE,
  D_REMAIN,
  DIR_BUF_SIZE,
  bufAppend,
  dirBuf,
  dirHdr,
} from './state';

const TLS_MAX_RECORD: u32 = 16384 + 2048;
/** Messages are parsed again when the handshake is logged: anomalies count on the first parse only. */
let quiet = false;
function tAnom(id: u16): void {
  if (!quiet) appAnomaly(id);
}
const T_ENC: u32 = 1;
const T_DEAD: u32 = 2;
const T_OVER: u32 = 4;
// state header words (app/state.ts: 96..127)
const S_CH_OFF: usize = 96;
const S_CH_LEN: usize = 100;
const S_SH_OFF: usize = 104;
const S_SH_LEN: usize = 108;
const S_CERT_OFF: usize = 112;
const S_CERT_LEN: usize = 116;
const S_TLS_FLAGS: usize = 120; // 1 CH seen · 2 SH seen · 4 cert seen · 8 emitted · 16 app data · 32 client cert
const S_SH_VERSION: usize = 124;
const TF_CH: u32 = 1;
const TF_SH: u32 = 2;
const TF_CERT: u32 = 4;
const TF_EMITTED: u32 = 8;
/** Application data started (after the ServerHello, or from the server): the session is encrypted. */
const TF_APPDATA: u32 = 16;
/** The client's Certificate message was parsed (client authentication). */
const TF_CLIENT_CERT: u32 = 32;

/** Detection by content: a handshake record (type 22, version 3.x) carrying a ClientHello or ServerHello. */
export function tlsLooksLike(p: usize, len: u32): bool {
  if (len < 6) return false;
  if (u8at(p) != 22 || u8at(p + 1) != 3 || u8at(p + 2) > 4) return false;
  const rl = be16(p + 3);
  if (rl < 4 || rl > TLS_MAX_RECORD) return false;
  const ht = u8at(p + 5);
  return ht == 1 || ht == 2;
}

function isGrease(v: u32): bool {
  return (v & 0x0f0f) == 0x0a0a && v >> 8 == (v & 0xff);
}

/** True once the handshake was logged. */
function tlsEmitted(st: usize): bool {
  return (load<u32>(st + S_TLS_FLAGS) & TF_EMITTED) != 0;
}

/**
 * True once the client's handshake can bring no Certificate any more: its Certificate was parsed,
 * or its records are encrypted (after its ChangeCipherSpec) or not TLS.
 */
function clientHandshakeOver(st: usize): bool {
  return (
    (load<u32>(st + S_TLS_FLAGS) & TF_CLIENT_CERT) != 0 ||
    (load<u32>(dirHdr(st, 0) + D_PHASE) & (T_ENC | T_DEAD)) != 0
  );
}

/** True once the handshake was logged and the client's Certificate can no longer come: the stage frees the state. */
export function tlsDone(st: usize): bool {
  return tlsEmitted(st) && clientHandshakeOver(st);
}

/** True once application data flows (tlsFeed with `watchAppData`). */
export function tlsAppData(st: usize): bool {
  return (load<u32>(st + S_TLS_FLAGS) & TF_APPDATA) != 0;
}

/**
 * Feed `len` in-order stream bytes of direction `d`. Parsing ends when the handshake is logged,
 * or, with `watchAppData`, when application data starts (record headers are followed until then;
 * handshake bytes after the log are not buffered).
 */
export function tlsFeed(st: usize, d: u32, ptr: usize, len: u32, watchAppData: bool): void {
  const h = dirHdr(st, d);
  const acc = st + 80 + <usize>(d << 3);
  let p = ptr;
  let n = len;
  while (n > 0) {
    const flags = load<u32>(h + D_PHASE);
    if ((flags & T_DEAD) != 0 || tlsAppData(st) || (tlsDone(st) && !watchAppData)) return;
    let rem = load<u32>(h + D_REMAIN);
    let aux = load<u32>(h + D_AUX);
    if (rem == 0 && (aux & 0x10000) == 0) {
      // record header
      let have = aux & 0xff;
      while (have < 5 && n > 0) {
        store<u8>(acc + <usize>have, load<u8>(p));
        have++;
        p++;
        n--;
      }
      if (have < 5) {
        store<u32>(h + D_AUX, have);
        return;
      }
      const type = u8at(acc);
      const rl = be16(acc + 3);
      if (type < 20 || type > 24 || u8at(acc + 1) != 3) {
        appAnomaly(ANOM_TLS_BAD_RECORD_TYPE);
        store<u32>(h + D_PHASE, flags | T_DEAD);
        return;
      }
      if (rl > TLS_MAX_RECORD) {
        appAnomaly(ANOM_TLS_BAD_RECORD_LEN);
        store<u32>(h + D_PHASE, flags | T_DEAD);
        return;
      }
      if (type == 20 || type == 23) {
        // ChangeCipherSpec / application data: what follows is encrypted
        store<u32>(h + D_PHASE, flags | T_ENC);
        if (d == 1 || type == 23) tlsEmit(st, d);
        // client data before the ServerHello may be 0-RTT early data: not yet the session's
        // (Suricata's SSL_AL_FLAG_EARLY_DATA check)
        const f = load<u32>(st + S_TLS_FLAGS);
        if (type == 23 && (d == 1 || (f & TF_SH) != 0)) store<u32>(st + S_TLS_FLAGS, f | TF_APPDATA);
        if (tlsAppData(st) || (tlsDone(st) && !watchAppData)) return;
      }
      store<u32>(h + D_REMAIN, rl);
      store<u32>(h + D_AUX, (type << 8) | 0x10000);
      if (rl == 0) store<u32>(h + D_AUX, 0);
      continue;
    }
    const type = (aux >> 8) & 0xff;
    const k = min<u32>(rem, n);
    // after the handshake was logged, only the client's records are kept (its Certificate may follow)
    const buffered = type == 22 && (flags & T_ENC) == 0 && (!tlsEmitted(st) || (d == 0 && !tlsDone(st)));
    if (buffered) {
      const put = bufAppend(st, d, p, k);
      if (put < k) store<u32>(h + D_PHASE, load<u32>(h + D_PHASE) | T_OVER);
    }
    p += <usize>k;
    n -= k;
    rem -= k;
    store<u32>(h + D_REMAIN, rem);
    if (rem == 0) {
      store<u32>(h + D_AUX, 0);
      if (buffered) handshakeMessages(st, d);
    }
  }
}

/** Parse the complete handshake messages buffered in direction `d` not yet processed. */
function handshakeMessages(st: usize, d: u32): void {
  const h = dirHdr(st, d);
  const b = dirBuf(st, d);
  const have = load<u32>(h + D_BUFLEN);
  let off = load<u32>(h + D_HDRLEN);
  while (off + 4 <= have) {
    const type = u8at(b + <usize>off);
    const mlen = (u8at(b + <usize>off + 1) << 16) | be16(b + <usize>off + 2);
    const body = off + 4;
    let complete = body + mlen <= have;
    if (!complete) {
      if (body + mlen <= DIR_BUF_SIZE) break; // more to come
      // will never fit: parse what there is (a Certificate keeps its leaf) and stop here
      appAnomaly(ANOM_TLS_HANDSHAKE_TOO_LONG);
      if (type == 11 && d == 1) certMessage(st, b, body, have - body);
      else if (type == 11 && d == 0) clientCertMessage(st, b, body, have - body);
      off = have;
      break;
    }
    if (type == 1 && d == 0 && (load<u32>(st + S_TLS_FLAGS) & TF_CH) == 0) {
      store<u32>(st + S_CH_OFF, body);
      store<u32>(st + S_CH_LEN, mlen);
      store<u32>(st + S_TLS_FLAGS, load<u32>(st + S_TLS_FLAGS) | TF_CH);
      clearBufs();
      arenaReset();
      clientHello(b + <usize>body, mlen);
      inspectBuffers(0);
    } else if (type == 2 && d == 1 && (load<u32>(st + S_TLS_FLAGS) & TF_SH) == 0) {
      store<u32>(st + S_SH_OFF, body);
      store<u32>(st + S_SH_LEN, mlen);
      store<u32>(st + S_TLS_FLAGS, load<u32>(st + S_TLS_FLAGS) | TF_SH);
      clearBufs();
      arenaReset();
      const v = serverHello(b + <usize>body, mlen);
      store<u32>(st + S_SH_VERSION, v);
      if (v == 0x0304) {
        // TLS 1.3: the certificate is encrypted; the handshake is as complete as it gets
        store<u32>(h + D_HDRLEN, body + mlen);
        tlsEmit(st, 1);
        return;
      }
    } else if (type == 11 && d == 1 && (load<u32>(st + S_TLS_FLAGS) & TF_CERT) == 0) {
      certMessage(st, b, body, mlen);
      store<u32>(h + D_HDRLEN, body + mlen);
      tlsEmit(st, 1);
      return;
    } else if (type == 11 && d == 0 && (load<u32>(st + S_TLS_FLAGS) & TF_CLIENT_CERT) == 0) {
      clientCertMessage(st, b, body, mlen);
    }
    off = body + mlen;
  }
  store<u32>(h + D_HDRLEN, off);
}

/** The server's Certificate message: kept for the event (re-parsed by tlsEmit), inspected toclient. */
function certMessage(st: usize, b: usize, body: u32, mlen: u32): void {
  store<u32>(st + S_CERT_OFF, body);
  store<u32>(st + S_CERT_LEN, mlen);
  store<u32>(st + S_TLS_FLAGS, load<u32>(st + S_TLS_FLAGS) | TF_CERT);
  inspectCertificates(b, body, mlen, 1);
}

/** The client's Certificate message (client authentication): inspected toserver, not logged. */
function clientCertMessage(st: usize, b: usize, body: u32, mlen: u32): void {
  store<u32>(st + S_TLS_FLAGS, load<u32>(st + S_TLS_FLAGS) | TF_CLIENT_CERT);
  inspectCertificates(b, body, mlen, 0);
}

/** Fill the certificate buffers from a Certificate message body and inspect them in direction `dir`. */
function inspectCertificates(b: usize, body: u32, mlen: u32, dir: u32): void {
  clearBufs();
  arenaReset();
  if (!certificates(b + <usize>body, mlen)) return;
  // the whole certificate_list, for tls.cert_chain_len (counted by the verifier, src/app/fields.ts)
  if (mlen > 3) setBuf(BUF_TLS_CERT_CHAIN, b + <usize>body + 3, mlen - 3);
  inspectBuffers(dir);
  // tls.certs is a multi-buffer: every further certificate of the chain is inspected in turn
  // (the leaf's subject / issuer / serial / fingerprint stay set)
  const p = b + <usize>body;
  let o: u32 = 6 + leafLen;
  while (o + 3 <= mlen) {
    const cl = (u8at(p + <usize>o) << 16) | be16(p + <usize>o + 1);
    if (o + 3 + cl > mlen) break;
    setBuf(BUF_TLS_CERTS, p + <usize>(o + 3), cl);
    inspectBufferValue(BUF_TLS_CERTS, dir);
    o += 3 + cl;
  }
}

// ---- ClientHello / ServerHello ----

const valsPtr: usize = memory.data(1024, 8); // up to 512 u16 values for sorting
let sniPtr: usize = 0;
let sniLen: u32 = 0;

function sortVals(n: u32): void {
  for (let i: u32 = 1; i < n; i++) {
    const v = load<u16>(valsPtr + ((<usize>i) << 1));
    let j = i;
    while (j > 0 && load<u16>(valsPtr + ((<usize>(j - 1)) << 1)) > v) {
      store<u16>(valsPtr + ((<usize>j) << 1), load<u16>(valsPtr + ((<usize>(j - 1)) << 1)));
      j--;
    }
    store<u16>(valsPtr + ((<usize>j) << 1), v);
  }
}

function hexDigest(ptr: usize, n: u32): void {
  for (let i: u32 = 0; i < n; i++) arenaHex8(u8at(ptr + <usize>i));
}

function ja4Version(v: u32): void {
  if (v == 0x0304) {
    arenaByte(49);
    arenaByte(51);
  } else if (v == 0x0303) {
    arenaByte(49);
    arenaByte(50);
  } else if (v == 0x0302) {
    arenaByte(49);
    arenaByte(49);
  } else if (v == 0x0301) {
    arenaByte(49);
    arenaByte(48);
  } else if (v == 0x0300) {
    arenaByte(115);
    arenaByte(51);
  } else {
    arenaByte(48);
    arenaByte(48);
  }
}

function dec2(n: u32): void {
  const v = min<u32>(n, 99);
  arenaByte(48 + v / 10);
  arenaByte(48 + (v % 10));
}

function isAlnum(c: u32): bool {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Parse a ClientHello body; sets tls.sni, ja3.string, ja3.hash, ja4.hash. False if malformed. */
export function clientHello(p: usize, len: u32): bool {
  sniPtr = 0;
  sniLen = 0;
  if (len < 38) {
    tAnom(ANOM_TLS_BAD_HANDSHAKE);
    return false;
  }
  const legacy = be16(p);
  let off: u32 = 34;
  const sidLen = u8at(p + <usize>off);
  off += 1 + sidLen;
  if (off + 2 > len) {
    tAnom(ANOM_TLS_BAD_HANDSHAKE);
    return false;
  }
  const csLen = be16(p + <usize>off);
  const csOff = off + 2;
  off = csOff + csLen;
  if (off + 1 > len || (csLen & 1) != 0) {
    tAnom(ANOM_TLS_BAD_HANDSHAKE);
    return false;
  }
  const compLen = u8at(p + <usize>off);
  off += 1 + compLen;
  let extOff: u32 = 0;
  let extEnd: u32 = 0;
  if (off + 2 <= len) {
    extOff = off + 2;
    extEnd = extOff + be16(p + <usize>off);
    if (extEnd > len) {
      tAnom(ANOM_TLS_BAD_HANDSHAKE);
      extEnd = len;
    }
  } else if (off > len) {
    tAnom(ANOM_TLS_BAD_HANDSHAKE);
    return false;
  }
  // ---- JA3 string ----
  const ja3 = arenaPos();
  arenaDec(legacy);
  arenaByte(44);
  let first = true;
  let nCiphers: u32 = 0;
  for (let i: u32 = 0; i + 1 < csLen; i += 2) {
    const v = be16(p + <usize>(csOff + i));
    if (isGrease(v)) continue;
    if (!first) arenaByte(45);
    arenaDec(v);
    first = false;
    nCiphers++;
  }
  arenaByte(44);
  // extensions: types; remember SNI, groups, point formats, ALPN, sig algs, supported_versions
  first = true;
  let nExt: u32 = 0;
  let groupsOff: u32 = 0;
  let groupsLen: u32 = 0;
  let pfOff: u32 = 0;
  let pfLen: u32 = 0;
  let alpnOff: u32 = 0;
  let alpnLen: u32 = 0;
  let sigOff: u32 = 0;
  let sigLen: u32 = 0;
  let maxVersion: u32 = 0;
  let hasSni = false;
  let e = extOff;
  while (extOff != 0 && e + 4 <= extEnd) {
    const t = be16(p + <usize>e);
    const l = be16(p + <usize>e + 2);
    const d = e + 4;
    if (d + l > extEnd) {
      tAnom(ANOM_TLS_BAD_HANDSHAKE);
      break;
    }
    if (!isGrease(t)) {
      if (!first) arenaByte(45);
      arenaDec(t);
      first = false;
      nExt++;
    }
    if (t == 0) {
      hasSni = true;
      // server_name_list: u16 len, then entries type u8 · len u16 · name
      if (l >= 5 && u8at(p + <usize>d + 2) == 0) {
        const nl = be16(p + <usize>d + 3);
        if (d + 5 + nl <= d + l) {
          sniPtr = p + <usize>(d + 5);
          sniLen = nl;
        }
      }
    } else if (t == 10 && l >= 2) {
      groupsOff = d + 2;
      groupsLen = min<u32>(be16(p + <usize>d), l - 2);
    } else if (t == 11 && l >= 1) {
      pfOff = d + 1;
      pfLen = min<u32>(u8at(p + <usize>d), l - 1);
    } else if (t == 16 && l >= 3) {
      alpnOff = d + 2;
      alpnLen = min<u32>(be16(p + <usize>d), l - 2);
    } else if (t == 13 && l >= 2) {
      sigOff = d + 2;
      sigLen = min<u32>(be16(p + <usize>d), l - 2);
    } else if (t == 43 && l >= 1) {
      const vl = min<u32>(u8at(p + <usize>d), l - 1);
      for (let i: u32 = 0; i + 1 < vl; i += 2) {
        const v = be16(p + <usize>(d + 1 + i));
        if (!isGrease(v) && v > maxVersion) maxVersion = v;
      }
    }
    e = d + l;
  }
  arenaByte(44);
  first = true;
  for (let i: u32 = 0; i + 1 < groupsLen; i += 2) {
    const v = be16(p + <usize>(groupsOff + i));
    if (isGrease(v)) continue;
    if (!first) arenaByte(45);
    arenaDec(v);
    first = false;
  }
  arenaByte(44);
  for (let i: u32 = 0; i < pfLen; i++) {
    if (i > 0) arenaByte(45);
    arenaDec(u8at(p + <usize>(pfOff + i)));
  }
  setBufFrom(BUF_JA3_STRING, ja3);
  md5(bufPtr(BUF_JA3_STRING), bufLen(BUF_JA3_STRING));
  const ja3h = arenaPos();
  hexDigest(md5DigestPtr, 16);
  setBufFrom(BUF_JA3_HASH, ja3h);
  if (sniLen > 0) setBuf(BUF_TLS_SNI, sniPtr, sniLen);
  // ---- JA4 ----
  const ja4 = arenaPos();
  arenaByte(116); // 't': TLS over TCP
  ja4Version(maxVersion != 0 ? maxVersion : legacy);
  arenaByte(hasSni ? 100 : 105);
  dec2(nCiphers);
  dec2(nExt);
  if (alpnLen >= 2) {
    const fl = u8at(p + <usize>alpnOff);
    if (fl > 0 && alpnOff + 1 + fl <= len) {
      const c0 = u8at(p + <usize>alpnOff + 1);
      const c1 = u8at(p + <usize>(alpnOff + fl));
      if (isAlnum(c0) && isAlnum(c1)) {
        arenaByte(c0);
        arenaByte(c1);
      } else {
        // non-alphanumeric: first hex digit of the first byte, last hex digit of the last byte
        const hx = arenaPos();
        arenaHex8(c0);
        arenaHex8(c1);
        const a = load<u8>(hx);
        const z = load<u8>(hx + 3);
        store<u8>(hx, a);
        store<u8>(hx + 1, z);
        arenaRewindTo(hx + 2);
      }
    } else {
      arenaByte(48);
      arenaByte(48);
    }
  } else {
    arenaByte(48);
    arenaByte(48);
  }
  arenaByte(95);
  // b: sorted ciphers
  let nv: u32 = 0;
  for (let i: u32 = 0; i + 1 < csLen && nv < 512; i += 2) {
    const v = be16(p + <usize>(csOff + i));
    if (!isGrease(v)) {
      store<u16>(valsPtr + ((<usize>nv) << 1), <u16>v);
      nv++;
    }
  }
  hashSorted(nv, 0, 0, p);
  arenaByte(95);
  // c: sorted extensions without SNI and ALPN, then "_" signature algorithms in order
  nv = 0;
  e = extOff;
  while (extOff != 0 && e + 4 <= extEnd && nv < 512) {
    const t = be16(p + <usize>e);
    const l = be16(p + <usize>e + 2);
    if (!isGrease(t) && t != 0 && t != 16) {
      store<u16>(valsPtr + ((<usize>nv) << 1), <u16>t);
      nv++;
    }
    e += 4 + l;
  }
  hashSorted(nv, sigOff, sigLen, p);
  setBufFrom(BUF_JA4_HASH, ja4);
  return true;
}

function arenaRewindTo(pos: usize): void {
  arenaRewind(pos);
}

/**
 * Sort the `n` values at valsPtr, write them as 4-digit hex joined by ',' (plus "_" and the
 * signature algorithms when `sigLen` > 0), and append the first 12 hex digits of its SHA-256.
 */
function hashSorted(n: u32, sigOff: u32, sigLen: u32, p: usize): void {
  if (n == 0) {
    for (let i = 0; i < 12; i++) arenaByte(48);
    return;
  }
  sortVals(n);
  const s = arenaPos();
  for (let i: u32 = 0; i < n; i++) {
    if (i > 0) arenaByte(44);
    arenaHex16(<u32>load<u16>(valsPtr + ((<usize>i) << 1)));
  }
  if (sigLen >= 2) {
    arenaByte(95);
    for (let i: u32 = 0; i + 1 < sigLen; i += 2) {
      if (i > 0) arenaByte(44);
      arenaHex16(be16(p + <usize>(sigOff + i)));
    }
  }
  const sLen = <u32>(arenaPos() - s);
  sha256(s, sLen);
  arenaRewind(s);
  hexDigest(sha256DigestPtr, 6);
}

/** Parse a ServerHello body; sets ja3s.*; returns the negotiated version (0 if malformed). */
export function serverHello(p: usize, len: u32): u32 {
  if (len < 38) {
    tAnom(ANOM_TLS_BAD_HANDSHAKE);
    return 0;
  }
  let version = be16(p);
  let off: u32 = 34;
  off += 1 + u8at(p + <usize>off);
  if (off + 3 > len) {
    tAnom(ANOM_TLS_BAD_HANDSHAKE);
    return 0;
  }
  const cipher = be16(p + <usize>off);
  off += 3;
  const s = arenaPos();
  arenaDec(be16(p));
  arenaByte(44);
  arenaDec(cipher);
  arenaByte(44);
  if (off + 2 <= len) {
    let e = off + 2;
    const end = min<u32>(e + be16(p + <usize>off), len);
    let first = true;
    while (e + 4 <= end) {
      const t = be16(p + <usize>e);
      const l = be16(p + <usize>e + 2);
      if (!first) arenaByte(45);
      arenaDec(t);
      first = false;
      if (t == 43 && l == 2 && e + 6 <= end) version = be16(p + <usize>e + 4);
      e += 4 + l;
    }
  }
  setBufFrom(BUF_JA3S_STRING, s);
  md5(bufPtr(BUF_JA3S_STRING), bufLen(BUF_JA3S_STRING));
  const hs = arenaPos();
  hexDigest(md5DigestPtr, 16);
  setBufFrom(BUF_JA3S_HASH, hs);
  return version;
}

// ---- X.509 (DER) ----

let derTag: u32 = 0;
let derHdr: u32 = 0;
let derLen: u32 = 0;

/** Read the tag and length at p[off] within `end`; false when malformed. */
function der(p: usize, off: u32, end: u32): bool {
  if (off + 2 > end) return false;
  derTag = u8at(p + <usize>off);
  let l = u8at(p + <usize>off + 1);
  let hdr: u32 = 2;
  if (l >= 0x80) {
    const nb = l & 0x7f;
    if (nb == 0 || nb > 3 || off + 2 + nb > end) return false;
    l = 0;
    for (let i: u32 = 0; i < nb; i++) l = (l << 8) | u8at(p + <usize>(off + 2 + i));
    hdr += nb;
  }
  if (off + hdr + l > end) return false;
  derHdr = hdr;
  derLen = l;
  return true;
}

/** Write an OID (content bytes) as a short name (CN, O, ...) or dotted numbers. */
function oidName(p: usize, len: u32): void {
  if (len == 3 && u8at(p) == 0x55 && u8at(p + 1) == 4) {
    const a = u8at(p + 2);
    if (a == 3) return arenaStr('CN');
    if (a == 6) return arenaStr('C');
    if (a == 7) return arenaStr('L');
    if (a == 8) return arenaStr('ST');
    if (a == 10) return arenaStr('O');
    if (a == 11) return arenaStr('OU');
    if (a == 5) return arenaStr('serialNumber');
    if (a == 9) return arenaStr('street');
    if (a == 17) return arenaStr('postalCode');
    if (a == 4) return arenaStr('SN');
    if (a == 42) return arenaStr('GN');
    if (a == 12) return arenaStr('title');
  }
  if (len == 9 && u8at(p) == 0x2a && u8at(p + 1) == 0x86 && u8at(p + 8) == 1 && u8at(p + 7) == 9) {
    return arenaStr('emailAddress');
  }
  if (len == 10 && u8at(p) == 0x09 && u8at(p + 9) == 25) return arenaStr('DC');
  // dotted
  let v: u32 = 0;
  let firstArc = true;
  for (let i: u32 = 0; i < len; i++) {
    const b = u8at(p + <usize>i);
    v = (v << 7) | (b & 0x7f);
    if ((b & 0x80) == 0) {
      if (firstArc) {
        arenaDec(v < 40 ? 0 : v < 80 ? 1 : 2);
        arenaByte(46);
        arenaDec(v < 40 ? v : v < 80 ? v - 40 : v - 80);
        firstArc = false;
      } else {
        arenaByte(46);
        arenaDec(v);
      }
      v = 0;
    }
  }
}

function arenaStr(s: string): void {
  for (let i = 0; i < s.length; i++) arenaByte(<u32>s.charCodeAt(i));
}

/** Name ::= SEQUENCE OF SET OF { type OID, value } → "C=US, O=Org, CN=name". */
function dnString(p: usize, off: u32, len: u32): void {
  const end = off + len;
  let o = off;
  let firstRdn = true;
  while (o < end) {
    if (!der(p, o, end) || derTag != 0x31) return;
    const setEnd = o + derHdr + derLen;
    let a = o + derHdr;
    while (a < setEnd) {
      if (!der(p, a, setEnd) || derTag != 0x30) return;
      const atvEnd = a + derHdr + derLen;
      let q = a + derHdr;
      if (!der(p, q, atvEnd) || derTag != 0x06) return;
      const oidOff = q + derHdr;
      const oidLen = derLen;
      q = oidOff + oidLen;
      if (!der(p, q, atvEnd)) return;
      if (!firstRdn) {
        arenaByte(44);
        arenaByte(32);
      }
      firstRdn = false;
      oidName(p + <usize>oidOff, oidLen);
      arenaByte(61);
      arenaBytes(p + <usize>(q + derHdr), derLen);
      a = atvEnd;
    }
    o = setEnd;
  }
}

let leafPtr: usize = 0;
let leafLen: u32 = 0;

/** Certificate message body: the leaf's subject, issuer, serial, fingerprint; tls.certs = the leaf DER. */
function certificates(p: usize, len: u32): bool {
  leafPtr = 0;
  leafLen = 0;
  if (len < 3) {
    tAnom(ANOM_TLS_BAD_HANDSHAKE);
    return false;
  }
  const total = min<u32>((u8at(p) << 16) | be16(p + 1), len - 3);
  if (total < 3) return false;
  const cl = (u8at(p + 3) << 16) | be16(p + 4);
  if (<u32>6 + cl > len) {
    tAnom(ANOM_TLS_BAD_HANDSHAKE);
    return false;
  }
  leafPtr = p + 6;
  leafLen = cl;
  setBuf(BUF_TLS_CERTS, leafPtr, leafLen);
  if (!parseCert(leafPtr, leafLen)) return false;
  // Suricata's cert0_fingerprint: SHA-1 of the leaf DER, lowercase hex pairs joined by ':'
  sha1(leafPtr, leafLen);
  const fp = arenaPos();
  for (let i: u32 = 0; i < 20; i++) {
    if (i > 0) arenaByte(58);
    arenaHex8(u8at(sha1DigestPtr + <usize>i));
  }
  setBufFrom(BUF_TLS_CERT_FINGERPRINT, fp);
  return true;
}

function parseCert(c: usize, len: u32): bool {
  // Certificate SEQ { tbs SEQ { [0] version?, serial INTEGER, sigAlg SEQ, issuer, validity, subject ... } }
  if (!der(c, 0, len) || derTag != 0x30) return badCert();
  const certEnd = derHdr + derLen;
  const tbsOff = derHdr;
  if (!der(c, tbsOff, certEnd) || derTag != 0x30) return badCert();
  const tbsEnd = tbsOff + derHdr + derLen;
  let o = tbsOff + derHdr;
  if (!der(c, o, tbsEnd)) return badCert();
  if (derTag == 0xa0) {
    o += derHdr + derLen;
    if (!der(c, o, tbsEnd)) return badCert();
  }
  if (derTag != 0x02) return badCert();
  const serial = arenaPos();
  for (let i: u32 = 0; i < derLen; i++) {
    if (i > 0) arenaByte(58);
    const b = u8at(c + <usize>(o + derHdr + i));
    const hx = arenaPos();
    arenaHex8(b);
    // Suricata writes the serial in upper case
    for (let k = 0; k < 2; k++) {
      const ch = load<u8>(hx + <usize>k);
      if (ch >= 97) store<u8>(hx + <usize>k, ch - 32);
    }
  }
  setBufFrom(BUF_TLS_CERT_SERIAL, serial);
  o += derHdr + derLen;
  if (!der(c, o, tbsEnd) || derTag != 0x30) return badCert(); // signature algorithm
  o += derHdr + derLen;
  if (!der(c, o, tbsEnd) || derTag != 0x30) return badCert(); // issuer
  const issuer = arenaPos();
  const iHdr = derHdr;
  const iLen = derLen;
  dnString(c, o + iHdr, iLen); // (clobbers derHdr / derLen)
  setBufFrom(BUF_TLS_CERT_ISSUER, issuer);
  o += iHdr + iLen;
  if (!der(c, o, tbsEnd) || derTag != 0x30) return badCert(); // validity
  o += derHdr + derLen;
  if (!der(c, o, tbsEnd) || derTag != 0x30) return badCert(); // subject
  const subject = arenaPos();
  const sHdr = derHdr;
  const sLen = derLen;
  dnString(c, o + sHdr, sLen);
  setBufFrom(BUF_TLS_CERT_SUBJECT, subject);
  return true;
}

function badCert(): bool {
  if (!quiet) tAnom(ANOM_TLS_BAD_CERTIFICATE);
  return false;
}

/** Log the handshake (once): re-parse the kept messages to fill the buffers, emit the event. */
export function tlsEmit(st: usize, dir: u32): void {
  const f = load<u32>(st + S_TLS_FLAGS);
  if ((f & TF_EMITTED) != 0 || (f & (TF_CH | TF_SH)) == 0) return;
  store<u32>(st + S_TLS_FLAGS, f | TF_EMITTED);
  clearBufs();
  arenaReset();
  quiet = true;
  let version: u32 = 0;
  let clientVersion: u32 = 0;
  if ((f & TF_CH) != 0) {
    const chp = dirBuf(st, 0) + <usize>load<u32>(st + S_CH_OFF);
    clientHello(chp, load<u32>(st + S_CH_LEN));
    if (load<u32>(st + S_CH_LEN) >= 2) clientVersion = be16(chp);
  }
  if ((f & TF_SH) != 0) {
    version = serverHello(dirBuf(st, 1) + <usize>load<u32>(st + S_SH_OFF), load<u32>(st + S_SH_LEN));
  }
  if ((f & TF_CERT) != 0) {
    certificates(dirBuf(st, 1) + <usize>load<u32>(st + S_CERT_OFF), load<u32>(st + S_CERT_LEN));
  }
  quiet = false;
  // session resumption (TLS <= 1.2): the ServerHello echoes the ClientHello's session id and
  // no certificate follows
  let resumed = false;
  if ((f & (TF_CH | TF_SH)) == (TF_CH | TF_SH) && (f & TF_CERT) == 0 && version != 0x0304) {
    const chp = dirBuf(st, 0) + <usize>load<u32>(st + S_CH_OFF);
    const shp = dirBuf(st, 1) + <usize>load<u32>(st + S_SH_OFF);
    if (load<u32>(st + S_CH_LEN) >= 35 && load<u32>(st + S_SH_LEN) >= 35) {
      const cl = u8at(chp + 34);
      const sl = u8at(shp + 34);
      if (
        cl > 0 &&
        cl == sl &&
        <u32>35 + cl <= load<u32>(st + S_CH_LEN) &&
        <u32>35 + sl <= load<u32>(st + S_SH_LEN)
      ) {
        resumed = memory.compare(chp + 35, shp + 35, cl) == 0;
      }
    }
  }
  if (!beginAppRecord(APP_PROTO_TLS, dir, 0)) return;
  setAppNum(0, version);
  setAppNum(1, clientVersion);
  setAppNum(2, (f & 7) | (resumed ? 8 : 0));
  setAppField(0, bufPtr(BUF_TLS_SNI), bufLen(BUF_TLS_SNI));
  setAppField(1, bufPtr(BUF_TLS_CERT_SUBJECT), bufLen(BUF_TLS_CERT_SUBJECT));
  setAppField(2, bufPtr(BUF_TLS_CERT_ISSUER), bufLen(BUF_TLS_CERT_ISSUER));
  setAppField(3, bufPtr(BUF_TLS_CERT_SERIAL), bufLen(BUF_TLS_CERT_SERIAL));
  setAppField(4, bufPtr(BUF_TLS_CERTS), bufLen(BUF_TLS_CERTS));
  setAppField(5, bufPtr(BUF_JA3_STRING), bufLen(BUF_JA3_STRING));
  setAppField(6, bufPtr(BUF_JA3_HASH), bufLen(BUF_JA3_HASH));
  setAppField(7, bufPtr(BUF_JA3S_STRING), bufLen(BUF_JA3S_STRING));
  setAppField(8, bufPtr(BUF_JA3S_HASH), bufLen(BUF_JA3S_HASH));
  setAppField(9, bufPtr(BUF_JA4_HASH), bufLen(BUF_JA4_HASH));
}
