// TCP reassembly per flow direction. Each direction that carries a SYN or data gets a stream
// state (STREAM_SIZE bytes from a pool of 2 × maxFlows carved at configure time, indexed from the
// flow slot). In-order data is handed on at once, straight from the packet (no copy); data after
// a hole waits in the out-of-order queue (reassemble/segments.ts pages) and is released in order
// when the hole fills. Stream offsets count from the byte after the SYN (ISN + 1), or from the
// first data seen when the capture starts mid-stream.
//
//   retransmission: data entirely before `next` (already delivered) or inside queued data;
//   overlap: resolved by reassemble/overlap.ts (delivered bytes are final; queued bytes per policy);
//   gap: a hole is skipped (counted: COUNTER_REASM_GAPS + anomaly tcp.reassembly_gap) when the peer
//     acknowledges data beyond it, when the stream's queue reaches MAX_QUEUED_PAGES or the pool
//     runs dry, and when the flow ends (its queue is flushed in order);
//   depth: after `depth` bytes (default 1 MiB, 0 = unlimited) a direction is no longer inspected.
// The in-order stream goes to deliverChunk() with its stream offset: the hook the matcher will
// use (a pattern split across segments is found without re-scanning), and the stream output of
// `netsift streams`.
//
// Stream state layout: base u32 (seq of offset 0) · next u32 (next expected seq) · head u32
// (queue head page) · queuedPages u32 · gaps u32 · flags u32 · bytes u32 (delivered data) ·
// freeNext u32. Invariants: every queued node starts after `next`; nodes are sorted and disjoint.

import {
  COUNTER_REASM_BYTES,
  COUNTER_REASM_DEPTH_REACHED,
  COUNTER_REASM_GAPS,
  COUNTER_REASM_MEMCAP_DROP,
  COUNTER_REASM_OOO_QUEUED,
  COUNTER_REASM_OUT_OF_WINDOW,
  COUNTER_REASM_OVERLAP,
  COUNTER_REASM_RETRANSMIT,
  COUNTER_REASM_SEGMENTS,
} from '../abi/layout';
import { ANOM_TCP_REASSEMBLY_GAP, ANOM_TCP_REASSEMBLY_OVERLAP_DIFF } from '../abi/anomalies';
import { ipProto, payloadLen, payloadOff, tcpFlags } from '../decode/packet';
import { TCP_ACK, TCP_RST, TCP_SYN, tcpAck, tcpSeq } from '../decode/tcp';
import { setEmitStreamInfo } from '../emit/flows';
import { emitStreamChunk, emitStreams } from '../emit/streams';
import { appPeerAck, appStream } from '../app/stage';
import { payloadInspected, SLOT_STREAM_TC_OFF, SLOT_STREAM_TS_OFF } from '../flow/table';
import { addCounter, raiseAnomaly } from '../stats/counters';
import { bytesDiffer, overlapPolicy, POLICY_LAST, setOverlapPolicy } from './overlap';
import {
  initPool,
  pagesFree,
  poolBytes,
  returnPage,
  SEG_DATA_MAX,
  SEG_LEN_OFF,
  SEG_NEXT_OFF,
  SEG_SEQ_OFF,
  segData,
  segLen,
  segNext,
  segSeq,
  takePage,
} from './segments';
import { seqDiff, seqLeq, seqLt } from './seq';
import { matchOn } from '../match/ruleset';
import { matchStream } from '../match/stream';

export const STREAM_SIZE: u32 = 32;
const ST_BASE: usize = 0;
const ST_NEXT: usize = 4;
const ST_HEAD: usize = 8;
const ST_PAGES: usize = 12;
const ST_GAPS: usize = 16;
const ST_FLAGS: usize = 20;
const ST_BYTES: usize = 24;
const ST_FREE_NEXT: usize = 28;
const STF_DEPTH_DONE: u32 = 1;

/** Data starting more than this beyond `next` is dropped (the largest scaled TCP window is 1 GiB; 16 MiB as tcpflow's max seek). */
export const MAX_AHEAD: u32 = 16 << 20;
/** Most pages one direction may hold queued; beyond, the stream skips to its queued data. */
export const MAX_QUEUED_PAGES: u32 = 32;
const IPPROTO_TCP: u32 = 6;

let streamsPtr: usize = 0;
let streamCount: u32 = 0;
let streamFree: usize = 0;
let streamBump: usize = 0;
let streamBumpEnd: usize = 0;
let depthLimit: u32 = 1 << 20;

/** Bytes of the configured reassembly area: stream states then the page pool. */
export function poolBytesFor(pages: u32, maxFlows: u32): usize {
  return <usize>maxFlows * 2 * <usize>STREAM_SIZE + 64 + poolBytes(pages);
}

