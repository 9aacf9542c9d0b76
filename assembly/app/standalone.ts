// The app-layer parsers as a standalone WASM module (build/app.wasm; test/unit/app/ compiles
// it): no capture, no flow table. One pseudo-flow (a zeroed slot) receives stream chunks or DNS
// messages written at inputPtr(); events land in the app record / data regions exactly as in
// the engine, and the named buffers of the last transaction stay readable through bufTable()
// (BUF_COUNT entries of u32 ptr, u32 len; ids in app/buffers.ts).
//
//   init() · inputPtr() · feedStream(dir, len, off) · feedDns(dir, len) · endFlow() · appProto()
//   records() · recordsPtr() · dataPtr() · clearRecords() · bufTable() · counters()
//   md5Of(len) / sha1Of(len) / sha256Of(len) → digest ptr (hash oracle tests)

import { APP_DATA_CAPACITY, APP_RECORD_CAPACITY, APP_RECORD_SIZE } from '../abi/layout';
import {
  appRecordCount,
  appRecordsPtr,
  appDataPtr,
  clearAppRecords,
  initAppRecords,
  setAppContext,
  setAppSlot,
} from '../emit/app';
import { FLOW_SLOT_SIZE } from '../flow/table';
import { countersPtr, resetCounters } from '../stats/counters';
import { BUF_COUNT, bufTablePtr } from './buffers';
import { parseDns } from './dns';
import { md5, md5DigestPtr } from './md5';
import { sha1, sha1DigestPtr } from './sha1';
import { sha256, sha256DigestPtr } from './sha256';
import { appFlowEnd, appProtoOf, appStream, setAppEnabled } from './stage';
import { appPoolBytes, initAppStates } from './state';

export const INPUT_SIZE: u32 = 1 << 20;
export const BUFFER_COUNT: u32 = BUF_COUNT;
export const RECORD_SIZE: u32 = APP_RECORD_SIZE;
const input: usize = memory.data(<i32>INPUT_SIZE, 16);
const slot: usize = memory.data(<i32>FLOW_SLOT_SIZE, 16);
let txNo: u32 = 0;

export function init(): void {
  const base = (__heap_base + 63) & ~(<usize>63);
  const recs = base;
  const data = recs + <usize>(APP_RECORD_CAPACITY * APP_RECORD_SIZE);
  const states = data + <usize>APP_DATA_CAPACITY;
  const end = states + appPoolBytes();
  const need = <i32>((end + 0xffff) >> 16) - memory.size();
  if (need > 0 && memory.grow(need) < 0) abort('cannot grow');
  initAppRecords(recs, data);
  initAppStates(states);
  resetCounters();
  setAppEnabled(true);
  setAppContext(0, 0);
  memory.fill(slot, 0, FLOW_SLOT_SIZE);
}

export function inputPtr(): usize {
  return input;
}

/** Stream bytes of the pseudo-flow: dir 0 toserver, 1 toclient, `off` their stream offset. */
export function feedStream(dir: u32, len: u32, off: u32): void {
  appStream(slot, dir == 0, input, len, off);
}

/** One DNS message (a UDP payload). */
export function feedDns(dir: u32, len: u32): bool {
  setAppSlot(0);
  return parseDns(input, len, dir, txNo++);
}

/** End the pseudo-flow (pending events are logged) and start a fresh one. */
export function endFlow(): void {
  appFlowEnd(slot);
  memory.fill(slot, 0, FLOW_SLOT_SIZE);
}

export function appProto(): u32 {
  return appProtoOf(slot);
}

export function records(): u32 {
  return appRecordCount;
}

export function recordsPtr(): usize {
  return appRecordsPtr;
}

export function dataPtr(): usize {
  return appDataPtr;
}

export function clearRecords(): void {
  clearAppRecords();
}

export function bufTable(): usize {
  return bufTablePtr();
}

export function counters(): usize {
  return countersPtr;
}

export function md5Of(len: u32): usize {
  md5(input, len);
  return md5DigestPtr;
}

export function sha1Of(len: u32): usize {
  sha1(input, len);
  return sha1DigestPtr;
}

export function sha256Of(len: u32): usize {
  sha256(input, len);
  return sha256DigestPtr;
}
