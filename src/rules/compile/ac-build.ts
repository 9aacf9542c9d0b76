/**
 * Aho-Corasick automaton builder: patterns → an immutable, versioned binary blob that the WASM
 * scanner (assembly/match/ac.ts, to come) and the reference scanner (ac-scan.ts) search. Layout and
 * invariants: README.md beside this file. Design after BurntSushi's aho-corasick (dense DFA, byte
 * classes, premultiplied state ids, match states first) and Snort's case-folded MPSE.
 *
 * - Byte classes are computed from the pattern bytes: every distinct byte used by a pattern gets
 *   a class; all other bytes share class 0. When any pattern is `nocase`, the class map folds ASCII
 *   case (A-Z and a-z share a class) and every pattern is inserted folded; case-sensitive patterns
 *   that contain letters are then flagged `verify`: the scanner reports them as candidates and the
 *   verify step re-checks their exact bytes (verifyCandidate in ac-scan.ts).
 * - The DFA is total: every (state, class) has a target (failure transitions are compiled in),
 *   so scanning is one table load per byte and the state carries across chunks (streaming).
 * - State ids are premultiplied by the stride (2^strideLog2 >= alphabet size): next =
 *   trans[state + class]. States with a non-empty match list are numbered first, so "does this
 *   state match" is `state < matchLimit`.
 */

export const AC_MAGIC = 0x4341534e; // 'NSAC' little-endian
export const AC_VERSION = 1;
export const AC_HEADER_BYTES = 64;
export const AC_CLASSMAP_OFF = AC_HEADER_BYTES;
/** 16 low-nibble then 16 high-nibble bucket masks, after the class map (nibbleMasks). */
export const AC_NIBBLES_OFF = AC_CLASSMAP_OFF + 256;
/** Header word indexes (u32). */
export const H = {
  magic: 0,
  version: 1,
  headerBytes: 2,
  flags: 3,
  alphabetLen: 4,
  strideLog2: 5,
  stateCount: 6,
  startState: 7,
  matchLimit: 8,
  patternCount: 9,
  maxPatternLen: 10,
  transOff: 11,
  matchIndexOff: 12,
  matchIdsOff: 13,
  patternTableOff: 14,
  totalBytes: 15,
} as const;

export const AC_FLAG_FOLDED = 1;
/**
 * The scanner may skip runs of pattern bytes shorter than the shortest pattern (flags bits 8-15,
 * MIN_LEN): a byte of class 0 sends every state to the start state and no match holds one, so
 * every match lies inside a run of at least MIN_LEN non-class-0 bytes and the rest of the buffer
 * needs no transition at all. Set when that can pay: few byte values are pattern bytes (text
 * patterns; binary rule groups use almost every byte value) and the shortest pattern is not tiny.
 */
export const AC_FLAG_SKIP_RUNS = 2;
export const AC_FLAGS_MIN_LEN_SHIFT = 8;
/**
 * With AC_FLAG_SKIP_RUNS and a shortest pattern of 4+ bytes: a bitmap of hashed 4-byte pattern
 * prefixes follows the nibble masks (prefixFilter), so the scanner runs the automaton only near
 * the positions of a run where a pattern can start. Stride s (flags bits 16-19, 1..4: the shortest
 * pattern's length - 3 at most): the filter holds each pattern's 4-byte windows at offsets 0..s-1,
 * so testing every s-th position of a run still meets one window of every occurrence.
 */
export const AC_FLAG_PREFIX_FILTER = 4;
export const AC_FLAGS_STRIDE_SHIFT = 16;
export const PREFIX_STRIDE_MAX = 4;
export const AC_PREFIX_FILTER_OFF = AC_NIBBLES_OFF + 32;
/** log2 of the prefix filter's bits (32 KiB: about 1.1% of tests pass for the 3,000 windows of 1,000 patterns). */
export const PREFIX_FILTER_LOG2 = 18;
const PREFIX_HASH_MUL = 0x9e3779b1;

/**
 * Bit of the prefix filter for the 4 bytes `key` (little-endian u32) at a position: multiplicative
 * hash of the key, or-ed with 0x20202020 when the automaton folds case (ASCII letters share a bit;
 * so do some other byte pairs, which only lets more positions pass). Mirrored by the WASM scanner.
 */
export function prefixFilterBit(key: number, folded: boolean): number {
  const k = folded ? (key | 0x20202020) >>> 0 : key >>> 0;
  return Math.imul(k, PREFIX_HASH_MUL) >>> (32 - PREFIX_FILTER_LOG2);
}

/** The prefix filter of `patterns` (every one at least stride + 3 bytes long): windows at offsets 0..stride-1. */
export function prefixFilter(patterns: readonly AcPattern[], folded: boolean, stride: number): Uint8Array {
  const bits = new Uint8Array(1 << (PREFIX_FILTER_LOG2 - 3));
  for (const p of patterns) {
    const b = p.bytes;
    for (let o = 0; o < stride; o++) {
      const key = (b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16);
      const h = prefixFilterBit((key | ((b[o + 3] as number) << 24)) >>> 0, folded);
      bits[h >> 3] = (bits[h >> 3] as number) | (1 << (h & 7));
    }
  }
  return bits;
}

