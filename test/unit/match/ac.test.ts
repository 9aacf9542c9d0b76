/**
 * The WASM automaton scan (assembly/match/ac.ts) against the TypeScript reference scanner
 * (src/rules/compile/ac-scan.ts scanChunk) and the naive oracle: the same raw candidates, in the
 * same order, for random pattern sets (1-byte to long, nocase, overlapping, nested) over random
 * haystacks cut into random chunks; after the exact re-check, the naive search's matches.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AC_FLAG_PREFIX_FILTER,
  AC_FLAG_SKIP_RUNS,
  type AcPattern,
  buildAutomaton,
  nibbleMasks,
} from '../../../src/rules/compile/ac-build.js';
import { naiveSearch } from '../../../src/rules/compile/ac-naive.js';
import { openAutomaton, scanChunk, verifyCandidate } from '../../../src/rules/compile/ac-scan.js';
import { EngineInstance } from '../../../src/wasm/instance.js';

interface TestExports {
  rulesetBuffer(len: number): number;
  testAcScan(ac: number, state: number, data: number, len: number, base: number): number;
  testAcStart(ac: number): number;
  testQueueLen(): number;
  testQueueId(i: number): number;
  testQueueEnd(i: number): number;
}

const inst = new EngineInstance();
const ex = inst.ex as unknown as TestExports;

/** Scan `chunks` in WASM; returns the raw (id, end) candidates and the final state. */
function wasmScan(blob: Uint8Array, chunks: Uint8Array[]): { pairs: number[]; state: number } {
  const total = chunks.reduce((a, c) => a + c.length, 0);
  const ac = ex.rulesetBuffer(blob.length + total + 64);
  const data = ac + ((blob.length + 63) & ~63);
  inst.memoryView().set(blob, ac);
  let state = ex.testAcStart(ac);
  let base = 0;
  const pairs: number[] = [];
  for (const c of chunks) {
    inst.memoryView().set(c, data);
    state = ex.testAcScan(ac, state, data, c.length, base);
    for (let i = 0; i < ex.testQueueLen(); i++) pairs.push(ex.testQueueId(i), ex.testQueueEnd(i));
    base += c.length;
  }
  return { pairs, state };
}

/** The automaton of `patterns` (cached: a property run builds the same one for both scans). */
const blobs = new WeakMap<AcPattern[], Uint8Array>();
function blob(patterns: AcPattern[]): Uint8Array {
  let b = blobs.get(patterns);
  if (!b) blobs.set(patterns, (b = buildAutomaton(patterns)));
  return b;
}

function tsScan(blob: Uint8Array, chunks: Uint8Array[]): { pairs: number[]; state: number } {
  const a = openAutomaton(blob);
  const pairs: number[] = [];
  let state = a.startState;
  let base = 0;
  for (const c of chunks) {
    state = scanChunk(a, state, c, base, pairs);
    base += c.length;
  }
  return { pairs, state };
}

function split(h: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (h.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const c of at) {
    out.push(h.subarray(prev, c));
    prev = c;
  }
  out.push(h.subarray(prev));
  return out;
}

const alphabet = fc.constantFrom(...Array.from('abcABC|/x\x00\xff', (c) => c.charCodeAt(0)));
const patternArb = fc.record({
  bytes: fc
    .uint8Array({ minLength: 1, maxLength: 12 })
    .map((b) => b.map((x) => (x % 7 === 0 ? 0x41 + (x % 3) : x))),
  nocase: fc.boolean(),
});
const smallPattern = fc.record({
  bytes: fc.array(alphabet, { minLength: 1, maxLength: 6 }).map((a) => Uint8Array.from(a)),
  nocase: fc.boolean(),
});