export function configureReassembly(ptr: usize, pages: u32, maxFlows: u32, depth: u32, policy: u32): void {
  streamsPtr = ptr;
  streamCount = maxFlows * 2;
  streamFree = 0;
  streamBump = ptr; // never-used states come from a bump pointer (configuring touches no memory)
  streamBumpEnd = ptr + <usize>streamCount * <usize>STREAM_SIZE;
  const poolPtr = (ptr + <usize>streamCount * <usize>STREAM_SIZE + 63) & ~(<usize>63);
  initPool(poolPtr, pages);
  depthLimit = depth;
  setOverlapPolicy(policy);
}

function newStream(seqBase: u32): usize {
  let st = streamFree;
  if (st != 0) {
    streamFree = <usize>load<u32>(st + ST_FREE_NEXT);
  } else {
    if (streamBump >= streamBumpEnd) return 0; // cannot happen: two per flow slot
    st = streamBump;
    streamBump += <usize>STREAM_SIZE;
  }
  memory.fill(st, 0, STREAM_SIZE);
  store<u32>(st + ST_BASE, seqBase);
  store<u32>(st + ST_NEXT, seqBase);
  return st;
}

function freeStream(st: usize): void {
  let p = <usize>load<u32>(st + ST_HEAD);
  while (p != 0) {
    const n = segNext(p);
    returnPage(p);
    p = n;
  }
  store<u32>(st + ST_FREE_NEXT, <u32>streamFree);
  streamFree = st;
}

function streamOf(slot: usize, toServer: bool): usize {
  return <usize>load<u32>(slot + (toServer ? SLOT_STREAM_TS_OFF : SLOT_STREAM_TC_OFF));
}

/**
 * Stable index (0 .. 2 × maxFlows - 1) of a flow direction's stream state: later stages key their
 * per-direction state by it (a flow's slot can move when another flow is removed; this cannot).
 */
export function streamIndexOf(slot: usize, toServer: bool): u32 {
  return <u32>((streamOf(slot, toServer) - streamsPtr) / <usize>STREAM_SIZE);
}

function setStreamOf(slot: usize, toServer: bool, st: usize): void {
  store<u32>(slot + (toServer ? SLOT_STREAM_TS_OFF : SLOT_STREAM_TC_OFF), <u32>st);
}

/** Hand `len` in-order bytes on: the stage after reassembly, and the stream output when asked. */
function deliverChunk(slot: usize, toServer: bool, ptr: usize, len: u32, off: u32): void {
  // app-layer parsers first (app/stage.ts; no-op unless FLAG_APP), as Suricata parses before it
  // inspects: the chunk that reveals the flow's app_proto is matched knowing it (`alert http`
  // rules with payload keywords)
  appStream(slot, toServer, ptr, len, off);
  // the streaming matcher: its per-direction state is keyed by slot + direction (match/stream.ts)
  // (not once TLS application data flows: encryption handling, app/stage.ts)
  if (matchOn && payloadInspected(slot)) matchStream(slot, toServer, ptr, len, off);
  if (emitStreams) emitStreamChunk(slot, toServer, ptr, len, off);
}

/** Deliver in-order bytes at `next`, honouring the depth limit. */
function deliver(slot: usize, toServer: bool, st: usize, ptr: usize, len: u32): void {
  const flags = load<u32>(st + ST_FLAGS);
  if ((flags & STF_DEPTH_DONE) != 0) return;
  const next = load<u32>(st + ST_NEXT);
  const off = next - load<u32>(st + ST_BASE);
  let n = len;
  if (depthLimit != 0 && <u64>off + <u64>len >= <u64>depthLimit) {
    n = off >= depthLimit ? 0 : depthLimit - off;
    store<u32>(st + ST_FLAGS, flags | STF_DEPTH_DONE);
    addCounter(COUNTER_REASM_DEPTH_REACHED, 1);
  }
  // `next` moves first: the stages the chunk goes to see the stream with it (stream_size)
  store<u32>(st + ST_NEXT, next + len);
  if (n > 0) {
    deliverChunk(slot, toServer, ptr, n, off);
    addCounter(COUNTER_REASM_BYTES, <u64>n);
    store<u32>(st + ST_BYTES, load<u32>(st + ST_BYTES) + n);
  }
}

/**
 * Suricata's stream size of a direction of the flow in `slot` (`next_seq - isn`, the stream_size
 * keyword): the bytes delivered in order (up to the depth limit) plus one for the SYN (a
 * mid-stream pickup counts one too, as Suricata sets isn one below the first sequence number);
 * 0 while the direction has no stream.
 */
export function streamSize(slot: usize, toServer: bool): u32 {
  const st = streamOf(slot, toServer);
  return st == 0 ? 0 : load<u32>(st + ST_NEXT) - load<u32>(st + ST_BASE) + 1;
}

