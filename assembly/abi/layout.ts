// The boundary contract: region capacities, record layouts and counter indexes. Every number
// here is mirrored in src/wasm/layout.ts, and the TypeScript side checks ABI_VERSION and the
// exported layout globals at load (AbiMismatchError on any difference).

export const ABI_VERSION: u32 = 2;

// ---- input framing flags (processChunk `flags`) ----
/** No more bytes follow for this file: an incomplete record at the end is counted as truncated. */
export const FLAG_FINAL: u32 = 1;
/** Emit one packet record per framed packet (slow path: decode/summary/sniff). */
export const FLAG_EMIT_PACKETS: u32 = 2;

// ---- framing limits ----
/** Largest captured length accepted for one record (Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD). */
export const MAX_CAPLEN: u32 = 262144;
/** Input region: chunk plus the carried partial record. JS never writes more than this. */
export const INPUT_CAPACITY: u32 = 9 << 20;

/** Filter program region (assembly/filter/program.ts), bytes. */
export const FILTER_CAPACITY: u32 = 16384;

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
export const COUNTER_TS_FIRST_NS: u32 = 5; // earliest timestamp
export const COUNTER_TS_LAST_NS: u32 = 6; // latest timestamp
export const COUNTER_BLOCKS_SKIPPED: u32 = 7; // pcapng blocks that carry no packet and were skipped
export const COUNTER_FILTERED: u32 = 8; // records the --bpf filter rejected (decoded + invalid + filtered == packets)
export const GENERAL_COUNTERS: u32 = 16;
export const PROTO_COUNTERS_BASE: u32 = 16; // + proto id: packets containing that layer
export const PROTO_COUNTERS: u32 = 64;
export const ANOMALY_COUNTERS_BASE: u32 = 80; // + anomaly id: events of that anomaly
export const ANOMALY_COUNTERS: u32 = 256;
export const COUNTERS_TOTAL: u32 = 384; // general + proto + anomaly + flow + app-layer counters

// ---- flows (issue 3) ----
/** Run the flow stage (flow table, flow-end records) on every decoded packet. */
export const FLAG_FLOWS: u32 = 4;
/** Run TCP reassembly on flows (implies FLAG_FLOWS). */
export const FLAG_REASSEMBLE: u32 = 8;

// Engine config block (u32 each) at configRegion(): JS writes it, then calls applyConfig() once
// before the first chunk. Defaults are Suricata's.
export const CFG_FLOW_MAX: u32 = 0; // flow table cap (flows); default 65536
export const CFG_TCP_NEW_S: u32 = 1; // 60
export const CFG_TCP_EST_S: u32 = 2; // 600
export const CFG_TCP_CLOSED_S: u32 = 3; // 60
export const CFG_UDP_NEW_S: u32 = 4; // 30
export const CFG_UDP_EST_S: u32 = 5; // 300
export const CFG_ICMP_NEW_S: u32 = 6; // 30
export const CFG_ICMP_EST_S: u32 = 7; // 300
export const CFG_OTHER_NEW_S: u32 = 8; // 30
export const CFG_OTHER_EST_S: u32 = 9; // 300
export const CFG_REASM_DEPTH: u32 = 10; // bytes per direction; default 1 MiB; 0 = unlimited
export const CFG_REASM_MEMCAP_PAGES: u32 = 11; // page pool size in pages (REASM_PAGE_SIZE each)
export const CFG_REASM_POLICY: u32 = 12; // 0 first-wins, 1 last-wins
export const CFG_DEFRAG_MAX: u32 = 13; // defrag trackers (datagrams in reassembly at once); default 64
export const CFG_DEFRAG_TIMEOUT_S: u32 = 14; // 60 (Suricata's defrag timeout)
export const CFG_MIDSTREAM: u32 = 15; // 1 (default): app layer on TCP flows picked up mid-stream; 0: not (stream.midstream=false)
// Suricata's app-layer.protocols.tls.encryption-handling: 0 default / track-only (no payload
// inspection once TLS application data flows), 1 bypass (as 0: netsift never bypasses), 2 full
export const CFG_TLS_ENCRYPTION: u32 = 16;
export const TLS_ENCRYPTION_FULL: u32 = 2;
export const CFG_WORDS: u32 = 32;

