// Symmetric flow hash: a 32-bit mix of the normalised key (flow/key.ts). Because the key orders
// its endpoints, both directions hash alike; the dispatcher (issue 5) shards flows to workers by
// it and the flow table uses it for its home slot and for the Suricata-style flow_id.
// The mix is a multiply-rotate over the key's five u64 words (wyhash/xxh64-style constants),
// finished with the murmur3 fmix64 avalanche; it is seed-free so every worker agrees.

import { FLOW_KEY_SIZE } from './key';

const P1: u64 = 0x9e3779b185ebca87;
const P2: u64 = 0xc2b2ae3d27d4eb4f;

export function hashKey(k: usize): u32 {
  let h: u64 = 0x27d4eb2f165667c5;
  for (let i: usize = 0; i < <usize>FLOW_KEY_SIZE; i += 8) {
    h ^= rotl<u64>(load<u64>(k + i) * P2, 31) * P1;
    h = rotl<u64>(h, 27) * P1 + 0x85ebca77c2b2ae63;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccd;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53;
  h ^= h >> 33;
  return <u32>h;
}
