// icmp_id: ICMP echo identifier (src/rules/keywords/icmp_id.ts; NaN when the packet has no such header, which never matches).

import { l4Off } from '../decode/packet';
import { pktBe16 } from './context';
import { isIcmp } from './icmp';

export function icmpIdValue(): f64 {
  return isIcmp() ? <f64>pktBe16(l4Off + 4) : NaN;
}
