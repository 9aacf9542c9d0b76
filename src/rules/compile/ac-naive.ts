/**
 * The naive oracle the automaton is tested against: every pattern at every position, with ASCII
 * case folding for nocase patterns. O(haystack × total pattern length); tests only.
 */
import { type AcPattern, foldByte } from './ac-build.js';

/** All (patternId, endOffset) matches, endOffset exclusive, sorted by end then id. */
export function naiveSearch(patterns: readonly AcPattern[], haystack: Uint8Array): [number, number][] {
  const res: [number, number][] = [];
  for (let end = 1; end <= haystack.length; end++) {
    for (const [id, p] of patterns.entries()) {
      const len = p.bytes.length;
      if (len === 0 || len > end) continue;
      let ok = true;
      for (let k = 0; k < len && ok; k++) {
        const h = haystack[end - len + k] as number;
        const b = p.bytes[k] as number;
        ok = p.nocase ? foldByte(h) === foldByte(b) : h === b;
      }
      if (ok) res.push([id, end]);
    }
  }
  return res;
}
