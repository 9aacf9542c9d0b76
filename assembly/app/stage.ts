// The app-layer stage: reassembled TCP chunks (reassemble/stream.ts deliverChunk → appStream)
// and UDP datagrams (pipeline → appPacket) go to protocol detection, then to the flow's parser.
// The flow slot's app word (app/state.ts SLOT_APP_OFF): bits 0-7 app_proto (APP_PROTO_*), bits
// 8-9 directions tried without a match, bits 10-31 parser state index + 1 (0 = none).
// A hole in a stream (a reassembly gap: the chunk's offset is not the one expected) ends
// parsing of that flow (app.stream_gap) after logging what was complete.
//
// When packet rules see a TCP flow's app_proto (Suricata's DetectRunSetup reads f->alproto): in
// IDS mode Suricata gives a direction's data to the app layer only once the other side has
// acknowledged it (StreamTcpReassembleHandleSegment, UPDATE_DIR_OPPOSING; a SYN/ACK does not
// count), so the app_proto becomes known on the peer's ACK of the bytes that revealed it, not on
// their arrival. netsift parses on arrival; the slot remembers the stream offset those bytes end
// at (SLOT_APP_ACK_OFF) and the direction (SLOT_APP_ACKED_OFF: APP_ACK_PENDING_TS / _TC), and the
// reassembly stage reports the peer's ACKs (appPeerAck) until it is APP_ACKED. Candidates of
// packets before that carry CAND_F_APP_PROTO_UNACKED (match/packet.ts), and the verifier does not
// let a rule naming an app protocol match those packets. UDP app_proto is known at once.

import { ANOM_APP_STATE_MEMCAP, ANOM_APP_STREAM_GAP, ANOM_DNS_TCP_TOO_LONG } from '../abi/anomalies';
import {
  APP_PROTO_DNS,
  APP_PROTO_FAILED,
  APP_PROTO_HTTP,
  APP_PROTO_NONE,
  APP_PROTO_TLS,
} from '../abi/layout';
import { payloadLen, payloadOff, ipProto } from '../decode/packet';
import { setAppContext, setAppSlot } from '../emit/app';
import {
  SLOT_APP_ACK_OFF,
  SLOT_APP_ACKED_OFF,
  SLOT_APP_OFF,
  SLOT_FLAGS_OFF,
  SLOT_F_MIDSTREAM,
  SLOT_F_NO_PAYLOAD_INSPECT,
  SLOT_LAST_PKT_OFF,
  SLOT_LAST_TS_OFF,
} from '../flow/table';
import { appAnomaly } from './anomaly';
import { countAppFlow } from './counters';
import { parsed } from './detect-only';
import { detectDatagram, detectStream } from './detect';
import { parseDns } from './dns';
import { httpEnd, httpFeed } from './http';
import {
  bufAppend,
  D_AUX,
  D_BUFLEN,
  D_NEXTOFF,
  D_REMAIN,
  DIR_BUF_SIZE,
  dirBuf,
  dirHdr,
  giveState,
  ST_TX,
  stateAt,
  takeState,
} from './state';
import { tlsAppData, tlsDone, tlsEmit, tlsFeed } from './tls';

export let appEnabled: bool = false;

export function setAppEnabled(on: bool): void {
  appEnabled = on;
}

/** False with Suricata's stream.midstream=false (CFG_MIDSTREAM 0): no app layer on TCP flows picked up mid-stream. */
let appMidstream: bool = true;

export function setAppMidstream(on: bool): void {
  appMidstream = on;
}

/** Suricata's tls encryption-handling `full`: keep inspecting payloads of encrypted TLS flows. */
let tlsPayloadInspection: bool = false;

export function setTlsPayloadInspection(on: bool): void {
  tlsPayloadInspection = on;
}

/** Bytes a direction's stream needs before detection may say "not this protocol". */
const DETECT_MIN: u32 = 64;
const detectTmp: usize = memory.data(<i32>(DETECT_MIN * 2), 8);
const TRIED_SHIFT: u32 = 8;
const IDX_SHIFT: u32 = 10;

function word(slot: usize): u32 {
  return load<u32>(slot + SLOT_APP_OFF);
}

function setWord(slot: usize, w: u32): void {
  store<u32>(slot + SLOT_APP_OFF, w);
}

