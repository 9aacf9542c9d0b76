// Flow-affine sharding across workers. Every worker sees every packet of a chunk (the chunk is
// shared memory); each decodes it and keeps only the packets of its shard, so the flow table,
// reassembly and per-flow matcher state of a flow live in one worker.
//
// The shard hashes the innermost IP addresses (order-independent), the IP protocol and the VLAN
// id, but NOT the ports: IP fragments (which carry no ports) must reach the worker that owns
// their flow, and a flow is a subset of its address pair. Packets with no IP layer go to shard 0.

import { dstAddrPtr, ipProto, ipVersion, srcAddrPtr, vlanId } from './decode/packet';

let shardIndex: u32 = 0;
let shardCount: u32 = 1;

export function setShard(index: u32, count: u32): void {
  shardCount = count == 0 ? 1 : count;
  shardIndex = index < shardCount ? index : 0;
}

export function isShardZero(): bool {
  return shardIndex == 0;
}

export function isSharded(): bool {
  return shardCount > 1;
}

function mix64(x: u64): u64 {
  // splitmix64 finaliser: every input bit affects every output bit
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9;
  x ^= x >> 27;
  x *= 0x94d049bb133111eb;
  x ^= x >> 31;
  return x;
}

/** Symmetric hash of the packet's address pair, protocol and VLAN. */
export function shardHash(): u64 {
  if (ipVersion == 0) return 0;
  const a = mix64(load<u64>(srcAddrPtr) ^ mix64(load<u64>(srcAddrPtr + 8)));
  const b = mix64(load<u64>(dstAddrPtr) ^ mix64(load<u64>(dstAddrPtr + 8)));
  // a + b and a ^ b are both order-independent
  return mix64((a + b) ^ ((<u64>ipProto) << 16) ^ (<u64>vlanId << 32));
}

/** True when the decoded packet belongs to this worker. */
export function ownsPacket(): bool {
  if (shardCount <= 1) return true;
  return <u32>(shardHash() % <u64>shardCount) == shardIndex;
}
