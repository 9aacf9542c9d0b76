// Reassembled TCP stream chunks for `netsift streams` (FLAG_EMIT_STREAMS): a fixed-size record
// per chunk (flow, direction, stream offset, length) plus its bytes copied into the stream data
// region. A chunk that continues the previous record's stream and bytes extends that record, so
// in-order delivery costs one record per run, not per segment. The pipeline keeps
// STREAM_ROOM_BYTES / STREAM_ROOM_RECORDS free before each packet (the most one packet can
// deliver: its payload, its stream's queue, and the queues of the flows its time expires), so a
// chunk is never dropped: a full region is STATUS_OUTPUT_FULL. Layout: abi/layout.ts STREAM_*.

import {
  STREAM_DATA_CAPACITY,
  STREAM_DATA_OFF,
  STREAM_DIR_OFF,
  STREAM_DST_ADDR_OFF,
  STREAM_DST_PORT_OFF,
  STREAM_FIRST_PKT_OFF,
  STREAM_FLOW_ID_OFF,
  STREAM_IPVER_OFF,
  STREAM_LEN_OFF,
  STREAM_OFFSET_OFF,
  STREAM_RECORD_CAPACITY,
  STREAM_RECORD_SIZE,
  STREAM_SRC_ADDR_OFF,
  STREAM_SRC_PORT_OFF,
  STREAM_VLAN_OFF,
} from '../abi/layout';
import { KEY_ADDR_A_OFF, KEY_ADDR_B_OFF, KEY_PORT_A_OFF, KEY_PORT_B_OFF, KEY_VLAN_OFF } from '../flow/key';
import {
  SLOT_FIRST_PKT_OFF,
  SLOT_FLAGS_OFF,
  SLOT_FLOW_ID_OFF,
  SLOT_F_CLIENT_IS_A,
  SLOT_IPVER_OFF,
  SLOT_KEY_OFF,
} from '../flow/table';

export const STREAM_ROOM_BYTES: u32 = 2 << 20;
export const STREAM_ROOM_RECORDS: u32 = 1024;

export let streamRecordsPtr: usize = 0;
export let streamDataPtr: usize = 0;
export let streamRecordCount: u32 = 0;
export let streamDataUsed: u32 = 0;
export let emitStreams: bool = false;

export function initStreamRecords(recPtr: usize, dataPtr: usize): void {
  streamRecordsPtr = recPtr;
  streamDataPtr = dataPtr;
  streamRecordCount = 0;
  streamDataUsed = 0;
}

export function setEmitStreams(on: bool): void {
  emitStreams = on;
}

export function clearStreamRecords(): void {
  streamRecordCount = 0;
  streamDataUsed = 0;
}

/** True when the regions have room for what one more packet (or one flow flush) can deliver. */
export function streamRoomOk(): bool {
  return (
    STREAM_RECORD_CAPACITY - streamRecordCount >= STREAM_ROOM_RECORDS &&
    STREAM_DATA_CAPACITY - streamDataUsed >= STREAM_ROOM_BYTES
  );
}

/** Append `len` bytes at stream offset `off` of the flow in slot `s`, direction `toServer`. */
export function emitStreamChunk(s: usize, toServer: bool, ptr: usize, len: u32, off: u32): void {
  if (len == 0) return;
  if (streamRecordCount >= STREAM_RECORD_CAPACITY || streamDataUsed + len > STREAM_DATA_CAPACITY) {
    abort('stream output region overflow (room check broken)');
  }
  const flowId = load<u64>(s + SLOT_FLOW_ID_OFF);
  const firstPkt = load<u64>(s + SLOT_FIRST_PKT_OFF);
  const dir: u8 = toServer ? 0 : 1;
  memory.copy(streamDataPtr + <usize>streamDataUsed, ptr, len);
  if (streamRecordCount > 0) {
    const last = streamRecordsPtr + <usize>((streamRecordCount - 1) * STREAM_RECORD_SIZE);
    const lastLen = load<u32>(last + STREAM_LEN_OFF);
    if (
      load<u64>(last + STREAM_FLOW_ID_OFF) == flowId &&
      load<u64>(last + STREAM_FIRST_PKT_OFF) == firstPkt &&
      load<u8>(last + STREAM_DIR_OFF) == dir &&
      load<u32>(last + STREAM_OFFSET_OFF) + lastLen == off &&
      load<u32>(last + STREAM_DATA_OFF) + lastLen == streamDataUsed
    ) {
      store<u32>(last + STREAM_LEN_OFF, lastLen + len);
      streamDataUsed += len;
      return;
    }
  }
  const r = streamRecordsPtr + <usize>(streamRecordCount * STREAM_RECORD_SIZE);
  const k = s + SLOT_KEY_OFF;
  const aIsClient = (load<u8>(s + SLOT_FLAGS_OFF) & SLOT_F_CLIENT_IS_A) != 0;
  // the sender of this direction is endpoint A when (A is client) == toServer
  const senderIsA = aIsClient == toServer;
  store<u64>(r + STREAM_FLOW_ID_OFF, flowId);
  store<u64>(r + STREAM_FIRST_PKT_OFF, firstPkt);
  store<u32>(r + STREAM_OFFSET_OFF, off);
  store<u32>(r + STREAM_LEN_OFF, len);
  store<u32>(r + STREAM_DATA_OFF, streamDataUsed);
  store<u8>(r + STREAM_DIR_OFF, dir);
  store<u8>(r + STREAM_IPVER_OFF, load<u8>(s + SLOT_IPVER_OFF));
  memory.copy(r + STREAM_SRC_ADDR_OFF, k + (senderIsA ? KEY_ADDR_A_OFF : KEY_ADDR_B_OFF), 16);
  memory.copy(r + STREAM_DST_ADDR_OFF, k + (senderIsA ? KEY_ADDR_B_OFF : KEY_ADDR_A_OFF), 16);
  store<u16>(r + STREAM_SRC_PORT_OFF, load<u16>(k + (senderIsA ? KEY_PORT_A_OFF : KEY_PORT_B_OFF)));
  store<u16>(r + STREAM_DST_PORT_OFF, load<u16>(k + (senderIsA ? KEY_PORT_B_OFF : KEY_PORT_A_OFF)));
  store<u16>(r + STREAM_VLAN_OFF, load<u16>(k + KEY_VLAN_OFF));
  streamRecordCount++;
  streamDataUsed += len;
}