/** SLOT_APP_ACKED_OFF values (0: no app_proto yet, or not TCP): pending on the ACK of toserver / toclient data · acknowledged. */
const APP_ACK_PENDING_TS: u8 = 1;
const APP_ACK_PENDING_TC: u8 = 2;
const APP_ACKED: u8 = 3;

/** The TCP flow's app_proto was just detected on direction `d`'s bytes ending at stream offset `endOff`. */
function awaitAck(slot: usize, d: u32, endOff: u32): void {
  store<u32>(slot + SLOT_APP_ACK_OFF, endOff);
  store<u8>(slot + SLOT_APP_ACKED_OFF, d == 0 ? APP_ACK_PENDING_TS : APP_ACK_PENDING_TC);
}

/**
 * The reassembly stage saw a packet (not a SYN) acknowledging `ackedLen` bytes of the stream in
 * direction `dataToServer`: the app_proto becomes visible to packet rules once that covers the
 * bytes it was detected on.
 */
export function appPeerAck(slot: usize, dataToServer: bool, ackedLen: u32): void {
  const s = load<u8>(slot + SLOT_APP_ACKED_OFF);
  if (s != (dataToServer ? APP_ACK_PENDING_TS : APP_ACK_PENDING_TC)) return;
  // acknowledged up to (or past) the detection bytes; wrap-safe within half the sequence space
  if (ackedLen - load<u32>(slot + SLOT_APP_ACK_OFF) < 0x80000000)
    store<u8>(slot + SLOT_APP_ACKED_OFF, APP_ACKED);
}

/** True while the TCP flow's app_proto is known to netsift but not yet to packet rules (see above). */
export function appProtoUnacked(slot: usize): bool {
  const s = load<u8>(slot + SLOT_APP_ACKED_OFF);
  return s == APP_ACK_PENDING_TS || s == APP_ACK_PENDING_TC;
}

/** A direction matched nothing: failed once both did. */
function tried(slot: usize, d: u32): void {
  let w = word(slot) | (1 << (TRIED_SHIFT + d));
  if (((w >> TRIED_SHIFT) & 3) == 3) {
    w = (w & ~0xff) | APP_PROTO_FAILED;
    countAppFlow(slot, APP_PROTO_FAILED);
  }
  setWord(slot, w);
}

function stateIdx(slot: usize): u32 {
  return word(slot) >> IDX_SHIFT;
}

function release(slot: usize): void {
  const idx = stateIdx(slot);
  if (idx == 0) return;
  giveState(idx);
  setWord(slot, word(slot) & ((1 << IDX_SHIFT) - 1));
}

/** Finish a flow's parsing: log what is pending, free the state (app_proto stays). */
function finish(slot: usize): void {
  const idx = stateIdx(slot);
  if (idx == 0) return;
  const st = stateAt(idx);
  const proto = word(slot) & 0xff;
  if (proto == APP_PROTO_HTTP) httpEnd(st);
  else if (proto == APP_PROTO_TLS) tlsEmit(st, 0);
  release(slot);
}

