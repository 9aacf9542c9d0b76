// byte_extract (src/rules/keywords/byte_extract.ts): read a number into a variable later keywords
// use by name (a slot here), scaled and rounded up to `align`; the cursor moves past the bytes read.
// Operands: bytes, offset f64, multiplier f64, align f64, bitmask, slot. Returns the new cursor or -1.

import { setVar } from './context';
import { readNum } from './byte-read';
import { PF_RELATIVE } from './opcodes';

export function evalByteExtract(flags: u32, p: usize, cur: i32): i32 {
  const n = load<u32>(p);
  const at = ((flags & PF_RELATIVE) != 0 ? <f64>cur : 0) + load<f64>(p + 4);
  let v = readNum(at, n, flags, load<u32>(p + 28));
  if (isNaN(v)) return -1;
  const mul = load<f64>(p + 12);
  v *= mul != 0 ? mul : 1;
  const align = load<f64>(p + 20);
  if (align > 1) v = Math.ceil(v / align) * align;
  setVar(load<u32>(p + 32), v);
  return <i32>(at + <f64>n);
}

export const BYTE_EXTRACT_WORDS: u32 = 9;
