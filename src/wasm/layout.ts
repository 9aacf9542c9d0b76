/**
 * Mirror of assembly/abi/layout.ts and assembly/abi/status.ts: the boundary contract seen from
 * TypeScript. `src/wasm/module.ts` checks ABI_VERSION and the exported layout globals against
 * these at load, so a stale build/release.wasm fails loudly (AbiMismatchError) instead of being
 * misread.
 */

export const ABI_VERSION = 2;

export const FLAG_FINAL = 1;
export const FLAG_EMIT_PACKETS = 2;

export const MAX_CAPLEN = 262144;
export const INPUT_CAPACITY = 9 << 20;
export const FILTER_CAPACITY = 16384;

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
export const COUNTER_FILTERED = 8;
export const PROTO_COUNTERS_BASE = 16;
export const PROTO_COUNTERS = 64;
export const ANOMALY_COUNTERS_BASE = 80;
export const ANOMALY_COUNTERS = 256;
export const COUNTERS_TOTAL = 384;

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

// ---- flows (issue 3) ----
/** Run the flow stage (flow table, flow-end records) on every decoded packet. */
export const FLAG_FLOWS = 4;
/** Run TCP reassembly on flows (implies FLAG_FLOWS). */
export const FLAG_REASSEMBLE = 8;

// Engine config block (u32 each) at configRegion(): JS writes it, then calls applyConfig() once
// before the first chunk. Defaults are Suricata's.
export const CFG_FLOW_MAX = 0; // flow table cap (flows); default 65536
export const CFG_TCP_NEW_S = 1; // 60
export const CFG_TCP_EST_S = 2; // 600
export const CFG_TCP_CLOSED_S = 3; // 60
export const CFG_UDP_NEW_S = 4; // 30
export const CFG_UDP_EST_S = 5; // 300
export const CFG_ICMP_NEW_S = 6; // 30
export const CFG_ICMP_EST_S = 7; // 300
export const CFG_OTHER_NEW_S = 8; // 30
export const CFG_OTHER_EST_S = 9; // 300
export const CFG_REASM_DEPTH = 10; // bytes per direction; default 1 MiB; 0 = unlimited
export const CFG_REASM_MEMCAP_PAGES = 11; // page pool size in pages (REASM_PAGE_SIZE each)
export const CFG_REASM_POLICY = 12; // 0 first-wins, 1 last-wins
export const CFG_DEFRAG_MAX = 13; // defrag trackers (datagrams in reassembly at once); default 64
export const CFG_DEFRAG_TIMEOUT_S = 14; // 60 (Suricata's defrag timeout)
export const CFG_MIDSTREAM = 15; // 1 (default): app layer on TCP flows picked up mid-stream; 0: not (stream.midstream=false)
export const CFG_TLS_ENCRYPTION = 16; // 0 default / track-only, 1 bypass (as 0), 2 full (tls encryption-handling)
export const TLS_ENCRYPTION_FULL = 2;
export const CFG_WORDS = 32;

// Flow-end record: one per flow at its end (timeout, forced eviction, end of input).
export const FLOW_RECORD_CAPACITY = 4096;
export const FLOW_RECORD_SIZE = 136;
export const FLOW_ID_OFF = 0; // u64, Suricata-style flow_id (48 bits)
export const FLOW_START_NS_OFF = 8; // u64
export const FLOW_END_NS_OFF = 16; // u64, last packet
export const FLOW_SRC_ADDR_OFF = 24; // 16 bytes, client (IPv4 v4-mapped)
export const FLOW_DST_ADDR_OFF = 40; // 16 bytes, server
export const FLOW_SRC_PORT_OFF = 56; // u16 (ICMP: first type)
export const FLOW_DST_PORT_OFF = 58; // u16 (ICMP: first code)
export const FLOW_PROTO_OFF = 60; // u8 IP protocol
export const FLOW_IPVER_OFF = 61; // u8 4 | 6
export const FLOW_VLAN_OFF = 62; // u16
export const FLOW_PKTS_TS_OFF = 64; // u32
export const FLOW_PKTS_TC_OFF = 68; // u32
export const FLOW_BYTES_TS_OFF = 72; // u64 (wire bytes, frame.len)
export const FLOW_BYTES_TC_OFF = 80; // u64
export const FLOW_TCPFLAGS_TS_OFF = 88; // u8
export const FLOW_TCPFLAGS_TC_OFF = 89; // u8
export const FLOW_TCP_STATE_OFF = 90; // u8 (flow/state.ts TCP_*)
export const FLOW_STATE_OFF = 91; // u8 0 new, 1 established, 2 closed
export const FLOW_REASON_OFF = 92; // u8 0 timeout, 1 forced, 2 shutdown
export const FLOW_ICMP_CLASS_OFF = 93; // u8
export const FLOW_ICMP_ID_OFF = 94; // u16
export const FLOW_FIRST_PKT_OFF = 96; // u64 packet number of the first packet
export const FLOW_LAST_PKT_OFF = 104; // u64
export const FLOW_HASH_OFF = 112; // u32 symmetric hash
export const FLOW_GAPS_OFF = 116; // u32 reassembly gaps (both directions)
export const FLOW_STREAM_BYTES_TS_OFF = 120; // u32 reassembled bytes toserver
export const FLOW_STREAM_BYTES_TC_OFF = 124; // u32
export const FLOW_APP_PROTO_OFF = 128; // u8 APP_PROTO_* (issue 7); 129..135 reserved

