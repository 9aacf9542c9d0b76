// ttl: IPv4 time-to-live or IPv6 hop limit (src/rules/keywords/ttl.ts; NaN when the packet has no such header, which never matches).

import { ipOff, ipVersion } from '../decode/packet';
import { pktByte } from './context';

export function ttlValue(): f64 {
  if (ipVersion == 4) return <f64>pktByte(ipOff + 8);
  if (ipVersion == 6) return <f64>pktByte(ipOff + 7);
  return NaN;
}
