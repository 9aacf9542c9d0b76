// netsift batch records: the format of packets that do not come from a file (live capture,
// `fromBuffers`, and per-worker batches cut by the dispatcher). A stream of records, no header:
//
//   ts_ns (u64) · captured len (u32) · original len (u32) · link type (u16) · interface (u16) ·
//   reserved (u32) · captured bytes, padded to a multiple of 8
//
// All little-endian. Written by src/capture/batch-writer.ts from the same layout constants.

import { MAX_CAPLEN } from '../abi/layout';
import { STATUS_BAD_RECORD } from '../abi/status';
import { advance, base, fail, pos, remaining } from './cursor';
import { setRecord } from './record';
import { FRAME_NEED_MORE, FRAME_RECORD } from './results';

export const BATCH_REC_HDR_LEN: u32 = 24;

export function nextBatchRecord(): i32 {
  const avail = remaining();
  if (avail < BATCH_REC_HDR_LEN) return FRAME_NEED_MORE;
  const p = base + pos;
  const capLen = load<u32>(p + 8);
  if (capLen > MAX_CAPLEN) {
    fail(pos + 8);
    return -(<i32>STATUS_BAD_RECORD);
  }
  const total = BATCH_REC_HDR_LEN + ((capLen + 7) & ~7);
  if (avail < total) return FRAME_NEED_MORE;
  setRecord(p + BATCH_REC_HDR_LEN, capLen, load<u32>(p + 12), load<u64>(p), <u32>load<u16>(p + 16), <u32>load<u16>(p + 18));
  advance(total);
  return FRAME_RECORD;
}
