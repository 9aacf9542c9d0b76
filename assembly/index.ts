// The exported ABI: numbers only, no strings or managed objects cross the boundary. JS copies a
// chunk into the input region, calls processChunk once, reads counters and records from the
// regions, and carries the unconsumed tail into the next chunk. See ../ARCHITECTURE notes in
// assembly/README.md and the mirror in src/wasm/layout.ts.

import {
  ABI_VERSION as ABI_VERSION_VALUE,
  COUNTERS_TOTAL as COUNTERS_TOTAL_VALUE,
  INPUT_CAPACITY as INPUT_CAPACITY_VALUE,
  LAYER_SIZE as LAYER_SIZE_VALUE,
  MAX_LAYERS as MAX_LAYERS_VALUE,
  PACKET_RECORD_CAPACITY as PACKET_RECORD_CAPACITY_VALUE,
  PACKET_RECORD_SIZE as PACKET_RECORD_SIZE_VALUE,
} from './abi/layout';
import { ANOM_COUNT } from './abi/anomalies';
import { PROTO_COUNT } from './abi/protocols';
import { STATUS_OK } from './abi/status';
import { decodePacket } from './decode/dispatch';
import { emitPacketRecord, initPacketRecords, packetRecordCount, packetRecordsPtr, clearPacketRecords } from './emit/packets';
import { beginFile as frameBeginFile } from './frame/stream';
import { carveRegions, inputPtr, packetRegionPtr } from './mem/regions';
import { consumed, errorOffset, getPacketNumber, processChunk as pipelineProcess, setPacketNumber } from './pipeline';
import { countersPtr, resetCounters } from './stats/counters';

export const ABI_VERSION: u32 = ABI_VERSION_VALUE;
export const INPUT_CAPACITY: u32 = INPUT_CAPACITY_VALUE;
export const PACKET_RECORD_SIZE: u32 = PACKET_RECORD_SIZE_VALUE;
export const PACKET_RECORD_CAPACITY: u32 = PACKET_RECORD_CAPACITY_VALUE;
export const LAYER_SIZE: u32 = LAYER_SIZE_VALUE;
export const MAX_LAYERS: u32 = MAX_LAYERS_VALUE;
export const COUNTERS_TOTAL: u32 = COUNTERS_TOTAL_VALUE;
export const ANOMALY_COUNT: u32 = <u32>ANOM_COUNT;
export const PROTOCOL_COUNT: u32 = <u32>PROTO_COUNT;

/** Carve the regions. Call once after instantiation. */
export function init(): void {
  carveRegions();
  initPacketRecords(packetRegionPtr);
  resetCounters();
  setPacketNumber(0);
}

export function inputRegion(): usize {
  return inputPtr;
}

export function packetRegion(): usize {
  return packetRecordsPtr;
}

export function countersRegion(): usize {
  return countersPtr;
}

/** Start a new file: `format` 0 = detect from the magic, 3 = netsift batch records. */
export function beginFile(format: u32): void {
  frameBeginFile(format);
}

/** Process `len` bytes at the start of the input region. Returns a STATUS_* code. */
export function processChunk(len: u32, flags: u32): u32 {
  return pipelineProcess(inputPtr, len, flags);
}

export function consumedBytes(): u32 {
  return consumed();
}

export function errorChunkOffset(): u32 {
  return errorOffset();
}

export function packetRecords(): u32 {
  return packetRecordCount;
}

export function lastPacketNumber(): u64 {
  return getPacketNumber();
}

export function setLastPacketNumber(n: u64): void {
  setPacketNumber(n);
}

export function resetStats(): void {
  resetCounters();
}

/**
 * Decode one packet of `len` bytes placed at the start of the input region (library
 * `decodePacket`): writes one packet record, touches no counters' invariants beyond decode.
 */
export function decodeSingle(len: u32, linkType: u32): u32 {
  clearPacketRecords();
  decodePacket(inputPtr, len, linkType);
  emitPacketRecord(0, 0, 0, len, len, linkType, 0, 0);
  return STATUS_OK;
}
