// ack: TCP acknowledgement number (src/rules/keywords/ack.ts; NaN when the packet has no such header, which never matches).

import { ipProto, l4Off } from '../decode/packet';
import { pktBe32 } from './context';

export function ackValue(): f64 {
  return ipProto == 6 ? <f64>pktBe32(l4Off + 8) : NaN;
}
