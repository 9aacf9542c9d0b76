// Aho-Corasick scan over an automaton blob built by src/rules/compile/ac-build.ts (layout:
// src/rules/compile/README.md). Mirrors scanChunk of src/rules/compile/ac-scan.ts: one class-map
// load and one transition load per byte, a `state < matchLimit` test, and the match list walk
// only on match states. Matches go to the candidate queue (queue.ts) as (patternId, endOff) with
// endOff exclusive and relative to `base`; the state returned carries to the next chunk of the
// same flow direction (streaming).
//
// Two lanes. A DFA scan is bound by the latency of its one dependent load per byte (the next
// state needs the previous one), not by bandwidth, so a long buffer is scanned as two halves in
// one interleaved loop: two independent load chains in flight. Lane B starts from the start
// state `maxPatternLen` bytes before the half: every state has a depth of at most the longest
// pattern, so from the half on lane B's states are exactly those of a serial scan (and its final
// state is the one to carry). Lane B's matches that end after the half are kept aside and queued
// after lane A's, so the queue holds exactly the serial scan's matches in the serial order.

import { pushMatch } from './queue';

export const AC_MAGIC: u32 = 0x4341534e;
export const AC_VERSION: u32 = 1;
const H_STRIDE_LOG2: usize = 20;
const H_START: usize = 28;
const H_MATCH_LIMIT: usize = 32;
const H_PATTERN_COUNT: usize = 36;
const H_MAX_PATTERN_LEN: usize = 40;
const H_TRANS_OFF: usize = 44;
const H_MATCH_INDEX_OFF: usize = 48;
const H_MATCH_IDS_OFF: usize = 52;
const H_PATTERN_TABLE_OFF: usize = 56;
const CLASSMAP_OFF: usize = 64;
const PATTERN_VERIFY: u32 = 2;

/** True when `ac` points at an automaton blob this scanner reads. */
export function acValid(ac: usize): bool {
  return load<u32>(ac) == AC_MAGIC && load<u32>(ac + 4) == AC_VERSION;
}

export function acStart(ac: usize): u32 {
  return load<u32>(ac + H_START);
}

export function acPatternCount(ac: usize): u32 {
  return load<u32>(ac + H_PATTERN_COUNT);
}

/** Buffers shorter than this are scanned in one lane (the halves' overlap would not pay). */
export const LANE_MIN_LEN: u32 = 192;
/** Lane B's matches, queued after lane A's; more than this falls back to a serial second half. */
const ASIDE_CAPACITY: u32 = 256;
const asidePtr: usize = memory.data(<i32>(ASIDE_CAPACITY * 8), 8);

/** Scan `len` bytes at `ptr` from `state`; queue matches; return the state to continue with. */
export function acScan(ac: usize, state: u32, ptr: usize, len: u32, base: u32): u32 {
  const overlap = load<u32>(ac + H_MAX_PATTERN_LEN);
  if (len < LANE_MIN_LEN || len < overlap << 2) return acScanSerial(ac, state, ptr, len, base);
  return acScanLanes(ac, state, ptr, len, base, overlap);
}

/** Queue the pattern ids of match state `s` ending at `end`. */
function queueMatches(ac: usize, s: u32, end: u32): void {
  const m = <usize>(s >> load<u32>(ac + H_STRIDE_LOG2));
  const matchIndex = ac + <usize>load<u32>(ac + H_MATCH_INDEX_OFF);
  const matchIds = ac + <usize>load<u32>(ac + H_MATCH_IDS_OFF);
  const e = load<u32>(matchIndex + ((m + 1) << 2));
  for (let k = load<u32>(matchIndex + (m << 2)); k < e; k++) {
    pushMatch(load<u32>(matchIds + ((<usize>k) << 2)), end);
  }
}

