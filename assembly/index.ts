// The exported ABI: numbers only, no strings or managed objects cross the boundary. JS reads or
// copies a chunk into the input region, calls processChunk on the bytes at an offset of it, reads
// counters and records from the regions, and frames the unconsumed tail with the next chunk. See
// ../ARCHITECTURE notes in assembly/README.md and the mirror in src/wasm/layout.ts.

import { anomalyEventCount, anomalyEventsPtr, clearAnomalyEvents, setAnomalyPacket } from './emit/anomalies';
import {
  ABI_VERSION as ABI_VERSION_VALUE,
  COUNTERS_TOTAL as COUNTERS_TOTAL_VALUE,
  CFG_WORDS as CFG_WORDS_VALUE,
  FILTER_CAPACITY as FILTER_CAPACITY_VALUE,
  FLOW_RECORD_CAPACITY as FLOW_RECORD_CAPACITY_VALUE,
  FLOW_RECORD_SIZE as FLOW_RECORD_SIZE_VALUE,
  STREAM_RECORD_SIZE as STREAM_RECORD_SIZE_VALUE,
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
import {
  emitPacketRecord,
  initPacketRecords,
  packetRecordCount,
  packetRecordsPtr,
  clearPacketRecords,
} from './emit/packets';
import { beginFile as frameBeginFile } from './frame/stream';
import { carveRegions, inputPtr, packetRegionPtr } from './mem/regions';
import {
  consumed,
  errorOffset,
  getPacketNumber,
  processChunk as pipelineProcess,
  setPacketNumber,
} from './pipeline';
import { countersPtr, resetCounters, setCountsFramingAnomalies } from './stats/counters';
import { setShard as shardSet } from './shard';
import { filterPtr, loadFilterProgram } from './filter/program';
import { clearFlowRecords, flowRecordCount, flowRecordsPtr, initFlowRecords } from './emit/flows';
import { applyConfig as flowApplyConfig, defaultConfig } from './flow/config';
import { flushAll } from './flow/expire';
import { hashKey } from './flow/hash';
import { buildPacketKey, flowKeyPtr } from './flow/key';
import { configPtr, flowRecordRegionPtr, streamDataRegionPtr, streamRecordRegionPtr } from './mem/regions';
import {
  clearStreamRecords,
  initStreamRecords,
  streamDataPtr,
  streamRecordCount,
  streamRecordsPtr,
} from './emit/streams';
import { STATUS_OUTPUT_FULL } from './abi/status';

export const ABI_VERSION: u32 = ABI_VERSION_VALUE;
export const INPUT_CAPACITY: u32 = INPUT_CAPACITY_VALUE;
export const PACKET_RECORD_SIZE: u32 = PACKET_RECORD_SIZE_VALUE;
export const PACKET_RECORD_CAPACITY: u32 = PACKET_RECORD_CAPACITY_VALUE;
export const LAYER_SIZE: u32 = LAYER_SIZE_VALUE;
export const MAX_LAYERS: u32 = MAX_LAYERS_VALUE;
export const COUNTERS_TOTAL: u32 = COUNTERS_TOTAL_VALUE;
export const ANOMALY_COUNT: u32 = <u32>ANOM_COUNT;
export const PROTOCOL_COUNT: u32 = <u32>PROTO_COUNT;
export const FLOW_RECORD_SIZE: u32 = FLOW_RECORD_SIZE_VALUE;
export const FLOW_RECORD_CAPACITY: u32 = FLOW_RECORD_CAPACITY_VALUE;
export const CFG_WORDS: u32 = CFG_WORDS_VALUE;
export const FILTER_CAPACITY: u32 = FILTER_CAPACITY_VALUE;
export const STREAM_RECORD_SIZE: u32 = STREAM_RECORD_SIZE_VALUE;

/** Carve the regions. Call once after instantiation. */
export function init(): void {
  carveRegions();
  initPacketRecords(packetRegionPtr);
  initFlowRecords(flowRecordRegionPtr);
  initStreamRecords(streamRecordRegionPtr, streamDataRegionPtr);
  initAppRecords(appRecordRegionPtr, appDataRegionPtr);
  initAppStates(appStateRegionPtr);
  defaultConfig();
  flowApplyConfig();
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

/** Process `len` bytes at offset `off` of the input region. Returns a STATUS_* code. */
export function processChunk(off: u32, len: u32, flags: u32): u32 {
  // the caller's bug, never the input's: trap (EngineBugError) rather than frame other memory
  if (off > INPUT_CAPACITY || len > INPUT_CAPACITY - off) unreachable();
  return pipelineProcess(inputPtr + <usize>off, len, flags);
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

// ---- flows (issue 3) ----

/** The config block (CFG_WORDS u32, abi/layout.ts CFG_*): write it, then call applyConfig(). */
export function configRegion(): usize {
  return configPtr;
}

/** Apply the config block: carves the flow table and reassembly pool (drops any existing flows). */
export function applyConfig(): void {
  flowApplyConfig();
}

export function flowRegion(): usize {
  return flowRecordsPtr;
}

/** Flow records written by the last processChunk / flushFlows call. */
export function flowRecords(): u32 {
  return flowRecordCount;
}

/**
 * End every remaining flow (end of input, reason shutdown). Returns STATUS_OUTPUT_FULL while more
 * remain (drain the flow records, call again), STATUS_OK when the table is empty.
 */
export function flushFlows(): u32 {
  clearFlowRecords();
  clearStreamRecords();
  clearAppRecords();
  clearAnomalyEvents();
  setAnomalyPacket(0, 0); // raised at the end of input, by no packet
  return flushAll() ? STATUS_OK : STATUS_OUTPUT_FULL;
}

/** Anomaly event records (FLAG_ANOMALY_EVENTS) of the last processChunk / flushFlows call. */
export function anomalyEventRegion(): usize {
  return anomalyEventsPtr;
}

export function anomalyEvents(): u32 {
  return anomalyEventCount;
}

export function streamRegion(): usize {
  return streamRecordsPtr;
}

export function streamDataRegion(): usize {
  return streamDataPtr;
}

/** Stream chunk records written by the last processChunk / flushFlows call (FLAG_EMIT_STREAMS). */
export function streamRecords(): u32 {
  return streamRecordCount;
}

/**
 * Symmetric flow hash of one packet of `len` bytes at the start of the input region (the
 * dispatcher shards by it); 0 when the packet has no flow key.
 */
export function packetFlowHash(len: u32, linkType: u32): u32 {
  decodePacket(inputPtr, len, linkType);
  return buildPacketKey() ? hashKey(flowKeyPtr) : 0;
}

// ---- --bpf filter (filter/program.ts, filter/eval.ts) ----

/** Where JS writes a compiled filter program (FILTER_CAPACITY bytes). */
export function filterRegion(): usize {
  return filterPtr;
}

/** Load the program of `len` bytes from the filter region (0 = no filter). Returns FILTER_OK (0) or FILTER_BAD_*. */
export function loadFilter(len: u32): u32 {
  return loadFilterProgram(len);
}

// ---- sharding (the worker pool) ----

/** This instance is worker `index` of `count`: it keeps only the packets of its shard (shard.ts). */
export function setShard(index: u32, count: u32): void {
  shardSet(index, count);
  setCountsFramingAnomalies(index == 0);
}

// matcher: ruleset loading and alert candidates (assembly/match/abi.ts)
export * from './match/abi';

// ---- ML: flow features and inline scoring (features/, ml/; issue 8) ----
import {
  FEAT_RECORD_SIZE as FEAT_RECORD_SIZE_VALUE,
  FEAT_COUNT as FEAT_COUNT_VALUE,
} from './features/columns';
import {
  featuresMissing as featuresMissingCount,
  initFeaturePool,
  setFeaturesOn,
} from './features/accumulate';
import { featureRecordsPtr, initFeatureRecords } from './features/emit';
import {
  initModelRegion,
  loadModel as mlLoadModel,
  MODEL_CAPACITY as MODEL_CAPACITY_VALUE,
} from './ml/score';
import {
  featureAccRegionPtr,
  featureFreeStackPtr,
  featureRecordRegionPtr,
  modelRegionPtr,
} from './mem/regions';
export const FEAT_RECORD_SIZE: u32 = FEAT_RECORD_SIZE_VALUE;
export const FEAT_COUNT: u32 = FEAT_COUNT_VALUE;
export const MODEL_CAPACITY: u32 = MODEL_CAPACITY_VALUE;
/**
 * Compute flow features (1) or not (0). When on, every flow record written from now on has a
 * feature record at the same index in featureRegion(). Call after applyConfig.
 */
export function enableFeatures(on: u32): void {
  if (on != 0 && featureRecordsPtr == 0) {
    initFeatureRecords(featureRecordRegionPtr);
    initFeaturePool(featureAccRegionPtr, featureFreeStackPtr);
    initModelRegion(modelRegionPtr);
  }
  setFeaturesOn(on != 0);
}
export function featureRegion(): usize {
  return featureRecordRegionPtr;
}
/** Flows that got no features because the accumulator pool was full. */
export function featuresMissing(): u64 {
  return featuresMissingCount;
}
/** Where JS writes a compiled model blob (MODEL_CAPACITY bytes). */
export function modelRegion(): usize {
  return modelRegionPtr;
}
/** Load the blob of `len` bytes from the model region (0 = none). Returns 0, or 1 bad blob, 2 too big. */
export function loadModel(len: u32): u32 {
  initModelRegion(modelRegionPtr);
  return mlLoadModel(len);
}

// ---- app layer (issue 7: app/, emit/app.ts) ----
import { APP_RECORD_SIZE as APP_RECORD_SIZE_VALUE } from './abi/layout';
import {
  appDataPtr,
  appDataUsed,
  appDropped,
  appRecordCount,
  appRecordsPtr,
  clearAppRecords,
  initAppRecords,
} from './emit/app';
import { initAppStates, statesInUse } from './app/state';
import { bufTablePtr } from './app/buffers';
import { appDataRegionPtr, appRecordRegionPtr, appStateRegionPtr } from './mem/regions';
export const APP_RECORD_SIZE: u32 = APP_RECORD_SIZE_VALUE;
/** App event records (FLAG_APP) written by the last processChunk / flushFlows call. */
export function appRegion(): usize {
  return appRecordsPtr;
}
export function appDataRegion(): usize {
  return appDataPtr;
}
export function appRecords(): u32 {
  return appRecordCount;
}
/** Bytes of the app data region those records use (written from its start). */
export function appDataBytes(): u32 {
  return appDataUsed;
}
/** App records or field bytes dropped for want of room (should stay 0). */
export function appRecordsDropped(): u32 {
  return appDropped;
}
/** Parser states in use (app/state.ts pool). */
export function appStatesInUse(): u32 {
  return statesInUse;
}
/** The named-buffer table (app/buffers.ts): BUF_COUNT × (u32 ptr, u32 len) of the current transaction. */
export function appBufferTable(): usize {
  return bufTablePtr();
}
