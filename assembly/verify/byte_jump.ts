// byte_jump (src/rules/keywords/byte_jump.ts): read a number, scale it, optionally align it to 4
// (with JS's int32 `&`, as the TypeScript verifier), and move the cursor from the read's end (or
// the buffer's start / end) by it plus post_offset. Operands: bytes, offset, multiplier,
// post_offset, bitmask. Returns the new cursor, or -1 when the read fails or it leaves the buffer.

import { bufLen, valueAt } from './context';
import { readNum } from './byte-read';
import { PF_ALIGN, PF_FROM_BEGINNING, PF_FROM_END, PF_RELATIVE, VALUE_WORDS } from './opcodes';

/** ECMAScript ToInt32 of an integral f64. */
function toInt32(x: f64): i32 {
  let t = x % 4294967296.0;
  if (t < 0) t += 4294967296.0;
  return <i32>(<u32>t);
}

export function evalByteJump(flags: u32, p: usize, cur: i32): i32 {
  const n = load<u32>(p);
  const off = valueAt(p + 4);
  const at = ((flags & PF_RELATIVE) != 0 ? <f64>cur : 0) + (isNaN(off) ? 0 : off);
  const q = p + 4 + VALUE_WORDS * 4;
  let v = readNum(at, n, flags, load<u32>(q + 16));
  if (isNaN(v)) return -1;
  const mul = load<f64>(q);
  v *= mul != 0 ? mul : 1;
  if ((flags & PF_ALIGN) != 0) v = <f64>(toInt32(v + 3) & ~3);
  const base: f64 =
    (flags & PF_FROM_BEGINNING) != 0 ? 0 : (flags & PF_FROM_END) != 0 ? <f64>bufLen : at + <f64>n;
  const next = base + v + load<f64>(q + 8);
  if (!(next >= 0 && next <= <f64>bufLen)) return -1;
  return <i32>next;
}

export const BYTE_JUMP_WORDS: u32 = 2 + VALUE_WORDS + 4;
