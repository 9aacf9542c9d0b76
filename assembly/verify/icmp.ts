// Shared by the ICMP keywords (itype, icode, icmp_id, icmp_seq): ICMP or ICMPv6.

import { ipProto } from '../decode/packet';

export function isIcmp(): bool {
  return ipProto == 1 || ipProto == 58;
}
