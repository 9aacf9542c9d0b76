// content (src/rules/keywords/content.ts) with its modifiers: the search window and the
// occurrence search. The occurrence loop with its retries lives in program.ts (it recurses into
// the rest of the program). Operands: offset, depth, distance, within (values), pattern length,
// pattern bytes. The window is the TypeScript verifier's, in f64 like its JS numbers:
//   relative (distance or within): lo = max(0, cur + distance), hi = min(len, cur + distance +
//   within, cur + depth); absolute: lo = offset, hi = min(len, offset + depth); startswith: lo = 0,
//   hi <= pattern length. An occurrence must lie inside [lo, hi); endswith: end at the buffer's end.

import { bufLen, bufPtr, valueAt } from './context';
import { PF_RELATIVE, PF_STARTSWITH, VALUE_WORDS } from './opcodes';

export const CONTENT_PAT_LEN_OFF: u32 = 4 * VALUE_WORDS * 4;

export let windowLo: f64 = 0;
export let windowHi: f64 = 0;

export function contentPatLen(p: usize): i32 {
  return <i32>load<u32>(p + CONTENT_PAT_LEN_OFF);
}

export function contentPat(p: usize): usize {
  return p + CONTENT_PAT_LEN_OFF + 4;
}

/** Words of the instruction's operands. */
export function contentWords(p: usize): u32 {
  return 4 * VALUE_WORDS + 1 + ((load<u32>(p + CONTENT_PAT_LEN_OFF) + 3) >> 2);
}

/** Sets windowLo / windowHi for a search from cursor `cur`. */
export function contentWindow(flags: u32, p: usize, cur: i32): void {
  const offset = valueAt(p);
  const depth = valueAt(p + VALUE_WORDS * 4);
  let lo: f64;
  let hi: f64 = <f64>bufLen;
  if ((flags & PF_RELATIVE) != 0) {
    let distance = valueAt(p + VALUE_WORDS * 8);
    if (isNaN(distance)) distance = 0;
    const within = valueAt(p + VALUE_WORDS * 12);
    lo = <f64>cur + distance;
    if (lo < 0) lo = 0;
    if (!isNaN(within)) hi = Math.min(hi, <f64>cur + distance + within);
    if (!isNaN(depth)) hi = Math.min(hi, <f64>cur + depth);
  } else {
    lo = isNaN(offset) ? 0 : offset;
    if (!isNaN(depth)) hi = Math.min(hi, lo + depth);
  }
  if ((flags & PF_STARTSWITH) != 0) {
    lo = 0;
    hi = Math.min(hi, <f64>contentPatLen(p));
  }
  windowLo = lo;
  windowHi = hi;
}

function lower(b: u32): u32 {
  return b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
}

/** First index >= from where the pattern occurs and ends at or before `end`, or -1. */
export function findFrom(pat: usize, n: i32, nocase: bool, from: f64, end: f64): i32 {
  const last = Math.min(end, <f64>bufLen) - <f64>n;
  if (n == 0) return from <= last ? <i32>from : -1;
  const start = Math.max(0, from);
  if (!(start <= last)) return -1;
  const s = <i32>start;
  const l = <i32>last;
  const buf = bufPtr;
  if (nocase) {
    const f0 = lower(<u32>load<u8>(pat));
    for (let i = s; i <= l; i++) {
      if (lower(<u32>load<u8>(buf + <usize>i)) != f0) continue;
      let k = 1;
      while (k < n && lower(<u32>load<u8>(buf + <usize>(i + k))) == lower(<u32>load<u8>(pat + <usize>k))) k++;
      if (k == n) return i;
    }
  } else {
    const f0 = load<u8>(pat);
    for (let i = s; i <= l; i++) {
      if (load<u8>(buf + <usize>i) != f0) continue;
      let k = 1;
      while (k < n && load<u8>(buf + <usize>(i + k)) == load<u8>(pat + <usize>k)) k++;
      if (k == n) return i;
    }
  }
  return -1;
}
