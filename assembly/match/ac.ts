// Aho-Corasick scan over an automaton blob built by src/rules/compile/ac-build.ts (layout:
// src/rules/compile/README.md). Mirrors scanChunk of src/rules/compile/ac-scan.ts: one class-map
// load and one transition load per byte, a `state < matchLimit` test, and the match list walk
// only on match states. Matches go to the candidate queue (queue.ts) as (patternId, endOff) with
// endOff exclusive and relative to `base`; the state returned carries to the next chunk of the
// same flow direction (streaming).
//
// Skipping (acScanRuns, automata flagged SKIP_RUNS): only runs of pattern bytes long enough to hold
// a match go through the automaton, and inside them only the spans where the prefix filter lets a
// pattern start; runs are found 64 bytes at a time (2.5x the dense scan on the bench capture's
// bytes with the 1,000-rule set's port-80 automaton).
//
// Four lanes (acScanDense). A DFA scan is bound by the latency of its one dependent load per byte
// (the next state needs the previous one), so a long buffer is scanned as four quarters in one
// interleaved loop: four independent load chains in flight (1.07-1.10x two lanes on the same
// bytes, dense). Lane k > 0 starts from the start state a warm-up before its quarter: the longest
// pattern's length, at most 32 bytes. A state's depth is at most the longest pattern, so after a
// full warm-up lane k's states are exactly those of a serial scan; after a capped one they are
// when lane k's state at its quarter's start equals the exact one (the state lane k-1 ends in),
// which is checked, and which fails only when a pattern prefix longer than the warm-up crosses
// the boundary: the rest is then scanned serially. Before the cap, ET Open's automata (patterns
// up to hundreds of bytes) scanned a 1,460-byte payload serially. Lane k's matches that end inside
// its quarter are kept aside and queued after those of the lanes before it, so the queue holds
// exactly the serial scan's matches in the serial order, and the last lane's final state is the
// one to carry.

import { pushMatch } from './queue';

export const AC_MAGIC: u32 = 0x4341534e;
export const AC_VERSION: u32 = 1;
const H_FLAGS: usize = 12;
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
const NIBBLES_OFF: usize = CLASSMAP_OFF + 256;
const PATTERN_VERIFY: u32 = 2;
const FLAG_FOLDED: u32 = 1;
const FLAG_SKIP_RUNS: u32 = 2;
const FLAG_PREFIX_FILTER: u32 = 4;
const PREFIX_FILTER_OFF: usize = NIBBLES_OFF + 32;
const PREFIX_FILTER_SHIFT: u32 = 32 - 18;
const FLAGS_STRIDE_SHIFT: u32 = 16;
const PREFIX_HASH_MUL: u32 = 0x9e3779b1;
const FLAGS_MIN_LEN_SHIFT: u32 = 8;

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

/** Buffers shorter than this are scanned in one lane (the quarters' overlaps would not pay). */
export const LANE_MIN_LEN: u32 = 256;
/** Matches kept aside per lane (1..3); more than this falls back to a serial scan after quarter 0. */
const ASIDE_CAPACITY: u32 = 256;
const asidePtr: usize = memory.data(<i32>(3 * ASIDE_CAPACITY * 8), 8);

/** Scan `len` bytes at `ptr` from `state`; queue matches; return the state to continue with. */
export function acScan(ac: usize, state: u32, ptr: usize, len: u32, base: u32): u32 {
  const flags = load<u32>(ac + H_FLAGS);
  if ((flags & FLAG_SKIP_RUNS) == 0) return acScanDense(ac, state, ptr, len, base);
  return acScanRuns(ac, state, ptr, len, base, (flags >> FLAGS_MIN_LEN_SHIFT) & 0xff);
}

/** True when the byte at `p` is a pattern byte (class 0: no pattern holds it). */
function patternByte(classMap: usize, p: usize): bool {
  return load<u8>(classMap + <usize>load<u8>(p)) != 0;
}

/** The longest run the block test looks for (a longer shortest pattern: runs of this length pass). */
const BLOCK_RUN_MAX: u32 = 64;

/** Bits k of `x` that start `n` consecutive set bits (n >= 1): shifts by 1, 2, 4, …, and-ed. */
function runStarts(x: u64, n: u32): u64 {
  let y = x;
  let have: u32 = 1;
  while (have < n) {
    const sh = min<u32>(have, n - have);
    y &= y >> sh;
    have += sh;
  }
  return y;
}

/** The bits of `x` above bit `z` (z < 64). */
function bitsAbove(x: u64, z: u32): u64 {
  return z >= 63 ? 0 : x & (~(<u64>0) << (z + 1));
}