describe('WASM Aho-Corasick scan', () => {
  it('fixed case: split pattern across chunks', () => {
    const blob = buildAutomaton([{ bytes: Buffer.from('EVIL'), nocase: false }]);
    const chunks = [Buffer.from('xxEV'), Buffer.from('IL yy')];
    expect(wasmScan(blob, chunks)).toEqual(tsScan(blob, chunks));
    expect(wasmScan(blob, chunks).pairs).toEqual([0, 6]);
  });

  /** The property: WASM scan == TS reference scan (same pairs, same order), and after re-check == naive. */
  function scanProperty(maxPatterns: number, minHay: number, maxHay: number, numRuns: number): void {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(smallPattern, patternArb), { minLength: 1, maxLength: maxPatterns }),
        fc.array(alphabet, { minLength: minHay, maxLength: maxHay }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (patterns: AcPattern[], hay: number[], cuts: number[]) => {
          const blob = buildAutomaton(patterns);
          const haystack = Uint8Array.from(hay);
          const chunks = split(haystack, cuts);
          const t = tsScan(blob, chunks);
          // the WASM queue holds 4,096 matches per call (then drops and counts): stay below
          fc.pre(t.pairs.length < 2 * 4000);
          const w = wasmScan(blob, chunks);
          expect(w).toEqual(t);
          const a = openAutomaton(blob);
          const got: [number, number][] = [];
          for (let k = 0; k < w.pairs.length; k += 2) {
            const id = w.pairs[k] as number;
            const end = w.pairs[k + 1] as number;
            if (verifyCandidate(a, id, end, haystack)) got.push([id, end]);
          }
          const sort = (p: [number, number][]): [number, number][] =>
            [...p].sort((x, y) => x[1] - y[1] || x[0] - y[0]);
          expect(sort(got)).toEqual(sort(naiveSearch(patterns, haystack)));
        },
      ),
      { numRuns },
    );
  }

  it('equals the TS reference and, after re-check, the naive search (property)', () => {
    scanProperty(24, 0, 300, 300);
  });

  it('a flood of matches in the second half (more than the lanes keep aside) still gives every match', () => {
    const blob = buildAutomaton([
      { bytes: Buffer.from('a'), nocase: false },
      { bytes: Buffer.from('aaaaaaaaab'), nocase: true },
    ]);
    const chunks = [new Uint8Array(1500).fill(0x61)];
    const w = wasmScan(blob, chunks);
    expect(w).toEqual(tsScan(blob, chunks));
    expect(w.pairs.length / 2).toBe(1500);
  });

  // Runs skipping (AC_FLAG_SKIP_RUNS): patterns of 3+ bytes from few byte values, haystacks where
  // runs of pattern bytes are cut by other bytes; 'every high nibble' spreads the pattern bytes over
  // every high nibble, so the nibble test shares buckets and passes some other bytes too; with 4+
  // bytes the prefix filter (AC_FLAG_PREFIX_FILTER) picks the spans of each run to scan.
  const runPattern = (alpha: number[], minLength: number): fc.Arbitrary<AcPattern> =>
    fc.record({
      bytes: fc.array(fc.constantFrom(...alpha), { minLength, maxLength: 9 }).map((a) => Uint8Array.from(a)),
      nocase: fc.boolean(),
    });
  const letters = Array.from('abcAB/x', (c) => c.charCodeAt(0));
  const spread = Array.from({ length: 16 }, (_, h) => (h << 4) | h);
  for (const [name, alpha, minLength] of [
    ['letters', letters, 3],
    ['every high nibble', spread, 3],
    ['letters, prefix filter', letters, 4],
    ['every high nibble, prefix filter', spread, 4],
    ['letters, prefix filter with a stride', letters, 5],
    ['every high nibble, prefix filter with a stride', spread, 7],
  ] as const) {
    it(`skipping runs too short to match gives the dense result (${name}, property)`, () => {
      const hayAlpha = fc.constantFrom(...alpha, 0x20, 0x0a, 0x00, 0xfe, 0x3b);
      fc.assert(
        fc.property(
          fc.array(runPattern([...alpha], minLength), { minLength: 1, maxLength: 12 }),
          fc.array(fc.oneof(hayAlpha, fc.constantFrom(...alpha)), {
            minLength: 0,
            maxLength: 700,
            size: 'max',
          }),
          fc.array(fc.nat(), { maxLength: 5 }),
          (patterns, hay, cuts) => {
            const blob = buildAutomaton(patterns);
            const flags = new DataView(blob.buffer).getUint32(12, true);
            expect(flags & AC_FLAG_SKIP_RUNS).toBe(AC_FLAG_SKIP_RUNS);
            const filtered = patterns.every((p) => p.bytes.length >= 4);
            expect(flags & AC_FLAG_PREFIX_FILTER).toBe(filtered ? AC_FLAG_PREFIX_FILTER : 0);
            // the first pattern also at the buffer's start: a run at the start of a chunk
            const chunks = split(Uint8Array.from([...patterns[0]!.bytes, ...hay]), cuts);
            const t = tsScan(blob, chunks);
            fc.pre(t.pairs.length < 2 * 4000);
            expect(wasmScan(blob, chunks)).toEqual(t);
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it('a pattern at the start of a buffer, with a prefix filter stride of 4', () => {
    const blob = buildAutomaton([{ bytes: Buffer.from('/a/b.php'), nocase: false }]);
    for (const hay of ['/a/b.php?x=1', '/a/b.php', 'x/a/b.php', 'GET /a/b.php?x=1 HTTP/1.1']) {
      const chunks = [Buffer.from(hay)];
      expect(wasmScan(blob, chunks)).toEqual(tsScan(blob, chunks));
      expect(wasmScan(blob, chunks).pairs.length).toBe(2);
    }
  });

  it('the nibble test passes every pattern byte, and only those with at most 8 distinct nibble rows', () => {
    const classMap = new Uint8Array(256);
    for (const b of [0x41, 0x61, 0x62, 0x2f, 0x30, 0x39]) classMap[b] = 1;
    const { lo, hi } = nibbleMasks(classMap);
    for (let b = 0; b < 256; b++)
      expect(((lo[b & 15]! & hi[b >> 4]!) !== 0) === (classMap[b] !== 0)).toBe(true);
    const wide = new Uint8Array(256);
    for (const b of spread) wide[b] = 1;
    const w = nibbleMasks(wide);
    for (const b of spread) expect(w.lo[b & 15]! & w.hi[b >> 4]!).not.toBe(0);
  });

  it('long buffers (the four-lane scan, its aside queues and its flood fallback) give the serial result', () => {
    scanProperty(8, 192, 3000, 150);
  });

  // Patterns longer than the lanes' 32-byte warm-up: haystacks made of pieces of the patterns, so
  // long pattern prefixes cross the quarter boundaries and a lane's warmed-up state can differ
  // from the exact one (the lanes then finish serially).
  it('patterns longer than the lanes warm-up: the four-lane scan gives the serial result (property)', () => {
    const ab = Array.from('abAB', (c) => c.charCodeAt(0));
    const longPattern = fc.record({
      bytes: fc
        .array(fc.constantFrom(...ab), { minLength: 20, maxLength: 90 })
        .map((a) => Uint8Array.from(a)),
      nocase: fc.boolean(),
    });
    let boundaryCrossings = 0;
    fc.assert(
      fc.property(
        fc.array(longPattern, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 16, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        (patterns: AcPattern[], pieces: [number, number, number][], cuts: number[]) => {
          const parts: number[] = [];
          for (const [pi, from, n] of pieces) {
            const b = patterns[pi % patterns.length]!.bytes;
            // a whole pattern, or a piece of one (a prefix that may run on into the next piece)
            const at = n % 3 === 0 ? 0 : from % b.length;
            parts.push(...b.subarray(at, n % 3 === 0 ? b.length : at + 1 + (n % (b.length - at))));
          }
          const haystack = Uint8Array.from(parts);
          const chunks = split(haystack, cuts);
          const t = tsScan(blob(patterns), chunks);
          fc.pre(t.pairs.length < 2 * 4000);
          expect(wasmScan(blob(patterns), chunks)).toEqual(t);
          if (haystack.length >= 256 && t.pairs.length > 0) boundaryCrossings++;
        },
      ),
      { numRuns: 200 },
    );
    expect(boundaryCrossings).toBeGreaterThan(20);
  });

  it('a pattern prefix longer than the warm-up across a quarter boundary gives the serial result', () => {
    const pat = Buffer.from('x'.repeat(60) + 'END');
    const b = buildAutomaton([
      { bytes: pat, nocase: false },
      { bytes: Buffer.from('xy'), nocase: false },
    ]);
    // 1,024 bytes: quarters of 256; each x-run starts more than the warm-up before a boundary and
    // its pattern ends past it
    const hay = Buffer.alloc(1024, 0x79);
    hay.fill(0x78, 200, 260).write('END', 260);
    hay.fill(0x78, 450, 510).write('END', 510);
    const w = wasmScan(b, [hay]);
    expect(w).toEqual(tsScan(b, [hay]));
    expect(w.pairs.filter((_, k) => k % 2 === 0 && w.pairs[k] === 0).length).toBe(2);
  });
});