/** Release queued nodes that start at or before `next`, in order. */
function releaseQueue(slot: usize, toServer: bool, st: usize): void {
  let p = <usize>load<u32>(st + ST_HEAD);
  while (p != 0) {
    const next = load<u32>(st + ST_NEXT);
    const seq = segSeq(p);
    if (seqLt(next, seq)) break;
    const len = segLen(p);
    const skip = <u32>seqDiff(seq, next); // bytes of this node already delivered
    if (skip < len) deliver(slot, toServer, st, segData(p) + skip, len - skip);
    const n = segNext(p);
    returnPage(p);
    store<u32>(st + ST_PAGES, load<u32>(st + ST_PAGES) - 1);
    p = n;
    store<u32>(st + ST_HEAD, <u32>p);
  }
}

/** Skip the hole before the queue head (a counted gap), then release what follows it. */
function skipToHead(slot: usize, toServer: bool, st: usize): void {
  const head = <usize>load<u32>(st + ST_HEAD);
  if (head == 0) return;
  const next = load<u32>(st + ST_NEXT);
  const seq = segSeq(head);
  if (seqLt(next, seq)) {
    store<u32>(st + ST_NEXT, seq);
    store<u32>(st + ST_GAPS, load<u32>(st + ST_GAPS) + 1);
    addCounter(COUNTER_REASM_GAPS, 1);
    raiseAnomaly(ANOM_TCP_REASSEMBLY_GAP);
  }
  releaseQueue(slot, toServer, st);
}

/** Insert a node for [seq, seq+len) after `prev` (0 = at the head); returns it, or 0 (pool empty). */
function insertNode(st: usize, prev: usize, seq: u32, ptr: usize, len: u32): usize {
  const p = takePage();
  if (p == 0) return 0;
  store<u32>(p + SEG_SEQ_OFF, seq);
  store<u32>(p + SEG_LEN_OFF, len);
  memory.copy(segData(p), ptr, len);
  if (prev == 0) {
    store<u32>(p + SEG_NEXT_OFF, load<u32>(st + ST_HEAD));
    store<u32>(st + ST_HEAD, <u32>p);
  } else {
    store<u32>(p + SEG_NEXT_OFF, load<u32>(prev + SEG_NEXT_OFF));
    store<u32>(prev + SEG_NEXT_OFF, <u32>p);
  }
  store<u32>(st + ST_PAGES, load<u32>(st + ST_PAGES) + 1);
  return p;
}

/**
 * Queue [seq, seq+len) (all after `next`): holes between queued nodes get new nodes, bytes that
 * overlap queued nodes follow the overlap policy. Returns false when the pool ran dry.
 */
function enqueue(st: usize, seq: u32, ptr: usize, len: u32): bool {
  const end = seq + len;
  let cur = seq;
  let prev: usize = 0;
  let node = <usize>load<u32>(st + ST_HEAD);
  let overlapped = false;
  while (seqLt(cur, end)) {
    while (node != 0 && seqLeq(segSeq(node) + segLen(node), cur)) {
      prev = node;
      node = segNext(node);
    }
    if (node == 0 || seqLt(cur, segSeq(node))) {
      // a hole: [cur, min(end, node.seq))
      let holeEnd = end;
      if (node != 0 && seqLt(segSeq(node), end)) holeEnd = segSeq(node);
      while (seqLt(cur, holeEnd)) {
        const n = min<u32>(<u32>seqDiff(cur, holeEnd), SEG_DATA_MAX);
        const p = insertNode(st, prev, cur, ptr + <usize>(cur - seq), n);
        if (p == 0) return false;
        prev = p;
        cur += n;
      }
    } else {
      // overlap with a queued node: [cur, min(end, node end))
      const nodeSeq = segSeq(node);
      const nodeEnd = nodeSeq + segLen(node);
      const ovEnd = seqLt(end, nodeEnd) ? end : nodeEnd;
      const n = <u32>seqDiff(cur, ovEnd);
      const mine = ptr + <usize>(cur - seq);
      const theirs = segData(node) + <usize>(cur - nodeSeq);
      if (bytesDiffer(mine, theirs, n)) {
        raiseAnomaly(ANOM_TCP_REASSEMBLY_OVERLAP_DIFF);
        if (overlapPolicy == POLICY_LAST) memory.copy(theirs, mine, n);
      }
      overlapped = true;
      cur = ovEnd;
    }
  }
  if (overlapped) addCounter(COUNTER_REASM_OVERLAP, 1);
  addCounter(COUNTER_REASM_OOO_QUEUED, 1);
  return true;
}