/** The last, partial block of a buffer, copied so the nibble test never reads past the buffer. */
const tailBlock: usize = memory.data(64, 16);

/**
 * Bit k clear: the byte at ptr + k is no pattern byte for sure (16 bytes, the nibble test; the
 * caller inverts). The high nibble comes from a 16-bit lane shift and a mask, and the test is an
 * equality with zero: WASM has no 8-bit shift or byte inequality on x64, and V8 emulates both
 * with several instructions.
 */
// @ts-ignore: decorator
@inline
function blockZeros(ptr: usize, lo: v128, hi: v128): u64 {
  const v = v128.load(ptr);
  const nib = i8x16.splat(0x0f);
  const m = v128.and(
    v128.swizzle(lo, v128.and(v, nib)),
    v128.swizzle(hi, v128.and(i16x8.shr_u(v, 4), nib)),
  );
  return <u64>(<u32>i8x16.bitmask(i8x16.eq(m, i8x16.splat(0))));
}

/** Bit k set: the byte at ptr + k may be a pattern byte, for the `n` <= 64 bytes at `ptr` (0 past them). */
// @ts-ignore: decorator
@inline
function blockBits64(ptr: usize, n: u32, lo: v128, hi: v128): u64 {
  let p = ptr;
  if (n < 64) {
    memory.copy(tailBlock, ptr, n);
    memory.fill(tailBlock + <usize>n, 0, 64 - n);
    p = tailBlock;
  }
  const zeros =
    blockZeros(p, lo, hi) |
    (blockZeros(p + 16, lo, hi) << 16) |
    (blockZeros(p + 32, lo, hi) << 32) |
    (blockZeros(p + 48, lo, hi) << 48);
  return n < 64 ? ~zeros & (((<u64>1) << n) - 1) : ~zeros;
}

/**
 * The scan of an automaton flagged SKIP_RUNS (src/rules/compile/ac-build.ts): a class-0 byte sends
 * every state to the start state and no pattern holds one, so every match lies inside a run of at
 * least `minLen` pattern bytes. Only such runs go through the automaton, each from the start state
 * (the byte before it is a class-0 one); they are found 64 bytes at a time with the nibble masks
 * (SIMD, then bit tricks over the block's u64: every run of the block at once, no dependent load
 * chain). The nibble test may pass a non-pattern byte, never the reverse: a run it over-counts only
 * costs transitions. Same matches in the same order as the dense scan, and the same final state:
 * that of the last run, scanned whole from the start state (a class-0 last byte: the start state).
 */
function acScanRuns(ac: usize, state: u32, ptr: usize, len: u32, base: u32, minLen: u32): u32 {
  const classMap = ac + CLASSMAP_OFF;
  const start = load<u32>(ac + H_START);
  const nibLo = v128.load(ac + NIBBLES_OFF);
  const nibHi = v128.load(ac + NIBBLES_OFF + 16);
  const runMin = min<u32>(minLen, BLOCK_RUN_MAX);
  let i: u32 = 0;
  if (state != start) {
    // the run the previous chunk ended in goes on: through the automaton up to its first class-0 byte
    let e: u32 = 0;
    while (e < len && patternByte(classMap, ptr + <usize>e)) e++;
    const s = acScanDense(ac, state, ptr, e, base);
    if (e == len) return s;
    i = e + 1;
  }
  // rs: where the run of (possible) pattern bytes before i began; the state at rs is the start state
  let rs = i;
  while (i < len) {
    const n = min<u32>(len - i, 64);
    const bits = blockBits64(ptr + <usize>i, n, nibLo, nibHi);
    let y = runStarts(bits, runMin);
    // the run carried from earlier blocks, when long enough with this block's first bytes
    const lead = <u32>ctz<u64>(~bits); // n < 64: at most n (the bits past the buffer are 0)
    if (rs < i && min<u32>(i - rs, runMin) + lead >= runMin) {
      if (lead == 64) {
        i += 64;
        continue;
      }
      if (lead == n) return acScanDense(ac, start, ptr + <usize>rs, len - rs, base + rs);
      scanRun(ac, ptr, rs, i + lead, base, minLen);
      y = bitsAbove(y, lead);
    }
    // the runs that start in this block: from a 0 bit (a class-0 byte for sure) to the next one
    while (y != 0) {
      const k = <u32>ctz<u64>(y);
      const z = k + <u32>ctz<u64>(~(bits >> k));
      if (z == 64) break; // goes on into the next block
      if (z == n && n < 64) return acScanDense(ac, start, ptr + <usize>(i + k), len - i - k, base + i + k);
      scanRun(ac, ptr, i + k, i + z, base, minLen);
      y = bitsAbove(y, z);
    }
    // after the block's last class-0 byte
    const zeros = ~bits & (n < 64 ? ((<u64>1) << n) - 1 : ~(<u64>0));
    if (zeros != 0) rs = i + 64 - <u32>clz<u64>(zeros);
    i += n;
  }
  // the run the buffer ends in (64-byte blocks up to the end), whole: its state carries on
  return acScanDense(ac, start, ptr + <usize>rs, len - rs, base + rs);
}

