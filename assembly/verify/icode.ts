// icode: ICMP code (src/rules/keywords/icode.ts; NaN when the packet has no such header, which never matches).

import { l4Off } from '../decode/packet';
import { pktByte } from './context';
import { isIcmp } from './icmp';

export function icodeValue(): f64 {
  return isIcmp() ? <f64>pktByte(l4Off + 1) : NaN;
}
