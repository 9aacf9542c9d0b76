/**
 * Reference scanner over an automaton blob (ac-build.ts; layout in README.md). The WASM scanner
 * mirrors `scanChunk` line for line: one class-map load and one transition load per byte, a
 * `state < matchLimit` test, and the match list walk only on match states. Streaming: the state
 * returned for one chunk is passed to the next (per flow direction), so a pattern split across
 * chunks is found; offsets are stream offsets (`base` + index).
 *
 * Candidates are (patternId, endOffset) with endOffset exclusive. A candidate whose pattern has
 * the VERIFY flag (case-sensitive pattern in a case-folded automaton) must be re-checked against
 * the exact bytes (`verifyCandidate`) before it counts as a match.
 */
import {
  AC_CLASSMAP_OFF,
  AC_MAGIC,
  AC_VERSION,
  H,
  PATTERN_ENTRY_WORDS,
  PATTERN_NOCASE,
  PATTERN_VERIFY,
} from './ac-build.js';

export interface AutomatonView {
  readonly blob: Uint8Array;
  readonly classMap: Uint8Array;
  readonly trans: Uint32Array;
  readonly matchIndex: Uint32Array;
  readonly matchIds: Uint32Array;
  readonly startState: number;
  readonly matchLimit: number;
  readonly strideLog2: number;
  readonly patternCount: number;
  readonly stateCount: number;
  readonly alphabetLen: number;
  readonly folded: boolean;
}

/** Validate the header and build typed views (the blob must be 4-byte aligned; copies if not). */
export function openAutomaton(input: Uint8Array): AutomatonView {
  const blob = input.byteOffset % 4 === 0 ? input : input.slice();
  if (blob.byteLength < 64) throw new RangeError('automaton blob shorter than its header');
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const r = (k: keyof typeof H): number => dv.getUint32(H[k] * 4, true);
  if (r('magic') !== AC_MAGIC) throw new RangeError('not an automaton blob (bad magic)');
  if (r('version') !== AC_VERSION)
    throw new RangeError(`automaton blob version ${r('version')}, expected ${AC_VERSION}`);
  if (r('totalBytes') !== blob.byteLength)
    throw new RangeError('automaton blob length does not match its header');
  const strideLog2 = r('strideLog2');
  const stateCount = r('stateCount');
  const matchStates = r('matchLimit') >>> strideLog2;
  const u32 = (off: number, len: number): Uint32Array =>
    new Uint32Array(blob.buffer, blob.byteOffset + off, len);
  const matchIndex = u32(r('matchIndexOff'), matchStates + 1);
  return {
    blob,
    classMap: blob.subarray(AC_CLASSMAP_OFF, AC_CLASSMAP_OFF + 256),
    trans: u32(r('transOff'), stateCount << strideLog2),
    matchIndex,
    matchIds: u32(r('matchIdsOff'), matchIndex[matchStates] ?? 0),
    startState: r('startState'),
    matchLimit: r('matchLimit'),
    strideLog2,
    patternCount: r('patternCount'),
    stateCount,
    alphabetLen: r('alphabetLen'),
    folded: (r('flags') & 1) !== 0,
  };
}

/**
 * Scan `chunk` from `state`; push (patternId, endOffset) candidate pairs into `out` (flat:
 * id, end, id, end, ...). Returns the state to continue with.
 */
export function scanChunk(
  a: AutomatonView,
  state: number,
  chunk: Uint8Array,
  base: number,
  out: number[],
): number {
  const { classMap, trans, matchLimit, matchIndex, matchIds, strideLog2 } = a;
  let s = state;
  for (let i = 0; i < chunk.length; i++) {
    s = trans[s + (classMap[chunk[i] as number] as number)] as number;
    if (s < matchLimit) {
      const m = s >>> strideLog2;
      const end = base + i + 1;
      for (let k = matchIndex[m] as number, e = matchIndex[m + 1] as number; k < e; k++) {
        out.push(matchIds[k] as number, end);
      }
    }
  }
  return s;
}

export interface PatternInfo {
  readonly bytes: Uint8Array;
  readonly nocase: boolean;
  readonly verify: boolean;
}

export function patternInfo(a: AutomatonView, id: number): PatternInfo {
  const dv = new DataView(a.blob.buffer, a.blob.byteOffset, a.blob.byteLength);
  const table = dv.getUint32(H.patternTableOff * 4, true);
  const e = table + id * PATTERN_ENTRY_WORDS * 4;
  const off = dv.getUint32(e, true);
  const len = dv.getUint32(e + 4, true);
  const flags = dv.getUint32(e + 8, true);
  return {
    bytes: a.blob.subarray(off, off + len),
    nocase: (flags & PATTERN_NOCASE) !== 0,
    verify: (flags & PATTERN_VERIFY) !== 0,
  };
}

/**
 * The verify step's exact re-check: `window` holds stream bytes starting at stream offset
 * `windowBase`; true when the candidate is a real match.
 */
export function verifyCandidate(
  a: AutomatonView,
  id: number,
  end: number,
  window: Uint8Array,
  windowBase = 0,
): boolean {
  const p = patternInfo(a, id);
  if (!p.verify) return true;
  const start = end - p.bytes.length - windowBase;
  if (start < 0 || end - windowBase > window.length) return false;
  for (let k = 0; k < p.bytes.length; k++) if (window[start + k] !== p.bytes[k]) return false;
  return true;
}

/** Convenience: scan a stream given as chunks, then verify; returns [id, end] pairs in order. */
export function scanStream(a: AutomatonView, chunks: readonly Uint8Array[]): [number, number][] {
  const flat: number[] = [];
  let s = a.startState;
  let base = 0;
  for (const c of chunks) {
    s = scanChunk(a, s, c, base, flat);
    base += c.length;
  }
  const whole = new Uint8Array(base);
  let o = 0;
  for (const c of chunks) {
    whole.set(c, o);
    o += c.length;
  }
  const res: [number, number][] = [];
  for (let k = 0; k < flat.length; k += 2) {
    const id = flat[k] as number;
    const end = flat[k + 1] as number;
    if (verifyCandidate(a, id, end, whole)) res.push([id, end]);
  }
  return res;
}
