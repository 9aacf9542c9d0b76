/**
 * Record layouts of the match stage, mirrored from assembly/emit/alerts.ts (alert candidates,
 * WASM → worker) and defined here for alert records (worker → main thread, SECTION_ALERTS).
 */

// ---- alert candidates (assembly/emit/alerts.ts) ----
export const CAND_RECORD_SIZE = 112;
export const CAND_PKT_NUM_OFF = 0; // u64
export const CAND_TS_NS_OFF = 8; // u64
export const CAND_FLOW_ID_OFF = 16; // u64
export const CAND_RULE_OFF = 24; // u32
export const CAND_BUF_PTR_OFF = 28; // u32
export const CAND_BUF_LEN_OFF = 32; // u32
export const CAND_FLAGS_OFF = 36; // u32 CAND_F_*
export const CAND_PKT_PTR_OFF = 40; // u32
export const CAND_IP_OFF = 44; // u32
export const CAND_L4_OFF = 48; // u32
export const CAND_IP_VERSION_OFF = 52; // u8
export const CAND_IP_PROTO_OFF = 53; // u8
export const CAND_TCP_FLAGS_OFF = 54; // u8
export const CAND_TCP_STATE_OFF = 55; // u8
export const CAND_SRC_PORT_OFF = 56; // u16
export const CAND_DST_PORT_OFF = 58; // u16
export const CAND_MATCH_END_OFF = 60; // u32
export const CAND_SRC_ADDR_OFF = 64; // 16 bytes
export const CAND_DST_ADDR_OFF = 80; // 16 bytes
export const CAND_STREAM_OFF_OFF = 96; // u32
export const CAND_CHUNK_START_OFF = 100; // u32
export const CAND_PAT_LEN_OFF = 104; // u32

export const CAND_F_STREAM = 1;
export const CAND_F_TO_SERVER = 2;
export const CAND_F_HAS_FLOW = 4;
export const CAND_F_SEEN_BOTH = 8;
export const CAND_F_PKT_TO_SERVER = 16;
export const CAND_F_ESTABLISHED = 32;
/** App-layer candidate (assembly/match/app.ts): buf is a buffer snapshot; bits 16-23 the buffer id. */
export const CAND_F_APP = 64;
/** Bits 24-31 of the flags: the flow's app_proto (APP_PROTO_*) when the candidate was written. */
export const CAND_APP_PROTO_SHIFT = 24;
/** Verified in full by the rule's WASM verify program (assembly/verify/program.ts): skip verify.ts. */
export const CAND_F_VERIFIED = 128;
/** Packet / stream candidate of a TCP flow whose app_proto packet rules do not see yet (assembly/app/stage.ts). */
export const CAND_F_APP_PROTO_UNACKED = 256;

export const RS_STATUS_NAMES = ['ok', 'bad magic', 'bad version', 'bad length', 'bad automaton'];

// ---- alert records (worker → main thread) ----
export const ALERT_RECORD_SIZE = 80;
export const ALERT_PKT_NUM_OFF = 0; // u64
export const ALERT_TS_NS_OFF = 8; // u64
export const ALERT_FLOW_ID_OFF = 16; // u64
export const ALERT_RULE_OFF = 24; // u32 index into the compiled ruleset's rules
export const ALERT_FLAGS_OFF = 28; // u32: 1 stream match, 2 to server, 4 has flow
export const ALERT_SRC_ADDR_OFF = 32; // 16 bytes (IPv4 v4-mapped): sender of the matched data
export const ALERT_DST_ADDR_OFF = 48; // 16 bytes
export const ALERT_SRC_PORT_OFF = 64; // u16
export const ALERT_DST_PORT_OFF = 66; // u16
export const ALERT_PROTO_OFF = 68; // u8
export const ALERT_IP_VERSION_OFF = 69; // u8
/** The flow's app_proto (APP_PROTO_*) when the candidate was written; 0 unknown yet. */
export const ALERT_APP_PROTO_OFF = 70; // u8
export const ALERT_F_STREAM = 1;
export const ALERT_F_TO_SERVER = 2;
export const ALERT_F_HAS_FLOW = 4;
