// The spine of the engine: one call per stage, in order, for every record of a chunk.
//   frame → decode → flow → reassemble → (match → verify: later stages) → emit
// Every framed record is counted exactly once as decoded or invalid, so
// COUNTER_DECODED + COUNTER_INVALID + COUNTER_FILTERED == COUNTER_PACKETS always holds (filtered:
// records a --bpf filter rejected).

import {
  anomalyEventsRoomOk,
  clearAnomalyEvents,
  setAnomalyEvents,
  setAnomalyPacket,
} from './emit/anomalies';
import { ANOM_FRAME_CAPLEN_GT_ORIGLEN, ANOM_FRAME_TRUNCATED_RECORD, ANOM_NONE } from './abi/anomalies';
import {
  COUNTER_BYTES,
  COUNTER_DECODED,
  COUNTER_FILTERED,
  COUNTER_INVALID,
  COUNTER_ORIG_BYTES,
  COUNTER_PACKETS,
  COUNTER_TS_FIRST_NS,
  COUNTER_TS_LAST_NS,
  FLAG_ANOMALY_EVENTS,
  FLAG_EMIT_PACKETS,
  FLAG_FINAL,
  FLAG_FLOWS,
  FLAG_REASSEMBLE,
  FLAG_EMIT_STREAMS,
  FLAG_APP,
  LAYER_SIZE,
} from './abi/layout';
import { STATUS_OK, STATUS_OUTPUT_FULL } from './abi/status';
import { decodePacket } from './decode/dispatch';
import { isFragment, layerCount, layersPtr, resetPacket, stop, stopAnomaly } from './decode/packet';
import { emitPacketRecord, clearPacketRecords, packetRecordsFull } from './emit/packets';
import { clearFlowRecords, flowRecordsRoom, FLOW_RECORDS_PER_PACKET } from './emit/flows';
import { flowPacket, packetToServer, setReverseServerFirst } from './flow/update';
import { defragPacket, defragScratchPtr, setCapturedLen } from './defrag/fragment';
import { defragEnabled } from './defrag/tracker';
import { clearStreamRecords, setEmitStreams, streamRoomOk } from './emit/streams';
import { reassemblePacket } from './reassemble/stream';
import { beginChunk, errorPos, pos } from './frame/cursor';
import { recCapLen, recIface, recLinkType, recOrigLen, recPtr, recTruncated, recTsNs } from './frame/record';
import { FRAME_RECORD } from './frame/results';
import { nextRecord } from './frame/stream';
import { addCounter, setFraming, countProto, getCounter, raiseAnomaly, setCounter } from './stats/counters';
import { ownsRecord } from './shard';
import { matchFilter } from './filter/eval';
import { advanceNow } from './flow/expire';
import { updateFeatures } from './features/accumulate';
import { matchOn } from './match/ruleset';
import { matchPacket, setMatchPacket, setMatchSlot } from './match/packet';
import { candRoomOk, clearCandidates } from './emit/alerts';
import { appRoomOk, clearAppRecords } from './emit/app';
import { appEnabled, appPacket, setAppEnabled, setAppMidstream, setTlsPayloadInspection } from './app/stage';
import { cfg } from './flow/config';
import { CFG_MIDSTREAM, CFG_TLS_ENCRYPTION, TLS_ENCRYPTION_FULL } from './abi/layout';

/** Number of the last packet framed (1-based, continuous across files of a run). */
let packetNumber: u64 = 0;
let consumedBytes: u32 = 0;
let lastErrorOffset: u32 = 0;

export function setPacketNumber(n: u64): void {
  packetNumber = n;
}

export function getPacketNumber(): u64 {
  return packetNumber;
}

export function consumed(): u32 {
  return consumedBytes;
}

export function errorOffset(): u32 {
  return lastErrorOffset;
}

/**
 * A record the --bpf filter rejected: read (packets, bytes, time span) and filtered, nothing else.
 * Only the worker owning the record gets here (shard.ts), so it is counted once.
 */
function countFilteredRecord(): void {
  addCounter(COUNTER_PACKETS, 1);
  addCounter(COUNTER_BYTES, <u64>recCapLen);
  addCounter(COUNTER_ORIG_BYTES, <u64>recOrigLen);
  if (getCounter(COUNTER_PACKETS) == 1 || recTsNs < getCounter(COUNTER_TS_FIRST_NS))
    setCounter(COUNTER_TS_FIRST_NS, recTsNs);
  if (recTsNs > getCounter(COUNTER_TS_LAST_NS)) setCounter(COUNTER_TS_LAST_NS, recTsNs);
  addCounter(COUNTER_FILTERED, 1);
}