/**
 * The occurrences inside a run [rs, e) of pattern bytes that a class-0 byte ends (its final state
 * is not needed: the byte at e sends it back to the start state). With the prefix filter
 * (PREFIX_FILTER: src/rules/compile/ac-build.ts prefixFilter) every `stride`-th position q of the
 * run is tested: an occurrence starting at p has its window at offset q - p < stride in the filter,
 * so a q that fails starts none in (q - stride, q], and one that passes may start one there, which
 * ends within maxPatternLen bytes of its start; the automaton runs from the start state over each
 * union of such spans. That finds every occurrence once (each lies inside the span of the q that
 * met it) and nothing else (a scan from the start state at x reports exactly the occurrences that
 * start at or after x), in the dense scan's order.
 */
function scanRun(ac: usize, ptr: usize, rs: u32, e: u32, base: u32, minLen: u32): void {
  const flags = load<u32>(ac + H_FLAGS);
  const start = load<u32>(ac + H_START);
  if ((flags & FLAG_PREFIX_FILTER) == 0) {
    acScanDense(ac, start, ptr + <usize>rs, e - rs, base + rs);
    return;
  }
  if (e - rs < minLen) return; // the nibble test over-counted: no room for a pattern
  const filter = ac + PREFIX_FILTER_OFF;
  const fold: u32 = (flags & FLAG_FOLDED) != 0 ? 0x20202020 : 0;
  const maxLen = load<u32>(ac + H_MAX_PATTERN_LEN);
  const stride = (flags >> FLAGS_STRIDE_SHIFT) & 0xf;
  let spanStart = rs;
  let spanEnd = rs;
  // the last q that can meet a window of an occurrence (its start at most e - minLen; the window
  // q + 4 <= e, as stride <= minLen - 3)
  const last = e - minLen + stride - 1;
  for (let q = rs; q <= last; q += stride) {
    const h = ((load<u32>(ptr + <usize>q) | fold) * PREFIX_HASH_MUL) >> PREFIX_FILTER_SHIFT;
    if ((load<u32>(filter + ((<usize>(h >> 5)) << 2)) & (1 << (h & 31))) == 0) continue;
    const from = q + 1 >= rs + stride ? q + 1 - stride : rs; // (no u32 wrap near the run's start)
    if (from >= spanEnd) {
      if (spanEnd > spanStart)
        acScanDense(ac, start, ptr + <usize>spanStart, spanEnd - spanStart, base + spanStart);
      spanStart = from;
    }
    spanEnd = min<u32>(e, q + maxLen);
  }
  if (spanEnd > spanStart) acScanDense(ac, start, ptr + <usize>spanStart, spanEnd - spanStart, base + spanStart);
}

/**
 * Bytes a lane runs before its quarter: the longest pattern, at most this. After a warm-up of the
 * longest pattern's length a lane's state is exact; after a shorter one it is exact unless the
 * exact state's depth (its pattern prefix) is longer than the warm-up, which acScanLanes checks.
 */
const LANE_WARMUP_MAX: u32 = 32;

