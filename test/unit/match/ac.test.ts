/**
 * The WASM automaton scan (assembly/match/ac.ts) against the TypeScript reference scanner
 * (src/rules/compile/ac-scan.ts scanChunk) and the naive oracle: the same raw candidates, in the
 * same order, for random pattern sets (1-byte to long, nocase, overlapping, nested) over random
 * haystacks cut into random chunks; after the exact re-check, the naive search's matches.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AcPattern, buildAutomaton } from '../../../src/rules/compile/ac-build.js';
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

  it('long buffers (the two-lane scan, its aside queue and its flood fallback) give the serial result', () => {
    scanProperty(8, 192, 3000, 150);
  });
});