export const FLOW_REASON_TIMEOUT = 0;
export const FLOW_REASON_FORCED = 1;
export const FLOW_REASON_SHUTDOWN = 2;

// Flow / reassembly counters (u64 each), after the anomaly counters.
export const FLOW_COUNTERS_BASE = 336;
export const COUNTER_FLOWS_CREATED = 336;
export const COUNTER_FLOWS_ENDED_TIMEOUT = 337;
export const COUNTER_FLOWS_EVICTED = 338; // emergency eviction: table at its cap
export const COUNTER_FLOWS_ENDED_SHUTDOWN = 339;
export const COUNTER_FLOWS_ACTIVE_MAX = 340; // high-water mark of concurrent flows
export const COUNTER_FLOW_PACKETS = 341; // packets that belonged to a flow
export const COUNTER_FLOW_NO_KEY = 342; // packets without a flow (no IP, undecoded transport, fragment)
export const COUNTER_REASM_SEGMENTS = 343; // TCP segments with payload seen by reassembly
export const COUNTER_REASM_BYTES = 344; // bytes delivered in order
export const COUNTER_REASM_RETRANSMIT = 345; // segments entirely already delivered/queued
export const COUNTER_REASM_OVERLAP = 346; // segments partly overlapping queued/delivered data
export const COUNTER_REASM_GAPS = 347; // holes skipped (also anomaly tcp.reassembly_gap)
export const COUNTER_REASM_DEPTH_REACHED = 348; // directions that hit the depth limit
export const COUNTER_REASM_MEMCAP_DROP = 349; // out-of-order segments dropped: page pool empty
export const COUNTER_REASM_OOO_QUEUED = 350; // segments queued out of order
export const COUNTER_DEFRAG_FRAGMENTS = 351; // IPv4/IPv6 fragments taken by defragmentation
export const COUNTER_DEFRAG_REASSEMBLED = 352; // datagrams reassembled (and passed on)
export const COUNTER_DEFRAG_TIMEOUT = 353; // incomplete datagrams dropped at their timeout
export const COUNTER_DEFRAG_EVICTED = 354; // incomplete datagrams dropped: trackers at their cap
export const COUNTER_DEFRAG_DROPPED = 355; // fragments dropped: truncated, beyond 65535, bad header
export const COUNTER_DEFRAG_OVERLAP = 356; // fragments overlapping data already held
export const COUNTER_REASM_OUT_OF_WINDOW = 357; // TCP data more than 16 MiB beyond the next expected byte, dropped
export const COUNTER_ANOMALY_EVENTS_DROPPED = 358; // anomaly events (anomalies$) past the region's end
export const FLOW_COUNTERS = 32;
// app layer (assembly/abi/layout.ts COUNTER_APP_*): app_layer.flow.<name> and app_layer.tx.<name>
export const APP_FLOW_COUNTERS: Readonly<Record<string, number>> = {
  http: 368,
  tls: 369,
  dns_udp: 370,
  dns_tcp: 371,
  smtp: 372,
  ftp: 373,
  smb: 374,
  ssh: 375,
  failed_tcp: 376,
  failed_udp: 377,
};
export const APP_TX_COUNTERS: Readonly<Record<string, number>> = { http: 378, dns_udp: 379, dns_tcp: 380 };

