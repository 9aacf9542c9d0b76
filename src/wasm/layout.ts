/**
 * Mirror of assembly/abi/layout.ts and assembly/abi/status.ts: the boundary contract seen from
 * TypeScript. `src/wasm/module.ts` checks ABI_VERSION and the exported layout globals against
 * these at load, so a stale build/release.wasm fails loudly (AbiMismatchError) instead of being
 * misread.
 */

export const ABI_VERSION = 1;

export const FLAG_FINAL = 1;
export const FLAG_EMIT_PACKETS = 2;

export const MAX_CAPLEN = 262144;
export const INPUT_CAPACITY = 8 << 20;

export const MAX_LAYERS = 24;
export const LAYER_SIZE = 12;
export const LAYER_PROTO_OFF = 0;
export const LAYER_FLAGS_OFF = 1;
export const LAYER_HDRLEN_OFF = 2;
export const LAYER_OFF_OFF = 4;
export const LAYER_DECLLEN_OFF = 8;

export const LAYER_QUOTED = 1;
export const LAYER_TRUNCATED = 2;
export const LAYER_TUNNELED = 4;

export const PACKET_RECORD_CAPACITY = 16384;
export const PACKET_NUMBER_OFF = 0;
export const PACKET_TS_NS_OFF = 8;
export const PACKET_DATA_OFF = 16;
export const PACKET_CAPLEN_OFF = 20;
export const PACKET_ORIGLEN_OFF = 24;
export const PACKET_LINKTYPE_OFF = 28;
export const PACKET_LAYER_COUNT_OFF = 30;
export const PACKET_IFACE_OFF = 31;
export const PACKET_ANOMALY_OFF = 32;
export const PACKET_FLAGS_OFF = 34;
export const PACKET_LAYERS_OFF = 36;
export const PACKET_RECORD_SIZE = 36 + MAX_LAYERS * LAYER_SIZE;
/** Packet record flag: the capture file ended inside this record. */
export const PACKET_FLAG_TRUNCATED_RECORD = 1;

export const COUNTER_PACKETS = 0;
export const COUNTER_BYTES = 1;
export const COUNTER_ORIG_BYTES = 2;
export const COUNTER_DECODED = 3;
export const COUNTER_INVALID = 4;
export const COUNTER_TS_FIRST_NS = 5;
export const COUNTER_TS_LAST_NS = 6;
export const COUNTER_BLOCKS_SKIPPED = 7;
export const PROTO_COUNTERS_BASE = 16;
export const PROTO_COUNTERS = 64;
export const ANOMALY_COUNTERS_BASE = 80;
export const ANOMALY_COUNTERS = 256;
export const COUNTERS_TOTAL = 336;

export const STATUS_OK = 0;
export const STATUS_OUTPUT_FULL = 1;
export const STATUS_BAD_MAGIC = 2;
export const STATUS_BAD_VERSION = 3;
export const STATUS_TRUNCATED_HEADER = 4;
export const STATUS_BAD_RECORD = 5;

export const FORMAT_DETECT = 0;
export const FORMAT_BATCH = 3;
/** netsift batch record header (assembly/frame/batch.ts). */
export const BATCH_REC_HDR_LEN = 24;