// Flow-end record: one per flow at its end (timeout, forced eviction, end of input).
export const FLOW_RECORD_CAPACITY: u32 = 4096;
export const FLOW_RECORD_SIZE: u32 = 136;
export const FLOW_ID_OFF: u32 = 0; // u64, Suricata-style flow_id (48 bits)
export const FLOW_START_NS_OFF: u32 = 8; // u64
export const FLOW_END_NS_OFF: u32 = 16; // u64, last packet
export const FLOW_SRC_ADDR_OFF: u32 = 24; // 16 bytes, client (IPv4 v4-mapped)
export const FLOW_DST_ADDR_OFF: u32 = 40; // 16 bytes, server
export const FLOW_SRC_PORT_OFF: u32 = 56; // u16 (ICMP: first type)
export const FLOW_DST_PORT_OFF: u32 = 58; // u16 (ICMP: first code)
export const FLOW_PROTO_OFF: u32 = 60; // u8 IP protocol
export const FLOW_IPVER_OFF: u32 = 61; // u8 4 | 6
export const FLOW_VLAN_OFF: u32 = 62; // u16
export const FLOW_PKTS_TS_OFF: u32 = 64; // u32
export const FLOW_PKTS_TC_OFF: u32 = 68; // u32
export const FLOW_BYTES_TS_OFF: u32 = 72; // u64 (wire bytes, frame.len)
export const FLOW_BYTES_TC_OFF: u32 = 80; // u64
export const FLOW_TCPFLAGS_TS_OFF: u32 = 88; // u8
export const FLOW_TCPFLAGS_TC_OFF: u32 = 89; // u8
export const FLOW_TCP_STATE_OFF: u32 = 90; // u8 (flow/state.ts TCP_*)
export const FLOW_STATE_OFF: u32 = 91; // u8 0 new, 1 established, 2 closed
export const FLOW_REASON_OFF: u32 = 92; // u8 0 timeout, 1 forced, 2 shutdown
export const FLOW_ICMP_CLASS_OFF: u32 = 93; // u8
export const FLOW_ICMP_ID_OFF: u32 = 94; // u16
export const FLOW_FIRST_PKT_OFF: u32 = 96; // u64 packet number of the first packet
export const FLOW_LAST_PKT_OFF: u32 = 104; // u64
export const FLOW_HASH_OFF: u32 = 112; // u32 symmetric hash
export const FLOW_GAPS_OFF: u32 = 116; // u32 reassembly gaps (both directions)
export const FLOW_STREAM_BYTES_TS_OFF: u32 = 120; // u32 reassembled bytes toserver
export const FLOW_STREAM_BYTES_TC_OFF: u32 = 124; // u32
export const FLOW_APP_PROTO_OFF: u32 = 128; // u8 APP_PROTO_* (issue 7); 129..135 reserved

export const FLOW_REASON_TIMEOUT: u32 = 0;
export const FLOW_REASON_FORCED: u32 = 1;
export const FLOW_REASON_SHUTDOWN: u32 = 2;

