/**
 * netsift's public API. Decoding, flows and counting run in the WebAssembly engine; these are
 * the ways into it from a script or a service.
 */
export {
  createEngine,
  fromFile,
  fromBuffers,
  type Engine,
  type EngineOptions,
  type FlowConfig,
  type Source,
  type RunOptions,
} from './engine.js';
export type { EngineRules, EngineVars, RulesReport } from './rules/engine-rules.js';
export { readPackets, type ReadPacketsOptions } from './packets/read-packets.js';
export { decodePacket } from './packets/decode-one.js';
export { sniff, type SniffOptions } from './packets/sniff.js';
export { DecodedPacket, type Layer } from './packets/packet.js';
export { packetSummary } from './packets/summary.js';
export { listFields, resolveFields } from './packets/fields.js';
export { captureStats } from './stats/capture-stats.js';
export type { EngineStats } from './stats/engine-stats.js';
export type { FlowRecord } from './flows/record.js';
export { eveFlowEvent, protoName } from './outputs/eve-flow.js';
export { eveStatsEvent } from './outputs/eve-stats.js';
export { communityId } from './flows/community-id.js';
export * from './pipeline/operators/index.js';
export { PROTOCOLS, PROTO } from './wasm/protocols.js';
export { ANOMALY_NAMES } from './wasm/anomalies.js';
export { anomalyType, type AnomalyEvent, type AnomalyType } from './anomalies/events.js';
export * from './errors.js';
export * from './ml/index.js';
