// App-layer event records (issue 7): one fixed-size record per HTTP transaction, DNS message or
// TLS handshake, appended to the app record region; variable bytes (URI, names, DNs, JA3 text,
// DNS answers) are copied into the app data region and referenced as (off, len) field pairs,
// offsets relative to the data region. Layout: abi/layout.ts APP_*, mirrored in
// src/wasm/layout.ts and read by src/app/records.ts.
//
// The pipeline keeps APP_ROOM_RECORDS / APP_ROOM_BYTES free before each packet; should one packet
// still produce more (thousands of pipelined requests in one segment), the extra records or
// field bytes are dropped and counted (COUNTER_APP_EVENTS_DROPPED), never written past the region.

import {
  APP_DATA_CAPACITY,
  APP_DIR_OFF,
  APP_DST_ADDR_OFF,
  APP_DST_PORT_OFF,
  APP_FIELDS_OFF,
  APP_FIELD_COUNT,
  APP_FLOW_ID_OFF,
  APP_IPPROTO_OFF,
  APP_IPVER_OFF,
  APP_KIND_OFF,
  APP_NUM_OFF,
  APP_PKT_OFF,
  APP_RECORD_CAPACITY,
  APP_RECORD_SIZE,
  APP_SRC_ADDR_OFF,
  APP_SRC_PORT_OFF,
  APP_TS_NS_OFF,
  APP_TX_ID_OFF,
  APP_VLAN_OFF,
} from '../abi/layout';
import {
  KEY_ADDR_A_OFF,
  KEY_ADDR_B_OFF,
  KEY_PORT_A_OFF,
  KEY_PORT_B_OFF,
  KEY_PROTO_OFF,
  KEY_VLAN_OFF,
} from '../flow/key';
import {
  SLOT_FLAGS_OFF,
  SLOT_FLOW_ID_OFF,
  SLOT_F_CLIENT_IS_A,
  SLOT_IPVER_OFF,
  SLOT_KEY_OFF,
} from '../flow/table';

import { countAppTx } from '../app/counters';

export const APP_ROOM_RECORDS: u32 = 512;
export const APP_ROOM_BYTES: u32 = 2 << 20;

export let appRecordsPtr: usize = 0;
export let appDataPtr: usize = 0;
export let appRecordCount: u32 = 0;
export let appDataUsed: u32 = 0;
/** Records or field bytes that found no room (should stay 0; see the header). */
export let appDropped: u32 = 0;

// the context of the packet being processed (set by the app stage)
let ctxSlot: usize = 0;
let ctxTsNs: u64 = 0;
let ctxPkt: u64 = 0;
let cur: usize = 0;

export function initAppRecords(recPtr: usize, dataPtr: usize): void {
  appRecordsPtr = recPtr;
  appDataPtr = dataPtr;
  appRecordCount = 0;
  appDataUsed = 0;
}

export function clearAppRecords(): void {
  appRecordCount = 0;
  appDataUsed = 0;
}

export function appRoomOk(): bool {
  return (
    APP_RECORD_CAPACITY - appRecordCount >= APP_ROOM_RECORDS &&
    APP_DATA_CAPACITY - appDataUsed >= APP_ROOM_BYTES
  );
}

export function setAppContext(tsNs: u64, pkt: u64): void {
  ctxTsNs = tsNs;
  ctxPkt = pkt;
}

/** The flow slot of the transaction being parsed (for the matcher's inspectBuffers hook; 0 = none). */
export function appSlot(): usize {
  return ctxSlot;
}

/** The flow the next records belong to (0: none, as in the standalone parser module). */
export function setAppSlot(slot: usize): void {
  ctxSlot = slot;
}

/** Start a record of `kind`; false (and counted) when the region is full. Fields default to empty. */
export function beginAppRecord(kind: u32, dir: u32, txId: u32): bool {
  if (appRecordCount >= APP_RECORD_CAPACITY) {
    appDropped++;
    cur = 0;
    return false;
  }
  countAppTx(ctxSlot, kind);
  const r = appRecordsPtr + <usize>(appRecordCount * APP_RECORD_SIZE);
  memory.fill(r, 0, APP_RECORD_SIZE);
  store<u8>(r + APP_KIND_OFF, <u8>kind);
  store<u8>(r + APP_DIR_OFF, <u8>dir);
  store<u16>(r + APP_TX_ID_OFF, <u16>txId);
  store<u64>(r + APP_TS_NS_OFF, ctxTsNs);
  store<u64>(r + APP_PKT_OFF, ctxPkt);
  const s = ctxSlot;
  if (s != 0) {
    const k = s + SLOT_KEY_OFF;
    const aIsClient = (load<u8>(s + SLOT_FLAGS_OFF) & SLOT_F_CLIENT_IS_A) != 0;
    memory.copy(r + APP_SRC_ADDR_OFF, k + (aIsClient ? KEY_ADDR_A_OFF : KEY_ADDR_B_OFF), 16);
    memory.copy(r + APP_DST_ADDR_OFF, k + (aIsClient ? KEY_ADDR_B_OFF : KEY_ADDR_A_OFF), 16);
    store<u16>(r + APP_SRC_PORT_OFF, load<u16>(k + (aIsClient ? KEY_PORT_A_OFF : KEY_PORT_B_OFF)));
    store<u16>(r + APP_DST_PORT_OFF, load<u16>(k + (aIsClient ? KEY_PORT_B_OFF : KEY_PORT_A_OFF)));
    store<u8>(r + APP_IPPROTO_OFF, load<u8>(k + KEY_PROTO_OFF));
    store<u8>(r + APP_IPVER_OFF, load<u8>(s + SLOT_IPVER_OFF));
    store<u16>(r + APP_VLAN_OFF, load<u16>(k + KEY_VLAN_OFF));
    store<u64>(r + APP_FLOW_ID_OFF, load<u64>(s + SLOT_FLOW_ID_OFF));
  }
  cur = r;
  appRecordCount++;
  return true;
}

export function setAppNum(i: u32, v: u32): void {
  if (cur != 0 && i < 7) store<u32>(cur + APP_NUM_OFF + <usize>(i << 2), v);
}

/** Copy `len` bytes at `ptr` into the data region as field `i` of the current record. */
export function setAppField(i: u32, ptr: usize, len: u32): void {
  if (cur == 0 || i >= APP_FIELD_COUNT || len == 0) return;
  if (APP_DATA_CAPACITY - appDataUsed < len) {
    appDropped++;
    return;
  }
  memory.copy(appDataPtr + <usize>appDataUsed, ptr, len);
  const f = cur + APP_FIELDS_OFF + <usize>(i << 3);
  store<u32>(f, appDataUsed);
  store<u32>(f + 4, len);
  appDataUsed += len;
}
