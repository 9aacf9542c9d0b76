// ip_proto: IP protocol number (src/rules/keywords/ip_proto.ts; NaN when the packet has no such header, which never matches).

import { ipProto, ipVersion } from '../decode/packet';

export function ipProtoValue(): f64 {
  return ipVersion != 0 ? <f64>ipProto : NaN;
}