/** In-order stream bytes of the flow in `slot` (reassemble/stream.ts deliverChunk). */
export function appStream(slot: usize, toServer: bool, ptr: usize, len: u32, off: u32): void {
  if (!appEnabled || len == 0) return;
  // Suricata with stream.midstream=false keeps no TCP session (so no app layer) for a flow whose
  // first packet was not a SYN
  if (!appMidstream && (load<u8>(slot + SLOT_FLAGS_OFF) & SLOT_F_MIDSTREAM) != 0) return;
  setAppSlot(slot);
  const d: u32 = toServer ? 0 : 1;
  let w = word(slot);
  let proto = w & 0xff;
  if (proto == APP_PROTO_FAILED) return;
  if (proto == APP_PROTO_NONE) {
    if (((w >> TRIED_SHIFT) & (1 << d)) != 0) return;
    let pre = w >> IDX_SHIFT;
    let p = APP_PROTO_NONE;
    if (pre == 0 && off == 0) {
      p = detectStream(ptr, len);
      if (p == APP_PROTO_NONE && len < DETECT_MIN) {
        // too short to tell: keep the first bytes in a state until there are enough
        pre = takeState();
        if (pre == 0) {
          appAnomaly(ANOM_APP_STATE_MEMCAP);
          tried(slot, d);
          return;
        }
        setWord(slot, w | (pre << IDX_SHIFT));
        store<u32>(dirHdr(stateAt(pre), 1 - d) + D_NEXTOFF, 0xffffffff);
      }
    }
    if (pre != 0) {
      const pst = stateAt(pre);
      const ph = dirHdr(pst, d);
      const expect = load<u32>(ph + D_NEXTOFF);
      if (expect != 0xffffffff && expect != off) {
        release(slot);
        tried(slot, d);
        return;
      }
      if (expect == 0xffffffff && off != 0) {
        tried(slot, d);
        return;
      }
      // accumulate at most DETECT_MIN bytes, then decide on them
      const have = load<u32>(ph + D_BUFLEN);
      const take = min<u32>(len, DETECT_MIN - have);
      bufAppend(pst, d, ptr, take);
      store<u32>(ph + D_NEXTOFF, off + take);
      const total = have + take;
      p = detectStream(dirBuf(pst, d), total);
      if (p == APP_PROTO_NONE) {
        if (total >= DETECT_MIN) {
          release(slot);
          tried(slot, d);
        }
        return;
      }
      // detected: replay the buffered bytes (the other direction's first: they came earlier)
      // through a fresh state, then the rest of this chunk
      memory.copy(detectTmp, dirBuf(pst, d), total);
      const otherLen = load<u32>(dirHdr(pst, 1 - d) + D_BUFLEN);
      memory.copy(detectTmp + <usize>DETECT_MIN, dirBuf(pst, 1 - d), otherLen);
      release(slot);
      w = word(slot);
      const idx = parsed(p) ? takeState() : 0;
      if (idx == 0 && parsed(p)) appAnomaly(ANOM_APP_STATE_MEMCAP);
      setWord(slot, (w & 0x300) | p | (idx << IDX_SHIFT));
      countAppFlow(slot, p);
      awaitAck(slot, d, off + len);
      if (idx == 0) return;
      store<u32>(dirHdr(stateAt(idx), 1 - d) + D_NEXTOFF, otherLen > 0 ? 0 : 0xffffffff);
      store<u32>(dirHdr(stateAt(idx), d) + D_NEXTOFF, 0);
      if (otherLen > 0) appStream(slot, !toServer, detectTmp + <usize>DETECT_MIN, otherLen, 0);
      appStream(slot, toServer, detectTmp, total, 0);
      if (take < len) appStream(slot, toServer, ptr + <usize>take, len - take, off + take);
      return;
    }
    if (p == APP_PROTO_NONE) {
      tried(slot, d);
      return;
    }
    // a protocol netsift only detects keeps no state: app_proto is all there is
    const idx = parsed(p) ? takeState() : 0;
    if (idx == 0 && parsed(p)) appAnomaly(ANOM_APP_STATE_MEMCAP);
    w = (w & 0x300) | p | (idx << IDX_SHIFT);
    setWord(slot, w);
    countAppFlow(slot, p);
    awaitAck(slot, d, off + len);
    proto = p;
    if (idx != 0) {
      // the other direction may already be under way: expect its next bytes wherever they come
      store<u32>(dirHdr(stateAt(idx), 1 - d) + D_NEXTOFF, 0xffffffff);
      store<u32>(dirHdr(stateAt(idx), d) + D_NEXTOFF, off);
    }
  }
  const idx = w >> IDX_SHIFT;
  if (idx == 0) return;
  const st = stateAt(idx);
  const h = dirHdr(st, d);
  const expect = load<u32>(h + D_NEXTOFF);
  if (expect != 0xffffffff && expect != off) {
    appAnomaly(ANOM_APP_STREAM_GAP);
    finish(slot);
    return;
  }
  store<u32>(h + D_NEXTOFF, off + len);
  if (proto == APP_PROTO_HTTP) httpFeed(st, d, ptr, len);
  else if (proto == APP_PROTO_TLS) {
    // the parser logs the handshake (tlsDone) and, unless encryption handling is `full`, keeps
    // reading record headers until application data starts: then payload inspection stops for
    // the flow, as in Suricata (encrypted bytes only match rules by chance)
    tlsFeed(st, d, ptr, len, !tlsPayloadInspection);
    if (tlsAppData(st)) {
      store<u8>(slot + SLOT_FLAGS_OFF, load<u8>(slot + SLOT_FLAGS_OFF) | SLOT_F_NO_PAYLOAD_INSPECT);
      release(slot);
    } else if (tlsDone(st) && tlsPayloadInspection) release(slot);
  } else if (proto == APP_PROTO_DNS) dnsTcpFeed(st, d, ptr, len);
}