function acScanLanes(ac: usize, state: u32, ptr: usize, len: u32, base: u32, overlap: u32): u32 {
  const classMap = ac + CLASSMAP_OFF;
  const trans = ac + <usize>load<u32>(ac + H_TRANS_OFF);
  const matchLimit = load<u32>(ac + H_MATCH_LIMIT);
  const half = len >> 1;
  const bStart = half - overlap;
  let a = state;
  let b = load<u32>(ac + H_START);
  let aside: u32 = 0;
  let asideFull = false;
  // lane A: [0, half); lane B: [bStart, len), interleaved over lane A's length
  for (let i: u32 = 0; i < half; i++) {
    const j = bStart + i;
    const ca = <u32>load<u8>(classMap + <usize>load<u8>(ptr + <usize>i));
    const cb = <u32>load<u8>(classMap + <usize>load<u8>(ptr + <usize>j));
    a = load<u32>(trans + ((<usize>(a + ca)) << 2));
    b = load<u32>(trans + ((<usize>(b + cb)) << 2));
    if (a < matchLimit) queueMatches(ac, a, base + i + 1);
    if (b < matchLimit && j >= half) {
      if (aside < ASIDE_CAPACITY) {
        store<u32>(asidePtr + ((<usize>aside) << 3), b);
        store<u32>(asidePtr + ((<usize>aside) << 3) + 4, base + j + 1);
        aside++;
      } else asideFull = true;
    }
  }
  // a flood of matches: finish serially from lane A's exact state at the half
  if (asideFull) return acScanSerial(ac, a, ptr + <usize>half, len - half, base + half);
  for (let k: u32 = 0; k < aside; k++) {
    queueMatches(ac, load<u32>(asidePtr + ((<usize>k) << 3)), load<u32>(asidePtr + ((<usize>k) << 3) + 4));
  }
  // the rest of lane B (its overlap and an odd byte), serially
  const done = bStart + half;
  return acScanSerial(ac, b, ptr + <usize>done, len - done, base + done);
}

/** One lane over the whole buffer. */
function acScanSerial(ac: usize, state: u32, ptr: usize, len: u32, base: u32): u32 {
  const classMap = ac + CLASSMAP_OFF;
  const trans = ac + <usize>load<u32>(ac + H_TRANS_OFF);
  const matchLimit = load<u32>(ac + H_MATCH_LIMIT);
  const strideLog2 = load<u32>(ac + H_STRIDE_LOG2);
  const matchIndex = ac + <usize>load<u32>(ac + H_MATCH_INDEX_OFF);
  const matchIds = ac + <usize>load<u32>(ac + H_MATCH_IDS_OFF);
  let s = state;
  for (let i: u32 = 0; i < len; i++) {
    const c = <u32>load<u8>(classMap + <usize>load<u8>(ptr + <usize>i));
    s = load<u32>(trans + ((<usize>(s + c)) << 2));
    if (s < matchLimit) {
      const m = <usize>(s >> strideLog2);
      const end = base + i + 1;
      const e = load<u32>(matchIndex + ((m + 1) << 2));
      for (let k = load<u32>(matchIndex + (m << 2)); k < e; k++) {
        pushMatch(load<u32>(matchIds + ((<usize>k) << 2)), end);
      }
    }
  }
  return s;
}

/**
 * The exact re-check of a candidate whose pattern is case-sensitive in a case-folded automaton
 * (VERIFY flag): compare its bytes ending at `endIdx` (exclusive index into the bytes at `ptr`,
 * `avail` long). Patterns without the flag are real matches as found.
 */
export function acVerify(ac: usize, id: u32, ptr: usize, endIdx: i64, avail: u32): bool {
  const e = ac + <usize>load<u32>(ac + H_PATTERN_TABLE_OFF) + <usize>id * 12;
  if ((load<u32>(e + 8) & PATTERN_VERIFY) == 0) return true;
  const len = <i64>load<u32>(e + 4);
  const start = endIdx - len;
  if (start < 0 || endIdx > <i64>avail) return false;
  const pat = ac + <usize>load<u32>(e);
  for (let k: i64 = 0; k < len; k++) {
    if (load<u8>(ptr + <usize>(start + k)) != load<u8>(pat + <usize>k)) return false;
  }
  return true;
}

/** Length of pattern `id`. */
export function acPatternLen(ac: usize, id: u32): u32 {
  return load<u32>(ac + <usize>load<u32>(ac + H_PATTERN_TABLE_OFF) + <usize>id * 12 + 4);
}
