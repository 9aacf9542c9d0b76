// flags (src/rules/keywords/flags.ts): TCP flags after the ignore mask, by modifier (1 exact,
// 2 all of, 3 any of, 4 none of). Operands: mode, mask, ignore.

import { ipProto, tcpFlags } from '../decode/packet';

export function evalFlags(p: usize): bool {
  if (ipProto != 6) return false;
  const pf = tcpFlags & ~load<u32>(p + 8) & 0xff;
  const m = load<u32>(p + 4);
  switch (load<u32>(p)) {
    case 1:
      return pf == m;
    case 2:
      return (pf & m) == m;
    case 3:
      return (pf & m) != 0;
    case 4:
      return (pf & m) == 0;
  }
  return false;
}
