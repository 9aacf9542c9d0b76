// window: TCP window (src/rules/keywords/window.ts; NaN when the packet has no such header, which never matches).

import { ipProto, l4Off } from '../decode/packet';
import { pktBe16 } from './context';

export function windowValue(): f64 {
  return ipProto == 6 ? <f64>pktBe16(l4Off + 14) : NaN;
}
