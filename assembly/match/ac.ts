// Aho-Corasick scan over an automaton blob built by src/rules/compile/ac-build.ts (layout:
// src/rules/compile/README.md). Mirrors scanChunk of src/rules/compile/ac-scan.ts line for line:
// one class-map load and one transition load per byte, a `state < matchLimit` test, and the match
// list walk only on match states. Matches go to the candidate queue (queue.ts) as (patternId,
// endOff) with endOff exclusive and relative to `base`; the state returned carries to the next
// chunk of the same flow direction (streaming).

import { pushMatch } from './queue';

export const AC_MAGIC: u32 = 0x4341534e;
export const AC_VERSION: u32 = 1;
const H_STRIDE_LOG2: usize = 20;
const H_START: usize = 28;
const H_MATCH_LIMIT: usize = 32;
const H_PATTERN_COUNT: usize = 36;
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

/** Scan `len` bytes at `ptr` from `state`; queue matches; return the state to continue with. */
export function acScan(ac: usize, state: u32, ptr: usize, len: u32, base: u32): u32 {
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
