// The defragmentation stage: an IPv4 or IPv6 fragment (decode/packet.ts isFragment) goes into
// its datagram's tracker (defrag/tracker.ts); when the datagram is complete — the offset-0
// fragment, the last fragment (MF clear) and every 8-byte block in between seen — it is rebuilt
// as one raw IP packet in a scratch buffer (the first fragment's headers with lengths, flags and
// checksum fixed; for IPv6 the fragment header removed) and decoded again, so the flow stage,
// reassembly and matching see the whole datagram. Its wire bytes are those of the completing
// fragment (as tshark counts a reassembled datagram).
//
// Overlaps: the bytes that arrived first win (per 8-byte block; Suricata's "bsd"-like default is
// per-fragment, finer than this); a block that arrives again with different bytes raises
// defrag.overlap_diff. Fragments the engine cannot use (truncated by the snap length, beyond
// 65535 bytes, headers over HDR_MAX) are counted in COUNTER_DEFRAG_DROPPED.

import {
  COUNTER_DEFRAG_DROPPED,
  COUNTER_DEFRAG_FRAGMENTS,
  COUNTER_DEFRAG_OVERLAP,
  COUNTER_DEFRAG_REASSEMBLED,
  LAYER_FLAGS_OFF,
  LAYER_HDRLEN_OFF,
  LAYER_OFF_OFF,
  LAYER_PROTO_OFF,
  LAYER_SIZE,
} from '../abi/layout';
import { ANOM_DEFRAG_OVERLAP_DIFF, ANOM_DEFRAG_TOO_LARGE } from '../abi/anomalies';
import { LAYER_QUOTED, PROTO_IPV4, PROTO_IPV6, PROTO_IPV6_FRAGMENT } from '../abi/protocols';
import { decodePacket, LINKTYPE_RAW } from '../decode/dispatch';
import {
  dstAddrPtr,
  ipOff,
  ipVersion,
  layerCount,
  layersPtr,
  setVlan,
  srcAddrPtr,
  vlanId,
} from '../decode/packet';
import { addCounter, raiseAnomaly } from '../stats/counters';
import { be16, be32 } from '../util/bytes';
import {
  DATA_MAX,
  findTracker,
  freeTracker,
  HDR_MAX,
  T_BITMAP,
  T_DATA,
  T_FLAGS,
  T_HDR,
  T_HDR_LEN,
  T_LAST_TS,
  T_NH_PATCH,
  T_TOTAL,
  TF_HAVE_FIRST,
} from './tracker';

/** The rebuilt datagram (raw IP), valid until the next fragment completes. */
export const defragScratchPtr: usize = memory.data(<i32>(HDR_MAX + DATA_MAX), 16);

function layerAt(i: u32): usize {
  return layersPtr + <usize>(i * LAYER_SIZE);
}

function quoted(l: usize): bool {
  return (load<u8>(l + LAYER_FLAGS_OFF) & LAYER_QUOTED) != 0;
}

/** Mark blocks [b0, b1) in the bitmap; copies the bytes of blocks not yet held, checks the others. */
function place(t: usize, off: u32, src: usize, len: u32): void {
  const bm = t + T_BITMAP;
  const b0 = off >> 3;
  const b1 = (off + len + 7) >> 3;
  let overlapped = false;
  let differs = false;
  for (let b = b0; b < b1; b++) {
    const byte = bm + <usize>(b >> 3);
    const bit = <u8>((<u32>1) << (b & 7));
    const s = max<u32>(b << 3, off);
    const e = min<u32>((b + 1) << 3, off + len);
    const from = src + <usize>(s - off);
    const to = t + T_DATA + <usize>s;
    if ((load<u8>(byte) & bit) != 0) {
      overlapped = true;
      for (let i: u32 = 0; i < e - s; i++) {
        if (load<u8>(from + i) != load<u8>(to + i)) differs = true;
      }
    } else {
      memory.copy(to, from, e - s);
      // a block is held once its last byte is (the datagram's final block may be short)
      if (e == (b + 1) << 3 || e == off + len) store<u8>(byte, load<u8>(byte) | bit);
    }
  }
  if (overlapped) addCounter(COUNTER_DEFRAG_OVERLAP, 1);
  if (differs) raiseAnomaly(ANOM_DEFRAG_OVERLAP_DIFF);
}

