// byte_test (src/rules/keywords/byte_test.ts): compare a number read at an offset (relative to the
// cursor with `relative`) with a value. Operands: bytes, operator (< > = <= >= & ^), value, offset,
// bitmask. A read that fails is false whatever the negation, as in the TypeScript verifier.

import { valueAt } from './context';
import { andNonZero, readNum } from './byte-read';
import { PF_NEGATED, PF_RELATIVE, VALUE_WORDS } from './opcodes';

export function evalByteTest(flags: u32, p: usize, cur: i32): bool {
  const off = valueAt(p + 8 + VALUE_WORDS * 4);
  const at = ((flags & PF_RELATIVE) != 0 ? <f64>cur : 0) + (isNaN(off) ? 0 : off);
  const v = readNum(at, load<u32>(p), flags, load<u32>(p + 8 + VALUE_WORDS * 8));
  if (isNaN(v)) return false;
  let want = valueAt(p + 8);
  if (isNaN(want)) want = 0;
  let ok = false;
  switch (load<u32>(p + 4)) {
    case 0:
      ok = v < want;
      break;
    case 1:
      ok = v > want;
      break;
    case 2:
      ok = v == want;
      break;
    case 3:
      ok = v <= want;
      break;
    case 4:
      ok = v >= want;
      break;
    case 5:
      ok = andNonZero(v, want);
      break;
    case 6:
      ok = v != want;
      break;
  }
  return ok != ((flags & PF_NEGATED) != 0);
}

export const BYTE_TEST_WORDS: u32 = 3 + 2 * VALUE_WORDS;