/** Most byte values (of 256) that may be pattern bytes for AC_FLAG_SKIP_RUNS. */
export const SKIP_RUNS_MAX_USED = 128;
/** Shortest pattern for AC_FLAG_SKIP_RUNS: shorter runs of pattern bytes are too common to skip. */
export const SKIP_RUNS_MIN_LEN = 3;
export const PATTERN_NOCASE = 1;
export const PATTERN_VERIFY = 2;
/** u32 words per pattern-table entry: bytes offset, length, flags. */
export const PATTERN_ENTRY_WORDS = 3;

export interface AcPattern {
  readonly bytes: Uint8Array;
  readonly nocase: boolean;
}

export function foldByte(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
}

function isLetter(b: number): boolean {
  const f = b | 0x20;
  return f >= 0x61 && f <= 0x7a;
}

/**
 * The pattern bytes as two 16-entry tables for a SIMD byte test (Hyperscan's shufti): byte b may be
 * a pattern byte iff lo[b & 15] & hi[b >> 4] != 0. Each distinct set of low nibbles that a high
 * nibble pairs with gets a bucket bit; past 8 such sets, sets share a bucket (their union). So the
 * test never misses a pattern byte; with at most 8 sets it is exact, else it may pass a few others.
 */
export function nibbleMasks(classMap: Uint8Array): { lo: Uint8Array; hi: Uint8Array } {
  const lo = new Uint8Array(16);
  const hi = new Uint8Array(16);
  const bucketOf = new Map<number, number>();
  for (let h = 0; h < 16; h++) {
    let row = 0;
    for (let l = 0; l < 16; l++) if (classMap[(h << 4) | l] !== 0) row |= 1 << l;
    if (row === 0) continue;
    let b = bucketOf.get(row);
    if (b === undefined) bucketOf.set(row, (b = bucketOf.size % 8));
    hi[h] = 1 << b;
    for (let l = 0; l < 16; l++) if (row & (1 << l)) lo[l] = (lo[l] as number) | (1 << b);
  }
  return { lo, hi };
}

