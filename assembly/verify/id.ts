// id: IPv4 identification (src/rules/keywords/id.ts; NaN when the packet has no such header, which never matches).

import { ipOff, ipVersion } from '../decode/packet';
import { pktBe16 } from './context';

export function idValue(): f64 {
  return ipVersion == 4 ? <f64>pktBe16(ipOff + 4) : NaN;
}
