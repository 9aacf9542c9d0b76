import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AcPattern, AC_VERSION, buildAutomaton, H } from '../../../../src/rules/compile/ac-build.js';
import { naiveSearch } from '../../../../src/rules/compile/ac-naive.js';
import { openAutomaton, patternInfo, scanChunk, scanStream } from '../../../../src/rules/compile/ac-scan.js';

const enc = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'latin1'));
const pat = (s: string, nocase = false): AcPattern => ({ bytes: enc(s), nocase });
const sortPairs = (p: [number, number][]): [number, number][] =>
  [...p].sort((a, b) => a[1] - b[1] || a[0] - b[0]);

function search(patterns: AcPattern[], chunks: Uint8Array[]): [number, number][] {
  return sortPairs(scanStream(openAutomaton(buildAutomaton(patterns)), chunks));
}

/** One case table, run against the naive oracle and the automaton. */
const CASES: { name: string; patterns: AcPattern[]; haystack: string; want: [number, number][] }[] = [
  {
    name: 'classic he/she/his/hers',
    patterns: [pat('he'), pat('she'), pat('his'), pat('hers')],
    haystack: 'ushers',
    want: [
      [0, 4],
      [1, 4],
      [3, 6],
    ],
  },
  {
    name: 'nocase folds both ways',
    patterns: [pat('AbC', true)],
    haystack: 'abc ABC aBc',
    want: [
      [0, 3],
      [0, 7],
      [0, 11],
    ],
  },
  {
    name: 'case-sensitive pattern in a folded automaton is re-checked',
    patterns: [pat('abc'), pat('ABC', true), pat('ABC')],
    haystack: 'abc ABC',
    want: [
      [0, 3],
      [1, 3],
      [1, 7],
      [2, 7],
    ],
  },
  {
    name: 'overlapping repeats',
    patterns: [pat('aa'), pat('a')],
    haystack: 'aaa',
    want: [
      [1, 1],
      [0, 2],
      [1, 2],
      [0, 3],
      [1, 3],
    ],
  },
  {
    name: 'identical patterns both report',
    patterns: [pat('x'), pat('x')],
    haystack: 'x',
    want: [
      [0, 1],
      [1, 1],
    ],
  },
  {
    name: 'binary bytes and non-letters',
    patterns: [pat('\x00\xff'), pat('1\x00', true)],
    haystack: '1\x00\xff',
    want: [
      [1, 2],
      [0, 3],
    ],
  },
  { name: 'no match', patterns: [pat('needle')], haystack: 'haystack', want: [] },
];

describe('AC case table', () => {
  for (const c of CASES) {
    it(`${c.name}: oracle`, () =>
      expect(sortPairs(naiveSearch(c.patterns, enc(c.haystack)))).toEqual(sortPairs(c.want)));
    it(`${c.name}: automaton, whole and byte-by-byte`, () => {
      const h = enc(c.haystack);
      expect(search(c.patterns, [h])).toEqual(sortPairs(c.want));
      expect(
        search(
          c.patterns,
          [...h].map((b) => Uint8Array.of(b)),
        ),
      ).toEqual(sortPairs(c.want));
    });
  }
});

