// tos: IPv4 type of service (src/rules/keywords/tos.ts; NaN when the packet has no such header, which never matches).

import { ipOff, ipVersion } from '../decode/packet';
import { pktByte } from './context';

export function tosValue(): f64 {
  return ipVersion == 4 ? <f64>pktByte(ipOff + 1) : NaN;
}
