// Flow-end records: one fixed-size record per flow when it ends (timeout, forced eviction at the
// table cap, end of input), appended to the flow record region. The pipeline checks
// flowRecordsRoom() before each packet (a packet can end at most FLOW_RECORDS_PER_PACKET flows),
// so a record is never dropped: a full region makes processChunk return STATUS_OUTPUT_FULL and JS
// drains it and calls again. Layout in abi/layout.ts (FLOW_*), mirrored in src/wasm/layout.ts.

import {
  FLOW_BYTES_TC_OFF,
  FLOW_BYTES_TS_OFF,
  FLOW_DST_ADDR_OFF,
  FLOW_DST_PORT_OFF,
  FLOW_END_NS_OFF,
  FLOW_FIRST_PKT_OFF,
  FLOW_GAPS_OFF,
  FLOW_HASH_OFF,
  FLOW_ICMP_CLASS_OFF,
  FLOW_ICMP_ID_OFF,
  FLOW_ID_OFF,
  FLOW_IPVER_OFF,
  FLOW_LAST_PKT_OFF,
  FLOW_PKTS_TC_OFF,
  FLOW_PKTS_TS_OFF,
  FLOW_PROTO_OFF,
  FLOW_REASON_OFF,
  FLOW_RECORD_CAPACITY,
  FLOW_RECORD_SIZE,
  FLOW_SRC_ADDR_OFF,
  FLOW_SRC_PORT_OFF,
  FLOW_START_NS_OFF,
  FLOW_STATE_OFF,
  FLOW_STREAM_BYTES_TC_OFF,
  FLOW_STREAM_BYTES_TS_OFF,
  FLOW_TCPFLAGS_TC_OFF,
  FLOW_TCPFLAGS_TS_OFF,
  FLOW_TCP_STATE_OFF,
  FLOW_VLAN_OFF,
  FLOW_APP_PROTO_OFF,
} from '../abi/layout';
import {
  IPPROTO_ICMP,
  IPPROTO_ICMPV6,
  KEY_ADDR_A_OFF,
  KEY_ADDR_B_OFF,
  KEY_ICMP_CLASS_OFF,
  KEY_PORT_A_OFF,
  KEY_PORT_B_OFF,
  KEY_PROTO_OFF,
  KEY_VLAN_OFF,
} from '../flow/key';
import { flowStateOfTcp, FLOW_STATE_ESTABLISHED, FLOW_STATE_NEW } from '../flow/state';
import {
  SLOT_BYTES_TC_OFF,
  SLOT_BYTES_TS_OFF,
  SLOT_FIRST_PKT_OFF,
  SLOT_FIRST_TS_OFF,
  SLOT_FLAGS_OFF,
  SLOT_FLOW_ID_OFF,
  SLOT_F_CLIENT_IS_A,
  SLOT_F_SEEN_TC,
  SLOT_HASH_OFF,
  SLOT_ICMP_CODE_OFF,
  SLOT_ICMP_TYPE_OFF,
  SLOT_IPVER_OFF,
  SLOT_KEY_OFF,
  SLOT_LAST_PKT_OFF,
  SLOT_LAST_TS_OFF,
  SLOT_PKTS_TC_OFF,
  SLOT_PKTS_TS_OFF,
  SLOT_TCPFLAGS_TC_OFF,
  SLOT_TCPFLAGS_TS_OFF,
  SLOT_TCP_STATE_OFF,
  SLOT_APP_OFF,
} from '../flow/table';

/** Most flow records one packet can produce (expired on hit + eviction + expiry scan). */
export const FLOW_RECORDS_PER_PACKET: u32 = 12;

export let flowRecordsPtr: usize = 0;
export let flowRecordCount: u32 = 0;

export function initFlowRecords(ptr: usize): void {
  flowRecordsPtr = ptr;
  flowRecordCount = 0;
}

export function clearFlowRecords(): void {
  flowRecordCount = 0;
}

export function flowRecordsRoom(): u32 {
  return FLOW_RECORD_CAPACITY - flowRecordCount;
}

/** Reassembly totals for the record (set by the reassembly stage before the flow is emitted). */
export let emitGaps: u32 = 0;
export let emitStreamTs: u32 = 0;
export let emitStreamTc: u32 = 0;
export function setEmitStreamInfo(gaps: u32, ts: u32, tc: u32): void {
  emitGaps = gaps;
  emitStreamTs = ts;
  emitStreamTc = tc;
}