describe('AC blob', () => {
  it('has a versioned header, byte classes from the pattern bytes and match states first', () => {
    const blob = buildAutomaton([pat('he'), pat('she'), pat('HIS', true)]);
    const a = openAutomaton(blob);
    const dv = new DataView(blob.buffer);
    expect(dv.getUint32(0, true)).toBe(0x4341534e);
    expect(dv.getUint32(4, true)).toBe(AC_VERSION);
    expect(a.folded).toBe(true);
    // Folded distinct bytes h e s i + class 0.
    expect(a.alphabetLen).toBe(5);
    expect(a.classMap[0x48]).toBe(a.classMap[0x68]);
    expect(a.classMap[0x7a]).toBe(0);
    expect(1 << a.strideLog2).toBeGreaterThanOrEqual(a.alphabetLen);
    expect(a.startState).toBeGreaterThanOrEqual(a.matchLimit);
    expect(patternInfo(a, 0)).toMatchObject({ nocase: false, verify: true });
    expect(patternInfo(a, 2)).toMatchObject({ nocase: true, verify: false });
    expect([...patternInfo(a, 2).bytes]).toEqual([...enc('HIS')]);
    for (const t of a.trans) expect(t % (1 << a.strideLog2)).toBe(0);
  });
  it('needs no verification when nothing is nocase', () => {
    const a = openAutomaton(buildAutomaton([pat('Abc')]));
    expect(a.folded).toBe(false);
    expect(patternInfo(a, 0).verify).toBe(false);
    expect(a.classMap[0x61]).not.toBe(a.classMap[0x41]);
  });
  it('refuses a wrong magic, version or length, and empty patterns', () => {
    const blob = buildAutomaton([pat('x')]);
    const bad = blob.slice();
    new DataView(bad.buffer).setUint32(H.version * 4, 99, true);
    expect(() => openAutomaton(bad)).toThrow(/version 99/);
    const bad2 = blob.slice();
    bad2[0] = 0;
    expect(() => openAutomaton(bad2)).toThrow(/bad magic/);
    expect(() => openAutomaton(blob.subarray(0, blob.length - 4))).toThrow(/length/);
    expect(() => buildAutomaton([pat('')])).toThrow(/empty/);
  });
  it('carries state across chunks (a pattern split over a boundary is found)', () => {
    const a = openAutomaton(buildAutomaton([pat('split')]));
    const out: number[] = [];
    let s = scanChunk(a, a.startState, enc('xxspl'), 0, out);
    expect(out).toEqual([]);
    s = scanChunk(a, s, enc('itxx'), 5, out);
    expect(out).toEqual([0, 7]);
    expect(s).toBeGreaterThanOrEqual(0);
  });
});

// Property: the automaton over any chunking reports exactly the oracle's matches.
const SMALL = [0x41, 0x61, 0x42, 0x62, 0x43, 0x00, 0xff, 0x31];
const byteArb = (full: boolean): fc.Arbitrary<number> =>
  full ? fc.integer({ min: 0, max: 255 }) : fc.constantFrom(...SMALL);

const caseArb = (full: boolean) =>
  fc
    .record({
      base: fc.array(
        fc.record({
          bytes: fc.oneof(
            { weight: 4, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 4 }) },
            { weight: 2, arbitrary: fc.uint8Array({ minLength: 5, maxLength: 12 }) },
            { weight: 1, arbitrary: fc.uint8Array({ minLength: 13, maxLength: 64 }) },
          ),
          nocase: fc.boolean(),
        }),
        { minLength: 1, maxLength: 24 },
      ),
      hay: fc.array(byteArb(full), { maxLength: 400 }),
      cuts: fc.array(fc.nat(), { maxLength: 12 }),
      nestSeed: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.boolean()), { maxLength: 8 }),
      plant: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 }),
    })
    .map(({ base, hay, cuts, nestSeed, plant }) => {
      const remap = (u: Uint8Array): Uint8Array =>
        full ? u : u.map((b) => SMALL[b % SMALL.length] as number);
      const patterns: AcPattern[] = base.map((p) => ({ bytes: remap(p.bytes), nocase: p.nocase }));
      // Nested patterns: substrings of existing ones, with the other case setting.
      for (const [i, s, l, nc] of nestSeed) {
        const src = patterns[i % patterns.length] as AcPattern;
        const start = s % src.bytes.length;
        const len = 1 + (l % (src.bytes.length - start));
        patterns.push({ bytes: src.bytes.slice(start, start + len), nocase: nc });
      }
      // Plant some patterns (case-flipped sometimes) into the haystack so matches happen.
      const h = [...hay];
      for (const [i, at] of plant) {
        const p = patterns[i % patterns.length] as AcPattern;
        const bytes = [...p.bytes].map((b) => (at % 2 && b >= 0x41 && b <= 0x5a ? b | 0x20 : b));
        h.splice(h.length ? at % h.length : 0, 0, ...bytes);
      }
      const haystack = Uint8Array.from(h);
      const points = [...new Set(cuts.map((c) => (haystack.length ? c % haystack.length : 0)))].sort(
        (a, b) => a - b,
      );
      const chunks: Uint8Array[] = [];
      let prev = 0;
      for (const p of [...points, haystack.length]) {
        chunks.push(haystack.subarray(prev, p));
        prev = p;
      }
      return { patterns, haystack, chunks };
    });

describe('AC property: automaton = naive oracle for any chunking', () => {
  for (const full of [false, true]) {
    it(full ? 'random bytes' : 'small alphabet with case pairs (many matches)', () => {
      fc.assert(
        fc.property(caseArb(full), ({ patterns, haystack, chunks }) => {
          expect(search(patterns, chunks)).toEqual(sortPairs(naiveSearch(patterns, haystack)));
        }),
        { numRuns: 300 },
      );
    });
  }
});
