// The flow table: open addressing with linear probing over a power-of-two array of fixed-size
// slots in linear memory (region carved by mem/regions.ts at configure time; nothing is
// allocated per packet). Deletion is backward-shift (no tombstones), so probe chains stay short
// whatever the churn. The table holds at most `maxFlows` flows (the configured memory cap); the
// slot array is the next power of two >= maxFlows * 4/3 (load factor <= 0.75).
//
// Slot layout (FLOW_SLOT_SIZE bytes, little-endian):
//   0 used u8 · 1 tcp state u8 · 2 flags u8 (SLOT_F_*) · 3 ip version u8 · 4 hash u32
//   8 key (FLOW_KEY_SIZE = 40: see flow/key.ts)
//   48 tcp flags toserver u8 · 49 tcp flags toclient u8 · 50 first ICMP type u8 · 51 first ICMP code u8
//   52 pkts toserver u32 · 56 pkts toclient u32 · 60 ML feature accumulator index + 1 u32 (features/)
//   64 bytes toserver u64 · 72 bytes toclient u64 · 80 first ts ns u64 · 88 last ts ns u64
//   96 flow id u64 · 104 first packet number u64 · 112 last packet number u64
//   120 stream state toserver u32 · 124 stream state toclient u32 (reassemble/stream.ts, 0 = none)
//   128 app word u32 (app/stage.ts: app_proto, detection, parser state index)
//   132 app ACK offset u32 · 136 app_proto acknowledged u8 (app/stage.ts: when packet rules see the
//   app_proto of a TCP flow) · 137..143 reserved
// Invariant: a used slot sits at or after (cyclically) its home slot hash & mask, with no empty
// slot in between.

import { FLOW_KEY_SIZE } from './key';

export const FLOW_SLOT_SIZE: u32 = 144;
export const SLOT_USED_OFF: u32 = 0;
export const SLOT_TCP_STATE_OFF: u32 = 1;
export const SLOT_FLAGS_OFF: u32 = 2;
export const SLOT_IPVER_OFF: u32 = 3;
export const SLOT_HASH_OFF: u32 = 4;
export const SLOT_KEY_OFF: u32 = 8;
export const SLOT_TCPFLAGS_TS_OFF: u32 = 48;
export const SLOT_TCPFLAGS_TC_OFF: u32 = 49;
export const SLOT_ICMP_TYPE_OFF: u32 = 50;
export const SLOT_ICMP_CODE_OFF: u32 = 51;
export const SLOT_PKTS_TS_OFF: u32 = 52;
export const SLOT_PKTS_TC_OFF: u32 = 56;
export const SLOT_BYTES_TS_OFF: u32 = 64;
export const SLOT_BYTES_TC_OFF: u32 = 72;
export const SLOT_FIRST_TS_OFF: u32 = 80;
export const SLOT_LAST_TS_OFF: u32 = 88;
export const SLOT_FLOW_ID_OFF: u32 = 96;
export const SLOT_FIRST_PKT_OFF: u32 = 104;
export const SLOT_LAST_PKT_OFF: u32 = 112;
export const SLOT_STREAM_TS_OFF: u32 = 120;
export const SLOT_STREAM_TC_OFF: u32 = 124;
export const SLOT_APP_OFF: u32 = 128;
export const SLOT_APP_ACK_OFF: u32 = 132;
export const SLOT_APP_ACKED_OFF: u32 = 136;

/** Slot flag: key endpoint A is the client (toserver = A → B). */
export const SLOT_F_CLIENT_IS_A: u8 = 1;
/** Slot flag: a packet was seen from the server (toclient). */
export const SLOT_F_SEEN_TC: u8 = 2;
/** Slot flag: TCP flow picked up mid-stream (its first packet was not a SYN; flow/state.ts). */
export const SLOT_F_MIDSTREAM: u8 = 4;
/**
 * Slot flag: no more payload inspection (packet payloads and the raw stream), as Suricata's
 * APP_LAYER_PARSER_NO_INSPECTION_PAYLOAD: set when TLS application data starts (app/tls.ts)
 * unless encryption handling is `full`. Header-only rules and app-layer buffers still run.
 */