/** Build the blob. Pattern ids are indexes into `patterns`; empty patterns are rejected. */
export function buildAutomaton(patterns: readonly AcPattern[]): Uint8Array {
  const folded = patterns.some((p) => p.nocase);
  const fold = (b: number): number => (folded ? foldByte(b) : b);

  // 1. Byte classes from the (folded) pattern bytes; class 0 = every byte no pattern uses.
  const used = new Uint8Array(256);
  let maxLen = 0;
  let minLen = Infinity;
  for (const [i, p] of patterns.entries()) {
    if (p.bytes.length === 0) throw new RangeError(`pattern ${i} is empty`);
    maxLen = Math.max(maxLen, p.bytes.length);
    minLen = Math.min(minLen, p.bytes.length);
    for (const b of p.bytes) used[fold(b)] = 1;
  }
  const classMap = new Uint8Array(256);
  let alphabetLen = 1;
  const classOfFolded = new Int32Array(256);
  for (let b = 0; b < 256; b++) if (used[b]) classOfFolded[b] = alphabetLen++;
  for (let b = 0; b < 256; b++) classMap[b] = classOfFolded[fold(b)] ?? 0;
  let strideLog2 = 0;
  while (1 << strideLog2 < alphabetLen) strideLog2++;
  const stride = 1 << strideLog2;

  // 2. Trie over classes: rows of `stride` children (-1 = none).
  const rows: Int32Array[] = [new Int32Array(stride).fill(-1)];
  const out: number[][] = [[]];
  for (const [id, p] of patterns.entries()) {
    let s = 0;
    for (const b of p.bytes) {
      const c = classMap[b] as number;
      const row = rows[s] as Int32Array;
      let next = row[c] as number;
      if (next < 0) {
        next = rows.length;
        rows.push(new Int32Array(stride).fill(-1));
        out.push([]);
        row[c] = next;
      }
      s = next;
    }
    (out[s] as number[]).push(id);
  }
  const n = rows.length;

  // 3. Failure links in BFS order, compiled into a total transition function.
  const fail = new Int32Array(n);
  const order: number[] = [0];
  const root = rows[0] as Int32Array;
  for (let c = 0; c < stride; c++) {
    const t = root[c] as number;
    if (t < 0) root[c] = 0;
    else {
      fail[t] = 0;
      order.push(t);
    }
  }
  for (let qi = 1; qi < order.length; qi++) {
    const s = order[qi] as number;
    const row = rows[s] as Int32Array;
    const fRow = rows[fail[s] as number] as Int32Array;
    const sOut = out[s] as number[];
    const fOut = out[fail[s] as number] as number[];
    if (fOut.length) sOut.push(...fOut);
    for (let c = 0; c < stride; c++) {
      const t = row[c] as number;
      if (t < 0) row[c] = fRow[c] as number;
      else {
        fail[t] = fRow[c] as number;
        order.push(t);
      }
    }
  }

  // 4. Renumber: match states first (in BFS order), then the rest; root keeps its place in the rest.
  const newId = new Int32Array(n);
  let next = 0;
  for (const s of order) if ((out[s] as number[]).length) newId[s] = next++;
  const matchStates = next;
  for (const s of order) if (!(out[s] as number[]).length) newId[s] = next++;

  // 5. Emit.
  let usedValues = 0;
  for (let b = 0; b < 256; b++) if (classMap[b] !== 0) usedValues++;
  const skipMinLen = Math.min(minLen, 255);
  const skipRuns = usedValues <= SKIP_RUNS_MAX_USED && skipMinLen >= SKIP_RUNS_MIN_LEN;
  const totalIds = out.reduce((a, o) => a + o.length, 0);
  const withFilter = skipRuns && minLen >= 4;
  const filterStride = Math.min(PREFIX_STRIDE_MAX, minLen - 3);
  const transOff = AC_PREFIX_FILTER_OFF + (withFilter ? 1 << (PREFIX_FILTER_LOG2 - 3) : 0);
  const matchIndexOff = transOff + n * stride * 4;
  const matchIdsOff = matchIndexOff + (matchStates + 1) * 4;
  const patternTableOff = matchIdsOff + totalIds * 4;
  const patternBytesOff = patternTableOff + patterns.length * PATTERN_ENTRY_WORDS * 4;
  const patternBytesLen = patterns.reduce((a, p) => a + p.bytes.length, 0);
  const totalBytes = (patternBytesOff + patternBytesLen + 3) & ~3;
  const blob = new Uint8Array(totalBytes);
  const dv = new DataView(blob.buffer);
  const w = (off: number, v: number): void => dv.setUint32(off, v, true);

  const header: Record<keyof typeof H, number> = {
    magic: AC_MAGIC,
    version: AC_VERSION,
    headerBytes: AC_HEADER_BYTES,
    flags:
      (folded ? AC_FLAG_FOLDED : 0) |
      (skipRuns ? AC_FLAG_SKIP_RUNS | (skipMinLen << AC_FLAGS_MIN_LEN_SHIFT) : 0) |
      (withFilter ? AC_FLAG_PREFIX_FILTER | (filterStride << AC_FLAGS_STRIDE_SHIFT) : 0),
    alphabetLen,
    strideLog2,
    stateCount: n,
    startState: (newId[0] as number) << strideLog2,
    matchLimit: matchStates << strideLog2,
    patternCount: patterns.length,
    maxPatternLen: maxLen,
    transOff,
    matchIndexOff,
    matchIdsOff,
    patternTableOff,
    totalBytes,
  };
  for (const k of Object.keys(H) as (keyof typeof H)[]) w(H[k] * 4, header[k]);
  blob.set(classMap, AC_CLASSMAP_OFF);
  const nibbles = nibbleMasks(classMap);
  blob.set(nibbles.lo, AC_NIBBLES_OFF);
  blob.set(nibbles.hi, AC_NIBBLES_OFF + 16);
  if (withFilter) blob.set(prefixFilter(patterns, folded, filterStride), AC_PREFIX_FILTER_OFF);

  for (let s = 0; s < n; s++) {
    const row = rows[s] as Int32Array;
    const base = transOff + (newId[s] as number) * stride * 4;
    for (let c = 0; c < stride; c++) w(base + c * 4, (newId[row[c] as number] as number) << strideLog2);
  }
  // Match lists of match states, in new-id order.
  const byNew: number[] = new Array<number>(matchStates);
  for (const s of order) if ((newId[s] as number) < matchStates) byNew[newId[s] as number] = s;
  let idPos = 0;
  for (let i = 0; i < matchStates; i++) {
    w(matchIndexOff + i * 4, idPos);
    const ids = [...new Set(out[byNew[i] as number] as number[])].sort((a, b) => a - b);
    for (const id of ids) w(matchIdsOff + 4 * idPos++, id);
  }
  w(matchIndexOff + matchStates * 4, idPos);

  let bytePos = patternBytesOff;
  for (const [i, p] of patterns.entries()) {
    const e = patternTableOff + i * PATTERN_ENTRY_WORDS * 4;
    const verify = folded && !p.nocase && p.bytes.some(isLetter);
    w(e, bytePos);
    w(e + 4, p.bytes.length);
    w(e + 8, (p.nocase ? PATTERN_NOCASE : 0) | (verify ? PATTERN_VERIFY : 0));
    blob.set(p.bytes, bytePos);
    bytePos += p.bytes.length;
  }
  return blob;
}