/** Append the end record of the flow in slot `s`. Caller guarantees room. */
export function emitFlowRecord(s: usize, reason: u32): void {
  const r = flowRecordsPtr + <usize>(flowRecordCount * FLOW_RECORD_SIZE);
  const k = s + SLOT_KEY_OFF;
  const aIsClient = (load<u8>(s + SLOT_FLAGS_OFF) & SLOT_F_CLIENT_IS_A) != 0;
  const proto = <u32>load<u8>(k + KEY_PROTO_OFF);
  const cli = aIsClient ? KEY_ADDR_A_OFF : KEY_ADDR_B_OFF;
  const srv = aIsClient ? KEY_ADDR_B_OFF : KEY_ADDR_A_OFF;
  store<u64>(r + FLOW_ID_OFF, load<u64>(s + SLOT_FLOW_ID_OFF));
  store<u64>(r + FLOW_START_NS_OFF, load<u64>(s + SLOT_FIRST_TS_OFF));
  store<u64>(r + FLOW_END_NS_OFF, load<u64>(s + SLOT_LAST_TS_OFF));
  memory.copy(r + FLOW_SRC_ADDR_OFF, k + cli, 16);
  memory.copy(r + FLOW_DST_ADDR_OFF, k + srv, 16);
  const isIcmp = proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6;
  if (isIcmp) {
    store<u16>(r + FLOW_SRC_PORT_OFF, <u16>load<u8>(s + SLOT_ICMP_TYPE_OFF));
    store<u16>(r + FLOW_DST_PORT_OFF, <u16>load<u8>(s + SLOT_ICMP_CODE_OFF));
  } else {
    store<u16>(r + FLOW_SRC_PORT_OFF, load<u16>(k + (aIsClient ? KEY_PORT_A_OFF : KEY_PORT_B_OFF)));
    store<u16>(r + FLOW_DST_PORT_OFF, load<u16>(k + (aIsClient ? KEY_PORT_B_OFF : KEY_PORT_A_OFF)));
  }
  store<u8>(r + FLOW_PROTO_OFF, <u8>proto);
  store<u8>(r + FLOW_IPVER_OFF, load<u8>(s + SLOT_IPVER_OFF));
  store<u16>(r + FLOW_VLAN_OFF, load<u16>(k + KEY_VLAN_OFF));
  store<u32>(r + FLOW_PKTS_TS_OFF, load<u32>(s + SLOT_PKTS_TS_OFF));
  store<u32>(r + FLOW_PKTS_TC_OFF, load<u32>(s + SLOT_PKTS_TC_OFF));
  store<u64>(r + FLOW_BYTES_TS_OFF, load<u64>(s + SLOT_BYTES_TS_OFF));
  store<u64>(r + FLOW_BYTES_TC_OFF, load<u64>(s + SLOT_BYTES_TC_OFF));
  store<u8>(r + FLOW_TCPFLAGS_TS_OFF, load<u8>(s + SLOT_TCPFLAGS_TS_OFF));
  store<u8>(r + FLOW_TCPFLAGS_TC_OFF, load<u8>(s + SLOT_TCPFLAGS_TC_OFF));
  const tcpState = load<u8>(s + SLOT_TCP_STATE_OFF);
  store<u8>(r + FLOW_TCP_STATE_OFF, tcpState);
  let st: u8;
  if (proto == 6) st = flowStateOfTcp(tcpState);
  else st = (load<u8>(s + SLOT_FLAGS_OFF) & SLOT_F_SEEN_TC) != 0 ? FLOW_STATE_ESTABLISHED : FLOW_STATE_NEW;
  store<u8>(r + FLOW_STATE_OFF, st);
  store<u8>(r + FLOW_REASON_OFF, <u8>reason);
  store<u8>(r + FLOW_ICMP_CLASS_OFF, load<u8>(k + KEY_ICMP_CLASS_OFF));
  store<u16>(r + FLOW_ICMP_ID_OFF, isIcmp ? load<u16>(k + KEY_PORT_A_OFF) : 0);
  store<u64>(r + FLOW_FIRST_PKT_OFF, load<u64>(s + SLOT_FIRST_PKT_OFF));
  store<u64>(r + FLOW_LAST_PKT_OFF, load<u64>(s + SLOT_LAST_PKT_OFF));
  store<u32>(r + FLOW_HASH_OFF, load<u32>(s + SLOT_HASH_OFF));
  store<u32>(r + FLOW_GAPS_OFF, emitGaps);
  store<u32>(r + FLOW_STREAM_BYTES_TS_OFF, emitStreamTs);
  store<u32>(r + FLOW_STREAM_BYTES_TC_OFF, emitStreamTc);
  store<u64>(r + FLOW_APP_PROTO_OFF, <u64>load<u8>(s + SLOT_APP_OFF)); // app_proto (app/stage.ts)
  emitGaps = 0;
  emitStreamTs = 0;
  emitStreamTc = 0;
  flowRecordCount++;
}