export const SLOT_F_NO_PAYLOAD_INSPECT: u8 = 8;

export function payloadInspected(slot: usize): bool {
  return slot == 0 || (load<u8>(slot + SLOT_FLAGS_OFF) & SLOT_F_NO_PAYLOAD_INSPECT) == 0;
}

export let tablePtr: usize = 0;
export let tableMask: u32 = 0;
export let tableSlots: u32 = 0;
export let flowCount: u32 = 0;
export let maxFlows: u32 = 0;

/** Bytes the slot array needs for a cap of `max` flows. */
export function tableBytesFor(max: u32): usize {
  return <usize>slotsFor(max) * <usize>FLOW_SLOT_SIZE;
}

function slotsFor(max: u32): u32 {
  let n: u32 = 16;
  const want = <u64>max + ((<u64>max) >> 1) - ((<u64>max) >> 2); // ~4/3
  while (<u64>n < want) n <<= 1;
  return n;
}

/** Attach the table to its region, cleared unless `fresh` (memory just grown is zero: not touched). */
export function initTable(ptr: usize, max: u32, fresh: bool): void {
  tablePtr = ptr;
  maxFlows = max;
  tableSlots = slotsFor(max);
  tableMask = tableSlots - 1;
  flowCount = 0;
  if (!fresh) memory.fill(ptr, 0, tableBytesFor(max));
}

export function slotAt(i: u32): usize {
  return tablePtr + <usize>i * <usize>FLOW_SLOT_SIZE;
}

export function slotUsed(s: usize): bool {
  return load<u8>(s + SLOT_USED_OFF) != 0;
}

function keyEquals(s: usize, k: usize): bool {
  const a = s + SLOT_KEY_OFF;
  return (
    load<u64>(a) == load<u64>(k) &&
    load<u64>(a + 8) == load<u64>(k + 8) &&
    load<u64>(a + 16) == load<u64>(k + 16) &&
    load<u64>(a + 24) == load<u64>(k + 24) &&
    load<u64>(a + 32) == load<u64>(k + 32)
  );
}

/** The slot holding key `k` (hash `h`), or 0. */
export function findFlow(k: usize, h: u32): usize {
  let i = h & tableMask;
  while (true) {
    const s = slotAt(i);
    if (!slotUsed(s)) return 0;
    if (load<u32>(s + SLOT_HASH_OFF) == h && keyEquals(s, k)) return s;
    i = (i + 1) & tableMask;
  }
  return 0;
}

/** Claim an empty slot for key `k` (caller checked flowCount < maxFlows and that k is absent). */
export function insertFlow(k: usize, h: u32): usize {
  let i = h & tableMask;
  while (slotUsed(slotAt(i))) i = (i + 1) & tableMask;
  const s = slotAt(i);
  memory.fill(s, 0, FLOW_SLOT_SIZE);
  store<u8>(s + SLOT_USED_OFF, 1);
  store<u32>(s + SLOT_HASH_OFF, h);
  memory.copy(s + SLOT_KEY_OFF, k, FLOW_KEY_SIZE);
  flowCount++;
  return s;
}

/**
 * Remove the flow in slot index `i` by backward shift: later members of the probe run whose
 * home slot is not in (i, j] move back into the hole. Returns true when another flow moved into
 * slot `i` (a scanning caller must look at `i` again).
 */
export function removeFlowAt(i: u32): bool {
  let hole = i;
  let j = i;
  let movedIntoFirst = false;
  while (true) {
    j = (j + 1) & tableMask;
    const sj = slotAt(j);
    if (!slotUsed(sj)) break;
    const home = load<u32>(sj + SLOT_HASH_OFF) & tableMask;
    // stays if home lies cyclically in (hole, j]
    const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
    if (stays) continue;
    memory.copy(slotAt(hole), sj, FLOW_SLOT_SIZE);
    if (hole == i) movedIntoFirst = true;
    hole = j;
  }
  store<u8>(slotAt(hole) + SLOT_USED_OFF, 0);
  flowCount--;
  return movedIntoFirst;
}

export function slotIndex(s: usize): u32 {
  return <u32>((s - tablePtr) / <usize>FLOW_SLOT_SIZE);
}
