// itype: ICMP type (src/rules/keywords/itype.ts; NaN when the packet has no such header, which never matches).

import { l4Off } from '../decode/packet';
import { pktByte } from './context';
import { isIcmp } from './icmp';

export function itypeValue(): f64 {
  return isIcmp() ? <f64>pktByte(l4Off) : NaN;
}
