// The spine of the engine: one call per stage, in order, for every record of a chunk.
//   frame → decode → flow → reassemble → (match → verify: later stages) → emit
// Every framed record is counted exactly once as decoded or invalid, so
// COUNTER_DECODED + COUNTER_INVALID == COUNTER_PACKETS always holds.

import { ANOM_FRAME_CAPLEN_GT_ORIGLEN, ANOM_FRAME_TRUNCATED_RECORD, ANOM_NONE } from './abi/anomalies';
import {
  COUNTER_BYTES,
  COUNTER_DECODED,
  COUNTER_INVALID,
  COUNTER_ORIG_BYTES,
  COUNTER_PACKETS,
  COUNTER_TS_FIRST_NS,
  COUNTER_TS_LAST_NS,
  FLAG_EMIT_PACKETS,
  FLAG_FINAL,
  FLAG_FRAME_ONLY,
  FLAG_FLOWS,
  FLAG_REASSEMBLE,
  FLAG_EMIT_STREAMS,
  LAYER_SIZE,
} from './abi/layout';
import { STATUS_OK, STATUS_OUTPUT_FULL } from './abi/status';
import { decodePacket } from './decode/dispatch';
import { layerCount, layersPtr, resetPacket, stop, stopAnomaly } from './decode/packet';
import { emitPacketRecord, clearPacketRecords, packetRecordsFull } from './emit/packets';
import { clearFlowRecords, flowRecordsRoom, FLOW_RECORDS_PER_PACKET } from './emit/flows';
import { flowPacket, packetToServer } from './flow/update';
import { clearStreamRecords, setEmitStreams, streamRoomOk } from './emit/streams';
import { reassemblePacket } from './reassemble/stream';
import { beginChunk, errorPos, pos } from './frame/cursor';
import { recCapLen, recIface, recLinkType, recOrigLen, recPtr, recTruncated, recTsNs } from './frame/record';
import { FRAME_RECORD } from './frame/results';
import { nextRecord } from './frame/stream';
import {
  addCounter,
  beginPacketAnomalies,
  countProto,
  endPacketAnomalies,
  getCounter,
  raiseAnomaly,
  setCounter,
} from './stats/counters';
import { ownsPacket } from './shard';
import { advanceNow } from './flow/expire';

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

/** Run the per-packet stages on the record the framer just produced. */
function processRecord(chunkBase: usize, emitPackets: bool, flows: bool, reassemble: bool): void {
  packetNumber++;
  beginPacketAnomalies();
  if (recTruncated) {
    resetPacket();
    stop(ANOM_FRAME_TRUNCATED_RECORD);
  } else {
    if (recCapLen > recOrigLen) raiseAnomaly(ANOM_FRAME_CAPLEN_GT_ORIGLEN);
    decodePacket(recPtr, recCapLen, recLinkType);
  }
  // another worker's packet (shared chunk): it is counted, and processed, there
  const mine = ownsPacket();
  endPacketAnomalies(mine);
  if (!mine) {
    // flow timeouts follow packet time, and time passes with every packet of the capture
    if (flows) advanceNow(recTsNs);
    return;
  }

  addCounter(COUNTER_PACKETS, 1);
  addCounter(COUNTER_BYTES, <u64>recCapLen);
  addCounter(COUNTER_ORIG_BYTES, <u64>recOrigLen);
  // earliest and latest timestamps (not first and last: captures are not always in time order)
  if (getCounter(COUNTER_PACKETS) == 1 || recTsNs < getCounter(COUNTER_TS_FIRST_NS)) setCounter(COUNTER_TS_FIRST_NS, recTsNs);
  if (recTsNs > getCounter(COUNTER_TS_LAST_NS)) setCounter(COUNTER_TS_LAST_NS, recTsNs);
  for (let i: u32 = 0; i < layerCount; i++) countProto(load<u8>(layersPtr + <usize>(i * LAYER_SIZE)));
  addCounter(stopAnomaly == ANOM_NONE ? COUNTER_DECODED : COUNTER_INVALID, 1);

  if (flows && !recTruncated) {
    const flowSlot = flowPacket(recTsNs, recOrigLen, packetNumber);
    if (reassemble && flowSlot != 0) reassemblePacket(flowSlot, recPtr, packetToServer);
  }

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
  const reassemble = emitStreams || (flags & FLAG_REASSEMBLE) != 0;
  const flows = reassemble || (flags & FLAG_FLOWS) != 0;
  const frameOnly = (flags & FLAG_FRAME_ONLY) != 0;
  clearPacketRecords();
  clearFlowRecords();
  clearStreamRecords();
  setEmitStreams(emitStreams);
  beginChunk(chunkBase, len, (flags & FLAG_FINAL) != 0);
  consumedBytes = 0;
  while (true) {
    if (
      (emitPackets && packetRecordsFull()) ||
      (flows && flowRecordsRoom() < FLOW_RECORDS_PER_PACKET) ||
      (emitStreams && !streamRoomOk())
    ) {
      consumedBytes = pos;
      return STATUS_OUTPUT_FULL;
    }
    const r = nextRecord();
    if (r < 0) {
      consumedBytes = pos;
      lastErrorOffset = errorPos;
      return <u32>-r;
    }
    if (r != FRAME_RECORD) break;
    if (frameOnly) continue;
    processRecord(chunkBase, emitPackets, flows, reassemble);
  }
  consumedBytes = pos;
  return STATUS_OK;
}