/** One TCP segment's data, at sequence `seq`, for stream `st`. */
function addSegment(slot: usize, toServer: bool, st: usize, seq0: u32, ptr0: usize, len0: u32): void {
  addCounter(COUNTER_REASM_SEGMENTS, 1);
  for (let attempt = 0; attempt < 2; attempt++) {
    if ((load<u32>(st + ST_FLAGS) & STF_DEPTH_DONE) != 0) return;
    let seq = seq0;
    let ptr = ptr0;
    let len = len0;
    const next = load<u32>(st + ST_NEXT);
    const d = seqDiff(next, seq);
    if (d < 0) {
      // starts before `next`: the first -d bytes were delivered already (final under every policy)
      const back: i64 = -(<i64>d); // in i64: -i32.MIN_VALUE overflows i32
      if (back >= <i64>len) {
        addCounter(COUNTER_REASM_RETRANSMIT, 1);
        return;
      }
      addCounter(COUNTER_REASM_OVERLAP, 1);
      ptr += <usize>back;
      len -= <u32>back;
      seq = next;
    } else if (<u32>d > MAX_AHEAD) {
      // far beyond anything a receive window allows: not this stream's data (or an attack on
      // memory and offsets); dropped, counted
      addCounter(COUNTER_REASM_OUT_OF_WINDOW, 1);
      return;
    }
    const head = <usize>load<u32>(st + ST_HEAD);
    if (seq == next && head == 0) {
      deliver(slot, toServer, st, ptr, len);
      return;
    }
    const pagesNeeded = (len + SEG_DATA_MAX - 1) / SEG_DATA_MAX + 1;
    const queued = load<u32>(st + ST_PAGES);
    if (pagesFree < pagesNeeded || queued + pagesNeeded > MAX_QUEUED_PAGES) {
      if (head != 0 && attempt == 0) {
        skipToHead(slot, toServer, st); // give up on the hole: frees pages, moves `next`
        continue;
      }
      if (pagesFree < pagesNeeded) {
        addCounter(COUNTER_REASM_MEMCAP_DROP, 1);
        return;
      }
    }
    if (!enqueue(st, seq, ptr, len)) addCounter(COUNTER_REASM_MEMCAP_DROP, 1);
    releaseQueue(slot, toServer, st);
    return;
  }
}

/** The reassembly stage for the packet just handled by the flow stage (its flow in `slot`). */
export function reassemblePacket(slot: usize, pkt: usize, toServer: bool): void {
  if (ipProto != IPPROTO_TCP) return;
  const flags = tcpFlags;
  if ((flags & TCP_RST) != 0 && payloadLen == 0) return;
  let seq = tcpSeq;
  let st = streamOf(slot, toServer);
  if ((flags & TCP_SYN) != 0) {
    seq += 1; // data (rare) starts after the SYN
    if (st == 0) {
      st = newStream(seq);
      if (st == 0) return;
      setStreamOf(slot, toServer, st);
    }
  }
  // the peer acknowledges data we never saw: skip the hole before its queued data
  if ((flags & TCP_ACK) != 0) {
    const opp = streamOf(slot, !toServer);
    if (opp != 0) {
      // the peer's ACK is when Suricata's app layer sees that data (its app_proto timing); not a SYN/ACK
      if ((flags & TCP_SYN) == 0) appPeerAck(slot, !toServer, tcpAck - load<u32>(opp + ST_BASE));
      const head = <usize>load<u32>(opp + ST_HEAD);
      if (head != 0 && seqLeq(segSeq(head), tcpAck) && seqLt(load<u32>(opp + ST_NEXT), tcpAck)) {
        skipToHead(slot, !toServer, opp);
      }
    }
  }
  const len = payloadLen;
  if (len == 0) return;
  if (st == 0) {
    st = newStream(seq); // mid-stream pickup: the first data seen is offset 0
    if (st == 0) return;
    setStreamOf(slot, toServer, st);
  }
  addSegment(slot, toServer, st, seq, pkt + <usize>payloadOff, len);
}

/** The flow in `slot` ends: flush both queues in order (gaps counted), report totals, free the states. */
export function releaseFlowStreams(slot: usize): void {
  let gaps: u32 = 0;
  let bytesTs: u32 = 0;
  let bytesTc: u32 = 0;
  for (let d = 0; d < 2; d++) {
    const toServer = d == 0;
    const st = streamOf(slot, toServer);
    if (st == 0) continue;
    while (load<u32>(st + ST_HEAD) != 0) skipToHead(slot, toServer, st);
    gaps += load<u32>(st + ST_GAPS);
    if (toServer) bytesTs = load<u32>(st + ST_BYTES);
    else bytesTc = load<u32>(st + ST_BYTES);
    freeStream(st);
    setStreamOf(slot, toServer, 0);
  }
  setEmitStreamInfo(gaps, bytesTs, bytesTc);
}
