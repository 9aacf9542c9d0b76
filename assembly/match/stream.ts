// Stream matching: reassembly hands every in-order chunk of a TCP flow direction here
// (reassemble/stream.ts deliverChunk). The automaton state is kept per flow direction, so a
// pattern split across segments is found without re-scanning; the last `streamTail` bytes are
// kept too, so the worker can verify a candidate over a window (earlier tail + this chunk) that
// holds the whole match. A gap (chunk not at the expected offset) or a new flow in the slot
// restarts the automaton. Candidates alert on the packet that delivered the chunk.
//
// Entry (per stream state of reassembly: stable while the flow lives, STREAM_ENTRY_HEAD + streamTail bytes): gen u32 (flow id folded)
// · nextOff u32 · state u32 · tailLen u32 · tail bytes.

import { CAND_F_PKT_TO_SERVER, CAND_F_STREAM, CAND_F_TO_SERVER, candReserve } from '../emit/alerts';
import {
  dstAddrPtr,
  dstPort,
  ipVersion,
  payloadLen,
  payloadOff,
  srcAddrPtr,
  srcPort,
  tcpFlags,
} from '../decode/packet';
import { packetToServer } from '../flow/update';
import { streamIndexOf } from '../reassemble/stream';
import { setVerifySlot } from '../verify/context';
import { acPatternLen, acScan, acStart, acVerify } from './ac';
import { clearQueue, queueEnd, queueId, queueLen } from './queue';
import {
  checkAndEmit,
  curPktNum,
  curPktPtr,
  curSlot,
  slotFlagBits,
  slotFlowId,
  slotTcpState,
  stampRule,
} from './packet';
import {
  groupPtr,
  headerOk,
  portGroup,
  rsPtr,
  streamEntries,
  streamEntrySize,
  streamTablePtr,
  streamTail,
} from './ruleset';
import { RF_PKT_AND_STREAM, RF_STREAM_ONLY, ruleFlags, STREAM_ENTRY_HEAD } from './ruleset';

/**
 * Rules whose every stream match is a stream alert: stream-only rules, and rules inspecting packet
 * and stream (src/rules/compile/inspection.ts).
 */
const STREAM_ALWAYS: u32 = RF_STREAM_ONLY | RF_PKT_AND_STREAM;

/** Packet number whose payload the stream scan covered (match/packet.ts then skips its scan). */
export let streamCoveredPkt: u64 = 0;

export function matchStream(slot: usize, toServer: bool, ptr: usize, len: u32, off: u32): void {
  // the data's sender and receiver (the packet delivering it may go the other way)
  const sameDir = toServer == packetToServer;
  const sport = sameDir ? srcPort : dstPort;
  const dport = sameDir ? dstPort : srcPort;
  // one direction always has the same receiver port, so its saved state belongs to one automaton
  const g1 = portGroup(0, dport);
  if (g1 == 0 || len == 0) return;
  const g = groupPtr(g1 - 1);
  const acOff = load<u32>(g);
  if (acOff == 0) return;
  const ac = rsPtr + <usize>acOff;
  const ei = streamIndexOf(slot, toServer);
  if (ei >= streamEntries) return;
  const ent = streamTablePtr + <usize>ei * <usize>streamEntrySize;
  const flowId = slotFlowId(slot);
  const gen = ((<u32>flowId) ^ (<u32>(flowId >> 32))) | 1;
  if (load<u32>(ent) != gen || load<u32>(ent + 4) != off) {
    store<u32>(ent, gen);
    store<u32>(ent + 8, acStart(ac));
    store<u32>(ent + 12, 0);
  }
  const tail = ent + <usize>STREAM_ENTRY_HEAD;
  const tailLen = load<u32>(ent + 12);
  clearQueue();
  const state = acScan(ac, load<u32>(ent + 8), ptr, len, tailLen);
  store<u32>(ent + 8, state);
  store<u32>(ent + 4, off + len);
  const n = queueLen;
  // this packet's whole payload, delivered in order straight from the packet: the stream scan
  // stands for the packet scan (match/packet.ts skips it), and a match that lies inside the
  // payload is reported as the packet match it is (buffer: the payload)
  const covers = sameDir && ptr == curPktPtr + <usize>payloadOff && len == payloadLen;
  if (covers) streamCoveredPkt = curPktNum;
  if (n > 0) {
    // the verify programs read this flow's streams (stream_size), also when a flow-end flush
    // delivers them while another packet is being handled
    setVerifySlot(slot);
    const winLen = tailLen + len;
    const win = candReserve(winLen);
    if (win != 0) {
      memory.copy(win, tail, tailLen);
      memory.copy(win + <usize>tailLen, ptr, len);
      const idx = rsPtr + <usize>load<u32>(g + 4);
      const rules = rsPtr + <usize>load<u32>(g + 8);
      const srcA = sameDir ? srcAddrPtr : dstAddrPtr;
      const dstA = sameDir ? dstAddrPtr : srcAddrPtr;
      let flags = CAND_F_STREAM | slotFlagBits(slot);
      if (toServer) flags |= CAND_F_TO_SERVER;
      if (packetToServer) flags |= CAND_F_PKT_TO_SERVER;
      const tcpState = slotTcpState(slot);
      for (let i: u32 = 0; i < n; i++) {
        const id = queueId(i);
        const end = queueEnd(i);
        if (!acVerify(ac, id, win, <i64>end, winLen)) continue;
        const e = load<u32>(idx + ((<usize>id + 1) << 2));
        const patLen = acPatternLen(ac, id);
        const inside = covers && end >= tailLen + patLen;
        for (let k = load<u32>(idx + ((<usize>id) << 2)); k < e; k++) {
          const r = load<u32>(rules + ((<usize>k) << 2));
          if (inside) {
            if (
              headerOk(r, 6, sport, dport, false, ipVersion, srcA, dstA, tcpFlags, true, toServer) &&
              stampRule(r, 0)
            ) {
              checkAndEmit(
                flowId,
                r,
                ptr,
                len,
                flags & ~CAND_F_STREAM,
                tcpState,
                end - tailLen,
                0,
                0,
                patLen,
              );
            }
            // plain rules count a stream match only when it reaches into earlier data; a rule
            // inspecting packet and stream counts this one twice, as Suricata's two inspections
            if ((ruleFlags(r) & STREAM_ALWAYS) == 0) continue;
          }
          // a plain rule counts a stream match only when it reaches into earlier segments (the
          // packet match covers the rest); the worker checks it too (matcher.ts), this saves the candidate
          if ((ruleFlags(r) & STREAM_ALWAYS) == 0 && end - patLen >= tailLen) continue;
          if (!headerOk(r, 6, sport, dport, true, ipVersion, srcA, dstA, tcpFlags, true, toServer)) continue;
          if (!stampRule(r, 1)) continue;
          checkAndEmit(flowId, r, win, winLen, flags, tcpState, end, off - tailLen, tailLen, patLen);
        }
      }
    }
    setVerifySlot(curSlot);
  }
  // keep the last streamTail bytes for the next window
  const T = streamTail;
  if (T == 0) return;
  if (len >= T) {
    memory.copy(tail, ptr + <usize>(len - T), T);
    store<u32>(ent + 12, T);
  } else {
    const keep = min<u32>(tailLen, T - len);
    memory.copy(tail, tail + <usize>(tailLen - keep), keep);
    memory.copy(tail + <usize>keep, ptr, len);
    store<u32>(ent + 12, keep + len);
  }
}