// Flow / reassembly counters (u64 each), after the anomaly counters.
export const FLOW_COUNTERS_BASE: u32 = 336;
export const COUNTER_FLOWS_CREATED: u32 = 336;
export const COUNTER_FLOWS_ENDED_TIMEOUT: u32 = 337;
export const COUNTER_FLOWS_EVICTED: u32 = 338; // emergency eviction: table at its cap
export const COUNTER_FLOWS_ENDED_SHUTDOWN: u32 = 339;
export const COUNTER_FLOWS_ACTIVE_MAX: u32 = 340; // high-water mark of concurrent flows
export const COUNTER_FLOW_PACKETS: u32 = 341; // packets that belonged to a flow
export const COUNTER_FLOW_NO_KEY: u32 = 342; // packets without a flow (no IP, undecoded transport, fragment)
export const COUNTER_REASM_SEGMENTS: u32 = 343; // TCP segments with payload seen by reassembly
export const COUNTER_REASM_BYTES: u32 = 344; // bytes delivered in order
export const COUNTER_REASM_RETRANSMIT: u32 = 345; // segments entirely already delivered/queued
export const COUNTER_REASM_OVERLAP: u32 = 346; // segments partly overlapping queued/delivered data
export const COUNTER_REASM_GAPS: u32 = 347; // holes skipped (also anomaly tcp.reassembly_gap)
export const COUNTER_REASM_DEPTH_REACHED: u32 = 348; // directions that hit the depth limit
export const COUNTER_REASM_MEMCAP_DROP: u32 = 349; // out-of-order segments dropped: page pool empty
export const COUNTER_REASM_OOO_QUEUED: u32 = 350; // segments queued out of order
export const COUNTER_DEFRAG_FRAGMENTS: u32 = 351; // IPv4/IPv6 fragments taken by defragmentation
export const COUNTER_DEFRAG_REASSEMBLED: u32 = 352; // datagrams reassembled (and passed on)
export const COUNTER_DEFRAG_TIMEOUT: u32 = 353; // incomplete datagrams dropped at their timeout
export const COUNTER_DEFRAG_EVICTED: u32 = 354; // incomplete datagrams dropped: trackers at their cap
export const COUNTER_DEFRAG_DROPPED: u32 = 355; // fragments dropped: truncated, beyond 65535, bad header
export const COUNTER_DEFRAG_OVERLAP: u32 = 356; // fragments overlapping data already held
export const COUNTER_REASM_OUT_OF_WINDOW: u32 = 357; // TCP data more than 16 MiB beyond the next expected byte, dropped
export const COUNTER_ANOMALY_EVENTS_DROPPED: u32 = 358; // anomaly events (anomalies$) past the region's end (counted anomalies are not affected)
export const FLOW_COUNTERS: u32 = 32;
// app layer (Suricata's app_layer.flow.* / app_layer.tx.*): flows by detected protocol, then
// transactions logged (HTTP transactions, DNS messages), DNS split by transport as Suricata does
export const COUNTER_APP_FLOW_HTTP: u32 = 368;
export const COUNTER_APP_FLOW_TLS: u32 = 369;
export const COUNTER_APP_FLOW_DNS_UDP: u32 = 370;
export const COUNTER_APP_FLOW_DNS_TCP: u32 = 371;
export const COUNTER_APP_FLOW_SMTP: u32 = 372;
export const COUNTER_APP_FLOW_FTP: u32 = 373;
export const COUNTER_APP_FLOW_SMB: u32 = 374;
export const COUNTER_APP_FLOW_SSH: u32 = 375;
export const COUNTER_APP_FLOW_FAILED_TCP: u32 = 376;
export const COUNTER_APP_FLOW_FAILED_UDP: u32 = 377;
export const COUNTER_APP_TX_HTTP: u32 = 378;
export const COUNTER_APP_TX_DNS_UDP: u32 = 379;
export const COUNTER_APP_TX_DNS_TCP: u32 = 380;

// ---- TCP stream chunks (issue 3: `netsift streams`) ----
/** Emit reassembled stream chunks into the stream regions (implies FLAG_REASSEMBLE). */
export const FLAG_EMIT_STREAMS: u32 = 32;
export const STREAM_RECORD_CAPACITY: u32 = 8192;
export const STREAM_DATA_CAPACITY: u32 = 8 << 20;
export const STREAM_RECORD_SIZE: u32 = 72;
export const STREAM_FLOW_ID_OFF: u32 = 0; // u64 flow_id
export const STREAM_FIRST_PKT_OFF: u32 = 8; // u64 first packet of the flow (with flow_id: unique)
export const STREAM_OFFSET_OFF: u32 = 16; // u32 stream offset of the chunk's first byte
export const STREAM_LEN_OFF: u32 = 20; // u32
export const STREAM_DATA_OFF: u32 = 24; // u32 offset of the bytes in the stream data region
export const STREAM_DIR_OFF: u32 = 28; // u8 0 = toserver, 1 = toclient
export const STREAM_IPVER_OFF: u32 = 29; // u8
export const STREAM_SRC_ADDR_OFF: u32 = 32; // 16 bytes: sender of this direction
export const STREAM_DST_ADDR_OFF: u32 = 48; // 16 bytes
export const STREAM_SRC_PORT_OFF: u32 = 64; // u16
export const STREAM_DST_PORT_OFF: u32 = 66; // u16
export const STREAM_VLAN_OFF: u32 = 68; // u16

