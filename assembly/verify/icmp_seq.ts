// icmp_seq: ICMP echo sequence number (src/rules/keywords/icmp_seq.ts; NaN when the packet has no such header, which never matches).

import { l4Off } from '../decode/packet';
import { pktBe16 } from './context';
import { isIcmp } from './icmp';

export function icmpSeqValue(): f64 {
  return isIcmp() ? <f64>pktBe16(l4Off + 6) : NaN;
}