/** DNS over TCP: 2-byte length framing (RFC 1035 §4.2.2); D_AUX = length bytes read (bit 16: skip this message). */
function dnsTcpFeed(st: usize, d: u32, ptr: usize, len: u32): void {
  const h = dirHdr(st, d);
  let p = ptr;
  let n = len;
  while (n > 0) {
    let rem = load<u32>(h + D_REMAIN);
    let aux = load<u32>(h + D_AUX);
    if (rem == 0) {
      let have = aux & 3;
      let ml = (aux >> 8) & 0xff;
      while (have < 2 && n > 0) {
        ml = (ml << 8) | (<u32>load<u8>(p));
        have++;
        p++;
        n--;
      }
      if (have < 2) {
        store<u32>(h + D_AUX, have | (ml << 8));
        return;
      }
      ml &= 0xffff;
      store<u32>(h + D_BUFLEN, 0);
      if (ml == 0) {
        store<u32>(h + D_AUX, 0);
        continue;
      }
      if (ml > DIR_BUF_SIZE) appAnomaly(ANOM_DNS_TCP_TOO_LONG);
      store<u32>(h + D_REMAIN, ml);
      store<u32>(h + D_AUX, 0x100000 | (ml > DIR_BUF_SIZE ? 0x10000 : 0));
      continue;
    }
    const k = min<u32>(rem, n);
    if ((aux & 0x10000) == 0) bufAppend(st, d, p, k);
    p += <usize>k;
    n -= k;
    rem -= k;
    store<u32>(h + D_REMAIN, rem);
    if (rem == 0) {
      if ((aux & 0x10000) == 0) {
        const tx = load<u32>(st + ST_TX);
        parseDns(dirBuf(st, d), load<u32>(h + D_BUFLEN), d, tx);
        store<u32>(st + ST_TX, tx + 1);
      }
      store<u32>(h + D_AUX, 0);
      store<u32>(h + D_BUFLEN, 0);
    }
  }
}

/**
 * The app stage for the packet just handled by the flow stage: sets the event context (time,
 * packet number) and parses UDP datagrams. TCP arrives through appStream.
 */
export function appPacket(slot: usize, pkt: usize, toServer: bool, tsNs: u64, pktNum: u64): void {
  setAppContext(tsNs, pktNum);
  if (!appEnabled || ipProto != 17 || payloadLen == 0) return;
  setAppSlot(slot);
  const d: u32 = toServer ? 0 : 1;
  const w = word(slot);
  let proto = w & 0xff;
  if (proto == APP_PROTO_FAILED) return;
  const p = pkt + <usize>payloadOff;
  if (proto == APP_PROTO_NONE) {
    if (((w >> TRIED_SHIFT) & (1 << d)) != 0) return;
    proto = detectDatagram(p, payloadLen);
    if (proto == APP_PROTO_NONE) {
      tried(slot, d);
      return;
    }
    setWord(slot, (w & ~0xff) | proto);
    countAppFlow(slot, proto);
  }
  if (proto == APP_PROTO_DNS) parseDns(p, payloadLen, d, 0);
}

/** The flow in `slot` ends (after its streams were flushed): log what is pending, free the state. */
export function appFlowEnd(slot: usize): void {
  // a flow that ends undecided after carrying data (too little to tell, or one side only) failed
  // detection: its flow event already says "failed", and Suricata counts it so
  const w = word(slot);
  if ((w & 0xff) == APP_PROTO_NONE && (((w >> TRIED_SHIFT) & 3) != 0 || w >> IDX_SHIFT != 0)) {
    setWord(slot, (w & ~0xff) | APP_PROTO_FAILED);
    countAppFlow(slot, APP_PROTO_FAILED);
  }
  if (stateIdx(slot) == 0) return;
  setAppSlot(slot);
  setAppContext(load<u64>(slot + SLOT_LAST_TS_OFF), load<u64>(slot + SLOT_LAST_PKT_OFF));
  finish(slot);
}

/** app_proto of the flow in `slot` (for its flow record). */
export function appProtoOf(slot: usize): u32 {
  return word(slot) & 0xff;
}