// ---- app-layer events (issue 7: assembly/emit/app.ts, assembly/app/) ----
// One fixed-size record per HTTP transaction, DNS message or TLS handshake; variable bytes as
// (off, len) pairs into the app data region (offsets relative to its start).
export const APP_RECORD_CAPACITY: u32 = 8192;
export const APP_DATA_CAPACITY: u32 = 8 << 20;
export const APP_RECORD_SIZE: u32 = 256;
export const APP_KIND_OFF: u32 = 0; // u8 APP_PROTO_HTTP | _DNS | _TLS
export const APP_DIR_OFF: u32 = 1; // u8 0 = toserver, 1 = toclient (the packet that completed it)
export const APP_IPVER_OFF: u32 = 2; // u8
export const APP_IPPROTO_OFF: u32 = 3; // u8
export const APP_SRC_PORT_OFF: u32 = 4; // u16 client
export const APP_DST_PORT_OFF: u32 = 6; // u16 server
export const APP_FLOW_ID_OFF: u32 = 8; // u64
export const APP_TS_NS_OFF: u32 = 16; // u64
export const APP_PKT_OFF: u32 = 24; // u64 packet number
export const APP_SRC_ADDR_OFF: u32 = 32; // 16 bytes client
export const APP_DST_ADDR_OFF: u32 = 48; // 16 bytes server
export const APP_VLAN_OFF: u32 = 64; // u16
export const APP_TX_ID_OFF: u32 = 66; // u16 transaction number in the flow
export const APP_NUM_OFF: u32 = 68; // 7 × u32 numbers (per kind)
export const APP_FIELDS_OFF: u32 = 96; // 20 × (u32 off, u32 len)
export const APP_FIELD_COUNT: u32 = 20;
// app_proto values (flow records, app records)
export const APP_PROTO_NONE: u32 = 0;
export const APP_PROTO_HTTP: u32 = 1;
export const APP_PROTO_TLS: u32 = 2;
export const APP_PROTO_DNS: u32 = 3;
// detected by content, not parsed (app/detect.ts): app_proto in events, `alert smtp` payload rules
export const APP_PROTO_SMTP: u32 = 4;
export const APP_PROTO_FTP: u32 = 5;
export const APP_PROTO_SMB: u32 = 6;
export const APP_PROTO_SSH: u32 = 7;
export const APP_PROTO_FAILED: u32 = 255;
/** Run the app-layer stage (detection, parsers, app events); implies FLAG_REASSEMBLE. */
export const FLAG_APP: u32 = 64;

// Anomaly events (emit/anomalies.ts): one record per anomaly raised, for the engine's anomalies$.
/** Record anomaly events for this chunk. */
export const FLAG_ANOMALY_EVENTS: u32 = 128;
export const ANOMALY_EVENT_SIZE: u32 = 24;
export const ANOMALY_EVENT_CAPACITY: u32 = 4096;
/** Room the pipeline keeps free before each packet; a packet raising more has the rest dropped (counted). */
export const ANOMALY_EVENTS_PER_PACKET: u32 = 32;
export const ANOMALY_EVENT_PKT_OFF: u32 = 0; // u64 packet number (0: raised while framing, before any packet)
export const ANOMALY_EVENT_TS_OFF: u32 = 8; // u64 packet timestamp, ns
export const ANOMALY_EVENT_ID_OFF: u32 = 16; // u16 anomaly id (ANOMALY_NAMES)
export const ANOMALY_EVENT_FLAGS_OFF: u32 = 18; // u16 ANOMALY_EVENT_F_*
/** Raised while framing the capture (pcapng blocks), not by a packet. */
export const ANOMALY_EVENT_F_FRAMING: u32 = 1;