/** Run the per-packet stages on the record the framer just produced. */
function processRecord(chunkBase: usize, emitPackets: bool, flows: bool, reassemble: bool): void {
  packetNumber++;
  // another worker's record (every worker frames the whole stream): decoded and counted there.
  // Time still passes with it: flow timeouts follow packet time.
  if (!ownsRecord(recPtr, recCapLen, recLinkType)) {
    if (flows) advanceNow(recTsNs);
    return;
  }
  setAnomalyPacket(packetNumber, recTsNs);
  // --bpf (filter/eval.ts) reads the raw outermost headers as libpcap does, so it runs before
  // decoding: a rejected record skips every later stage (decode, flow, emit)
  if (!matchFilter(recPtr, recCapLen, recOrigLen, recLinkType)) {
    countFilteredRecord();
    return;
  }
  if (recTruncated) {
    resetPacket();
    stop(ANOM_FRAME_TRUNCATED_RECORD);
  } else {
    if (recCapLen > recOrigLen) raiseAnomaly(ANOM_FRAME_CAPLEN_GT_ORIGLEN);
    decodePacket(recPtr, recCapLen, recLinkType);
  }

  addCounter(COUNTER_PACKETS, 1);
  addCounter(COUNTER_BYTES, <u64>recCapLen);
  addCounter(COUNTER_ORIG_BYTES, <u64>recOrigLen);
  // earliest and latest timestamps (not first and last: captures are not always in time order)
  if (getCounter(COUNTER_PACKETS) == 1 || recTsNs < getCounter(COUNTER_TS_FIRST_NS))
    setCounter(COUNTER_TS_FIRST_NS, recTsNs);
  if (recTsNs > getCounter(COUNTER_TS_LAST_NS)) setCounter(COUNTER_TS_LAST_NS, recTsNs);
  for (let i: u32 = 0; i < layerCount; i++) countProto(load<u8>(layersPtr + <usize>(i * LAYER_SIZE)));
  addCounter(stopAnomaly == ANOM_NONE ? COUNTER_DECODED : COUNTER_INVALID, 1);

  if (matchOn) setMatchPacket(packetNumber, recTsNs, recPtr);
  if (flows && !recTruncated) {
    // defrag: a fragment waits in its datagram's tracker; the fragment that completes the datagram
    // continues as the rebuilt datagram (decoded again, bytes in defragScratchPtr)
    let pkt = recPtr;
    let whole = true;
    if (isFragment && defragEnabled()) {
      setCapturedLen(recCapLen);
      whole = defragPacket(recPtr, recTsNs) != 0;
      pkt = defragScratchPtr;
      if (matchOn && whole) setMatchPacket(packetNumber, recTsNs, pkt);
    }
    if (whole) {
      const flowSlot = flowPacket(recTsNs, recOrigLen, packetNumber, whole && pkt == recPtr ? recPtr : 0, pkt);
      updateFeatures(flowSlot, packetToServer, recTsNs, recOrigLen); // ML flow features (no-op when off)
      if (matchOn) setMatchSlot(flowSlot);
      // app layer (app/stage.ts): event context; UDP datagrams parsed here, TCP via reassembly
      if (appEnabled && flowSlot != 0) appPacket(flowSlot, pkt, packetToServer, recTsNs, packetNumber);
      if (reassemble && flowSlot != 0) reassemblePacket(flowSlot, pkt, packetToServer);
    }
  }
  // match (assembly/match/): payload scan + header-only rules → alert candidates
  if (matchOn && !recTruncated) matchPacket();

  if (emitPackets) {
    emitPacketRecord(
      packetNumber,
      recTsNs,
      <u32>(recPtr - chunkBase),
      recCapLen,
      recOrigLen,
      recLinkType,
      recIface,
      recTruncated ? 1 : 0,
    );
  }
}

/**
 * Frame and process the `len` bytes at `chunkBase`. Returns STATUS_OK when every complete
 * record was processed (consumed() bytes; the rest is a partial record to carry over),
 * STATUS_OUTPUT_FULL when the packet record region filled first (drain, then call again with
 * the unconsumed bytes), or a framing error status (errorOffset() says where).
 */
export function processChunk(chunkBase: usize, len: u32, flags: u32): u32 {
  const emitPackets = (flags & FLAG_EMIT_PACKETS) != 0;
  const emitStreams = (flags & FLAG_EMIT_STREAMS) != 0;
  const app = (flags & FLAG_APP) != 0;
  const reassemble = emitStreams || app || (flags & FLAG_REASSEMBLE) != 0;
  const flows = reassemble || (flags & FLAG_FLOWS) != 0;
  clearPacketRecords();
  clearFlowRecords();
  clearStreamRecords();
  clearCandidates();
  clearAppRecords();
  clearAnomalyEvents();
  setAnomalyEvents((flags & FLAG_ANOMALY_EVENTS) != 0);
  setAppEnabled(app);
  setAppMidstream(cfg(CFG_MIDSTREAM) != 0);
  setReverseServerFirst(app && cfg(CFG_MIDSTREAM) != 0);
  setTlsPayloadInspection(cfg(CFG_TLS_ENCRYPTION) == TLS_ENCRYPTION_FULL);
  setEmitStreams(emitStreams);
  beginChunk(chunkBase, len, (flags & FLAG_FINAL) != 0);
  consumedBytes = 0;
  while (true) {
    if (
      (emitPackets && packetRecordsFull()) ||
      (flows && flowRecordsRoom() < FLOW_RECORDS_PER_PACKET) ||
      (emitStreams && !streamRoomOk()) ||
      (matchOn && !candRoomOk()) ||
      (app && !appRoomOk()) ||
      !anomalyEventsRoomOk()
    ) {
      consumedBytes = pos;
      return STATUS_OUTPUT_FULL;
    }
    setFraming(true);
    const r = nextRecord();
    setFraming(false);
    if (r < 0) {
      consumedBytes = pos;
      lastErrorOffset = errorPos;
      return <u32>-r;
    }
    if (r != FRAME_RECORD) break;
    processRecord(chunkBase, emitPackets, flows, reassemble);
  }
  consumedBytes = pos;
  return STATUS_OK;
}
