/**
 * netsift's public API. Decoding and counting run in the WebAssembly engine; these functions are
 * the ways into it from a script or a service.
 */
export { readPackets, type ReadPacketsOptions } from './packets/read-packets.js';
export { decodePacket, LINKTYPE_ETHERNET } from './packets/decode-one.js';
export { DecodedPacket, type Layer } from './packets/packet.js';
export { packetSummary } from './packets/summary.js';
export { listFields, resolveFields } from './packets/fields.js';
export { captureStats } from './stats/capture-stats.js';
export type { EngineStats } from './stats/engine-stats.js';
export { PROTOCOLS, PROTO } from './wasm/protocols.js';
export { ANOMALY_NAMES } from './wasm/anomalies.js';
export * from './errors.js';