function complete(t: usize): bool {
  if ((load<u8>(t + T_FLAGS) & TF_HAVE_FIRST) == 0) return false;
  const total = load<u32>(t + T_TOTAL);
  if (total == 0) return false;
  const blocks = (total + 7) >> 3;
  const bm = t + T_BITMAP;
  for (let b: u32 = 0; b < blocks; b++) {
    if ((load<u8>(bm + <usize>(b >> 3)) & (<u8>((<u32>1) << (b & 7)))) == 0) return false;
  }
  return true;
}

function ipv4Checksum(p: usize, len: u32): u32 {
  let sum: u32 = 0;
  for (let i: u32 = 0; i < len; i += 2) sum += be16(p + i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

/** Build the datagram in the scratch buffer; returns its length. */
function rebuild(t: usize, ver: u32): u32 {
  const hdrLen = <u32>load<u16>(t + T_HDR_LEN);
  const total = load<u32>(t + T_TOTAL);
  const out = defragScratchPtr;
  memory.copy(out, t + T_HDR, hdrLen);
  memory.copy(out + hdrLen, t + T_DATA, total);
  if (ver == 4) {
    store<u16>(out + 2, bswap<u16>(<u16>(hdrLen + total)));
    store<u16>(out + 6, bswap<u16>(<u16>(be16(out + 6) & 0x4000))); // keep DF, clear MF and offset
    store<u16>(out + 10, 0);
    store<u16>(out + 10, bswap<u16>(<u16>ipv4Checksum(out, hdrLen)));
  } else {
    store<u16>(out + 4, bswap<u16>(<u16>(hdrLen - 40 + total)));
  }
  return hdrLen + total;
}

/**
 * Take the fragment just decoded (record bytes at `pkt`). Returns the length of the rebuilt
 * datagram in defragScratchPtr, already decoded again (the packet summary now describes it),
 * or 0 while the datagram is incomplete (or the fragment was dropped).
 */
export function defragPacket(pkt: usize, tsNs: u64): u32 {
  addCounter(COUNTER_DEFRAG_FRAGMENTS, 1);
  const ver = ipVersion;
  const ipStart = ipOff;
  const ip = pkt + <usize>ipStart;
  let proto: u32 = 0;
  let id: u32 = 0;
  let fragOff: u32 = 0;
  let more = false;
  let dataOff: u32 = 0; // of the fragment's data, in the packet
  let dataLen: u32 = 0;
  let hdrLen: u32 = 0; // unfragmentable part: IP header (+ IPv6 extension headers before the fragment header)
  let nhPatch: u32 = 0; // IPv6: offset in the headers of the next-header byte to patch
  let nextHdr: u32 = 0;
  let capEnd: u32 = 0;
  if (ver == 4) {
    let found = false;
    for (let i: u32 = 0; i < layerCount; i++) {
      const l = layerAt(i);
      if (
        load<u8>(l + LAYER_PROTO_OFF) == PROTO_IPV4 &&
        !quoted(l) &&
        load<u32>(l + LAYER_OFF_OFF) == ipStart
      ) {
        hdrLen = <u32>load<u16>(l + LAYER_HDRLEN_OFF);
        found = true;
      }
    }
    if (!found || hdrLen < 20) {
      addCounter(COUNTER_DEFRAG_DROPPED, 1);
      return 0;
    }
    const totalLen = be16(ip + 2);
    const f = be16(ip + 6);
    id = be16(ip + 4);
    proto = <u32>load<u8>(ip + 9);
    fragOff = (f & 0x1fff) << 3;
    more = (f & 0x2000) != 0;
    dataOff = ipStart + hdrLen;
    dataLen = totalLen > hdrLen ? totalLen - hdrLen : 0;
    capEnd = ipStart + totalLen;
  } else {
    let fragLayer: i32 = -1;
    for (let i: u32 = 0; i < layerCount; i++) {
      const l = layerAt(i);
      if (
        load<u8>(l + LAYER_PROTO_OFF) == PROTO_IPV6_FRAGMENT &&
        !quoted(l) &&
        load<u32>(l + LAYER_OFF_OFF) > ipStart
      ) {
        fragLayer = <i32>i;
      }
    }
    if (fragLayer <= 0) {
      addCounter(COUNTER_DEFRAG_DROPPED, 1);
      return 0;
    }
    const fo = load<u32>(layerAt(<u32>fragLayer) + LAYER_OFF_OFF);
    const prev = layerAt(<u32>fragLayer - 1);
    const prevOff = load<u32>(prev + LAYER_OFF_OFF);
    nhPatch = (load<u8>(prev + LAYER_PROTO_OFF) == PROTO_IPV6 ? prevOff + 6 : prevOff) - ipStart;
    const fh = pkt + <usize>fo;
    nextHdr = <u32>load<u8>(fh);
    proto = nextHdr;
    const offField = be16(fh + 2);
    fragOff = offField & 0xfff8;
    more = (offField & 1) != 0;
    id = be32(fh + 4);
    hdrLen = fo - ipStart;
    dataOff = fo + 8;
    capEnd = ipStart + 40 + be16(ip + 4);
    dataLen = capEnd > dataOff ? capEnd - dataOff : 0;
  }
  // the fragment's bytes must all be captured
  const recEnd = capEnd;
  if (hdrLen > HDR_MAX || dataLen == 0 || !capturedUpTo(recEnd)) {
    addCounter(COUNTER_DEFRAG_DROPPED, 1);
    return 0;
  }
  if (fragOff + dataLen > 65535) {
    raiseAnomaly(ANOM_DEFRAG_TOO_LARGE);
    addCounter(COUNTER_DEFRAG_DROPPED, 1);
    return 0;
  }
  const vlan = vlanId;
  const t = findTracker(ver, proto, id, srcAddrPtr, dstAddrPtr, vlan, tsNs);
  if (tsNs > load<u64>(t + T_LAST_TS)) store<u64>(t + T_LAST_TS, tsNs);
  if (fragOff == 0 && (load<u8>(t + T_FLAGS) & TF_HAVE_FIRST) == 0) {
    memory.copy(t + T_HDR, ip, hdrLen);
    store<u16>(t + T_HDR_LEN, <u16>hdrLen);
    if (ver == 6) {
      store<u16>(t + T_NH_PATCH, <u16>nhPatch);
      store<u8>(t + T_HDR + <usize>nhPatch, <u8>nextHdr);
    }
    store<u8>(t + T_FLAGS, load<u8>(t + T_FLAGS) | TF_HAVE_FIRST);
  }
  if (!more && load<u32>(t + T_TOTAL) == 0) store<u32>(t + T_TOTAL, fragOff + dataLen);
  place(t, fragOff, pkt + <usize>dataOff, dataLen);
  if (!complete(t)) return 0;
  const ver2 = <u32>ver;
  const len = rebuild(t, ver2);
  freeTracker(t);
  addCounter(COUNTER_DEFRAG_REASSEMBLED, 1);
  decodePacket(defragScratchPtr, len, LINKTYPE_RAW);
  setVlan(vlan);
  return len;
}

let capturedLen: u32 = 0;

/** The record's captured length (set by the pipeline before defragPacket). */
export function setCapturedLen(n: u32): void {
  capturedLen = n;
}

function capturedUpTo(end: u32): bool {
  return end <= capturedLen;
}
