// dsize: payload length of the packet (0 for a stream window: dsize rules inspect packets only) (src/rules/keywords/dsize.ts; NaN when the packet has no such header, which never matches).

import { pktPayloadLen } from './context';

export function dsizeValue(): f64 {
  return <f64>pktPayloadLen;
}
