// The boundary contract: region capacities, record layouts and counter indexes. Every number
// here is mirrored in src/wasm/layout.ts, and the TypeScript side checks ABI_VERSION and the
// exported layout globals at load (AbiMismatchError on any difference).

export const ABI_VERSION: u32 = 1;

// ---- input framing flags (processChunk `flags`) ----
/** No more bytes follow for this file: an incomplete record at the end is counted as truncated. */
export const FLAG_FINAL: u32 = 1;
/** Emit one packet record per framed packet (slow path: decode/summary/sniff). */
export const FLAG_EMIT_PACKETS: u32 = 2;

// ---- framing limits ----
/** Largest captured length accepted for one record (Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD). */
export const MAX_CAPLEN: u32 = 262144;
/** Input region: chunk plus the carried partial record. JS never writes more than this. */
export const INPUT_CAPACITY: u32 = 8 << 20;

// ---- layer stack ----
export const MAX_LAYERS: u32 = 24;
/** One layer entry: proto u8 · flags u8 · hdrLen u16 · off u32 (in packet) · declLen u32. */
export const LAYER_SIZE: u32 = 12;
export const LAYER_PROTO_OFF: u32 = 0;
export const LAYER_FLAGS_OFF: u32 = 1;
export const LAYER_HDRLEN_OFF: u32 = 2;
export const LAYER_OFF_OFF: u32 = 4;
export const LAYER_DECLLEN_OFF: u32 = 8;

// ---- packet record (slow path) ----
// Fixed-size, little-endian. The packet bytes stay in the input region: `dataOff` is the offset
// of the packet's first byte relative to the start of the chunk passed to processChunk.
export const PACKET_RECORD_CAPACITY: u32 = 16384;
export const PACKET_NUMBER_OFF: u32 = 0; // u64, 1-based across the run (tshark frame.number)
export const PACKET_TS_NS_OFF: u32 = 8; // u64, nanoseconds since the epoch
export const PACKET_DATA_OFF: u32 = 16; // u32, offset of the bytes in the chunk
export const PACKET_CAPLEN_OFF: u32 = 20; // u32
export const PACKET_ORIGLEN_OFF: u32 = 24; // u32
export const PACKET_LINKTYPE_OFF: u32 = 28; // u16
export const PACKET_LAYER_COUNT_OFF: u32 = 30; // u8
export const PACKET_IFACE_OFF: u32 = 31; // u8, pcapng interface id (low 8 bits)
export const PACKET_ANOMALY_OFF: u32 = 32; // u16, first stopping anomaly (0 = none)
export const PACKET_FLAGS_OFF: u32 = 34; // u16, reserved
export const PACKET_LAYERS_OFF: u32 = 36; // MAX_LAYERS * LAYER_SIZE
export const PACKET_RECORD_SIZE: u32 = 36 + 24 * 12;

// ---- counters (u64 each) ----
export const COUNTER_PACKETS: u32 = 0; // records framed (every packet read)
export const COUNTER_BYTES: u32 = 1; // captured bytes
export const COUNTER_ORIG_BYTES: u32 = 2; // original (wire) bytes
export const COUNTER_DECODED: u32 = 3; // packets with no stopping anomaly
export const COUNTER_INVALID: u32 = 4; // packets with a stopping anomaly
export const COUNTER_TS_FIRST_NS: u32 = 5;
export const COUNTER_TS_LAST_NS: u32 = 6;
export const COUNTER_BLOCKS_SKIPPED: u32 = 7; // pcapng blocks that carry no packet and were skipped
export const GENERAL_COUNTERS: u32 = 16;
export const PROTO_COUNTERS_BASE: u32 = 16; // + proto id: packets containing that layer
export const PROTO_COUNTERS: u32 = 64;
export const ANOMALY_COUNTERS_BASE: u32 = 80; // + anomaly id: events of that anomaly
export const ANOMALY_COUNTERS: u32 = 256;
export const COUNTERS_TOTAL: u32 = 336;