/** The automaton over every byte (dense scan): four lanes, or one for a short buffer. */
function acScanDense(ac: usize, state: u32, ptr: usize, len: u32, base: u32): u32 {
  const overlap = min<u32>(load<u32>(ac + H_MAX_PATTERN_LEN), LANE_WARMUP_MAX);
  // each quarter at least twice the overlap: at most half of a lane is spent re-synchronising
  if (len < LANE_MIN_LEN || len < overlap << 3) return acScanSerial(ac, state, ptr, len, base);
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

/**
 * Keep match state `s` (ending at `end`) aside as lane `lane`'s `n`-th; returns the new count, which
 * passes ASIDE_CAPACITY (and stays there) once the lane's aside overflowed.
 */
function keepAside(lane: u32, n: u32, s: u32, end: u32): u32 {
  if (n >= ASIDE_CAPACITY) return ASIDE_CAPACITY + 1;
  const p = asidePtr + ((<usize>((lane - 1) * ASIDE_CAPACITY + n)) << 3);
  store<u32>(p, s);
  store<u32>(p + 4, end);
  return n + 1;
}

/** Queue lane `lane`'s `n` matches kept aside, in the order found. */
function queueAside(ac: usize, lane: u32, n: u32): void {
  const p = asidePtr + ((<usize>((lane - 1) * ASIDE_CAPACITY)) << 3);
  for (let k: u32 = 0; k < n; k++) {
    queueMatches(ac, load<u32>(p + ((<usize>k) << 3)), load<u32>(p + ((<usize>k) << 3) + 4));
  }
}

function acScanLanes(ac: usize, state: u32, ptr: usize, len: u32, base: u32, overlap: u32): u32 {
  const classMap = ac + CLASSMAP_OFF;
  const trans = ac + <usize>load<u32>(ac + H_TRANS_OFF);
  const matchLimit = load<u32>(ac + H_MATCH_LIMIT);
  const start = load<u32>(ac + H_START);
  const q = len >> 2;
  // lane 0: [0, q); lane k: [k·q - overlap, (k+1)·q - overlap), its matches kept from k·q on
  const o1 = q - overlap;
  const o2 = o1 + q;
  const o3 = o2 + q;
  let s0 = state;
  let s1 = start;
  let s2 = start;
  let s3 = start;
  // the states lanes 1..3 reach at their quarters' starts, after their warm-up (checked below)
  let at1 = start;
  let at2 = start;
  let at3 = start;
  let n1: u32 = 0; // matches kept aside per lane
  let n2: u32 = 0;
  let n3: u32 = 0;
  for (let i: u32 = 0; i < q; i++) {
    const c0 = <u32>load<u8>(classMap + <usize>load<u8>(ptr + <usize>i));
    const c1 = <u32>load<u8>(classMap + <usize>load<u8>(ptr + <usize>(o1 + i)));
    const c2 = <u32>load<u8>(classMap + <usize>load<u8>(ptr + <usize>(o2 + i)));
    const c3 = <u32>load<u8>(classMap + <usize>load<u8>(ptr + <usize>(o3 + i)));
    s0 = load<u32>(trans + ((<usize>(s0 + c0)) << 2));
    s1 = load<u32>(trans + ((<usize>(s1 + c1)) << 2));
    s2 = load<u32>(trans + ((<usize>(s2 + c2)) << 2));
    s3 = load<u32>(trans + ((<usize>(s3 + c3)) << 2));
    if (s0 < matchLimit) queueMatches(ac, s0, base + i + 1);
    if (i >= overlap) {
      if (s1 < matchLimit) n1 = keepAside(1, n1, s1, base + o1 + i + 1);
      if (s2 < matchLimit) n2 = keepAside(2, n2, s2, base + o2 + i + 1);
      if (s3 < matchLimit) n3 = keepAside(3, n3, s3, base + o3 + i + 1);
    } else if (i + 1 == overlap) {
      at1 = s1;
      at2 = s2;
      at3 = s3;
    }
  }
  // a flood of matches: finish serially from lane 0's exact state at the first quarter's end
  if (max(n1, max(n2, n3)) > ASIDE_CAPACITY) return acScanSerial(ac, s0, ptr + <usize>q, len - q, base + q);
  // each lane in turn, once the lane before it has given the exact state at its quarter's start:
  // the same state, so its matches kept aside, then the rest of its quarter (its overlap) serially;
  // another state (a pattern prefix longer than the warm-up runs across the boundary): serially
  // from the exact state to the end
  if (at1 != s0) return acScanSerial(ac, s0, ptr + <usize>q, len - q, base + q);
  queueAside(ac, 1, n1);
  const e1 = acScanSerial(ac, s1, ptr + <usize>(o1 + q), overlap, base + o1 + q);
  if (at2 != e1) return acScanSerial(ac, e1, ptr + <usize>(2 * q), len - 2 * q, base + 2 * q);
  queueAside(ac, 2, n2);
  const e2 = acScanSerial(ac, s2, ptr + <usize>(o2 + q), overlap, base + o2 + q);
  if (at3 != e2) return acScanSerial(ac, e2, ptr + <usize>(3 * q), len - 3 * q, base + 3 * q);
  queueAside(ac, 3, n3);
  // the last lane also takes the bytes a quarter left over (len not a multiple of 4)
  const done = o3 + q;
  return acScanSerial(ac, s3, ptr + <usize>done, len - done, base + done);
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
