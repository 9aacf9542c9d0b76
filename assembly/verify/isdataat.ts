// isdataat (src/rules/keywords/isdataat.ts): relative, at least N bytes after the cursor; absolute,
// a byte at offset N; `!` negates. Operand: the offset value.

import { bufLen, valueAt } from './context';
import { PF_NEGATED, PF_RELATIVE } from './opcodes';

export function evalIsdataat(flags: u32, p: usize, cur: i32): bool {
  let n = valueAt(p);
  if (isNaN(n)) n = 0;
  const has = (flags & PF_RELATIVE) != 0 ? <f64>cur + n <= <f64>bufLen : n < <f64>bufLen;
  return has != ((flags & PF_NEGATED) != 0);
}
