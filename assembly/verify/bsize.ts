// bsize (src/rules/keywords/bsize.ts): the inspected buffer's length in a range.

import { bufLen } from './context';
import { rangeOk } from './range';

export function evalBsize(p: usize): bool {
  return rangeOk(p, <f64>bufLen);
}
