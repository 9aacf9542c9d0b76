// sameip (src/rules/keywords/sameip.ts): source and destination address are equal (16 bytes, IPv4
// v4-mapped, so either direction of the candidate gives the same answer).

import { dstAddrPtr, srcAddrPtr } from '../decode/packet';

export function evalSameip(): bool {
  return (
    load<u64>(srcAddrPtr) == load<u64>(dstAddrPtr) && load<u64>(srcAddrPtr + 8) == load<u64>(dstAddrPtr + 8)
  );
}