// ---- TCP stream chunks (issue 3: `netsift streams`) ----
/** Emit reassembled stream chunks into the stream regions (implies FLAG_REASSEMBLE). */
export const FLAG_EMIT_STREAMS = 32;
export const STREAM_RECORD_CAPACITY = 8192;
export const STREAM_DATA_CAPACITY = 8 << 20;
export const STREAM_RECORD_SIZE = 72;
export const STREAM_FLOW_ID_OFF = 0; // u64 flow_id
export const STREAM_FIRST_PKT_OFF = 8; // u64 first packet of the flow (with flow_id: unique)
export const STREAM_OFFSET_OFF = 16; // u32 stream offset of the chunk's first byte
export const STREAM_LEN_OFF = 20; // u32
export const STREAM_DATA_OFF = 24; // u32 offset of the bytes in the stream data region
export const STREAM_DIR_OFF = 28; // u8 0 = toserver, 1 = toclient
export const STREAM_IPVER_OFF = 29; // u8
export const STREAM_SRC_ADDR_OFF = 32; // 16 bytes: sender of this direction
export const STREAM_DST_ADDR_OFF = 48; // 16 bytes
export const STREAM_SRC_PORT_OFF = 64; // u16
export const STREAM_DST_PORT_OFF = 66; // u16
export const STREAM_VLAN_OFF = 68; // u16

// ---- app-layer events (issue 7: assembly/emit/app.ts; read by src/app/records.ts) ----
export const APP_RECORD_CAPACITY = 8192;
export const APP_DATA_CAPACITY = 8 << 20;
export const APP_RECORD_SIZE = 256;
export const APP_KIND_OFF = 0; // u8 APP_PROTO_HTTP | _DNS | _TLS
export const APP_DIR_OFF = 1; // u8 0 = toserver, 1 = toclient
export const APP_IPVER_OFF = 2; // u8
export const APP_IPPROTO_OFF = 3; // u8
export const APP_SRC_PORT_OFF = 4; // u16 client
export const APP_DST_PORT_OFF = 6; // u16 server
export const APP_FLOW_ID_OFF = 8; // u64
export const APP_TS_NS_OFF = 16; // u64
export const APP_PKT_OFF = 24; // u64 packet number
export const APP_SRC_ADDR_OFF = 32; // 16 bytes client
export const APP_DST_ADDR_OFF = 48; // 16 bytes server
export const APP_VLAN_OFF = 64; // u16
export const APP_TX_ID_OFF = 66; // u16
export const APP_NUM_OFF = 68; // 7 x u32
export const APP_FIELDS_OFF = 96; // 20 x (u32 off, u32 len)
export const APP_FIELD_COUNT = 20;
export const APP_PROTO_NONE = 0;
export const APP_PROTO_HTTP = 1;
export const APP_PROTO_TLS = 2;
export const APP_PROTO_DNS = 3;
// detected by content, not parsed (assembly/app/detect.ts)
export const APP_PROTO_SMTP = 4;
export const APP_PROTO_FTP = 5;
export const APP_PROTO_SMB = 6;
export const APP_PROTO_SSH = 7;
export const APP_PROTO_FAILED = 255;
/** Run the app-layer stage (detection, parsers, app events); implies FLAG_REASSEMBLE. */
export const FLAG_APP = 64;

// Anomaly events (assembly/emit/anomalies.ts), for the engine's anomalies$.
export const FLAG_ANOMALY_EVENTS = 128;
export const ANOMALY_EVENT_SIZE = 24;
export const ANOMALY_EVENT_CAPACITY = 4096;
export const ANOMALY_EVENT_PKT_OFF = 0; // u64 packet number
export const ANOMALY_EVENT_TS_OFF = 8; // u64 ns
export const ANOMALY_EVENT_ID_OFF = 16; // u16 anomaly id
export const ANOMALY_EVENT_FLAGS_OFF = 18; // u16
export const ANOMALY_EVENT_F_FRAMING = 1;
