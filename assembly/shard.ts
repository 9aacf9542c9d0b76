// Flow-affine sharding across workers. Every worker receives every chunk of the capture and
// frames it; each keeps only the records of its shard, so the flow table, reassembly and
// per-flow matcher state of a flow live in one worker. Ownership is decided on the raw record,
// BEFORE decoding: a worker spends a few loads on another worker's packet, not a full decode,
// which is what lets the full path scale with workers.
//
// The shard hashes the outermost IP address pair (order-independent), reached through the link
// header, VLAN/QinQ tags, PPPoE and MPLS. Not the ports: IP fragments carry none and must reach
// the worker of their flow, and a flow lies within its address pair. Tunnelled flows follow
// their tunnel's outer pair (all consistent for one flow). Records with no IP go to shard 0.

import { be16, be32, u8at } from './util/bytes';

let shardIndex: u32 = 0;
let shardCount: u32 = 1;

export function setShard(index: u32, count: u32): void {
  shardCount = count == 0 ? 1 : count;
  shardIndex = index < shardCount ? index : 0;
}

export function isSharded(): bool {
  return shardCount > 1;
}

const MAX_TAGS: u32 = 8;

function mix64(x: u64): u64 {
  // splitmix64 finaliser: every input bit affects every output bit
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9;
  x ^= x >> 27;
  x *= 0x94d049bb133111eb;
  x ^= x >> 31;
  return x;
}

/** Order-independent hash of two addresses of `len` bytes (4 or 16) at a and b. */
function pairHash(a: usize, b: usize, len: u32): u64 {
  let ha: u64;
  let hb: u64;
  if (len == 4) {
    ha = mix64(<u64>be32(a));
    hb = mix64(<u64>be32(b));
  } else {
    ha = mix64(load<u64>(a) ^ mix64(load<u64>(a + 8)));
    hb = mix64(load<u64>(b) ^ mix64(load<u64>(b + 8)));
  }
  return mix64(ha + hb);
}

/** Hash of the IP header at p (the version nibble decides), 0 when it is not IP or is cut short. */
function ipHash(p: usize, avail: i32): u64 {
  if (avail < 1) return 0;
  const v = u8at(p) >> 4;
  if (v == 4 && avail >= 20) return pairHash(p + 12, p + 16, 4);
  if (v == 6 && avail >= 40) return pairHash(p + 8, p + 24, 16);
  return 0;
}

/** Follow an ethertype chain (tags, PPPoE, MPLS) from `off` to the IP header. */
function etherHash(pkt: usize, capLen: u32, off: u32, etype: u32): u64 {
  for (let i: u32 = 0; i < MAX_TAGS; i++) {
    if (etype == 0x0800 || etype == 0x86dd) return ipHash(pkt + off, <i32>capLen - <i32>off);
    if (etype == 0x8100 || etype == 0x88a8 || etype == 0x9100) {
      if (off + 4 > capLen) return 0;
      etype = be16(pkt + off + 2);
      off += 4;
    } else if (etype == 0x8864) {
      // PPPoE session: 6-byte header, then the PPP protocol (0x0021 IPv4, 0x0057 IPv6)
      if (off + 8 > capLen) return 0;
      const ppp = be16(pkt + off + 6);
      off += 8;
      if (ppp == 0x0021 || ppp == 0x0057) return ipHash(pkt + off, <i32>capLen - <i32>off);
      return 0;
    } else if (etype == 0x8847 || etype == 0x8848) {
      // MPLS: labels until bottom-of-stack, then IP by version nibble
      for (let l: u32 = 0; l < MAX_TAGS; l++) {
        if (off + 4 > capLen) return 0;
        const bos = (u8at(pkt + off + 2) & 1) != 0;
        off += 4;
        if (bos) return ipHash(pkt + off, <i32>capLen - <i32>off);
      }
      return 0;
    } else {
      return 0;
    }
  }
  return 0;
}

/** The shard hash of a raw record, from its link type. */
export function recordHash(pkt: usize, capLen: u32, linkType: u32): u64 {
  switch (linkType) {
    case 1: // Ethernet
      if (capLen < 14) return 0;
      return etherHash(pkt, capLen, 14, be16(pkt + 12));
    case 101: // raw IP
    case 12:
    case 14:
    case 228:
    case 229:
      return ipHash(pkt, <i32>capLen);
    case 113: // Linux SLL
      if (capLen < 16) return 0;
      return etherHash(pkt, capLen, 16, be16(pkt + 14));
    case 276: // Linux SLL2
      if (capLen < 20) return 0;
      return etherHash(pkt, capLen, 20, be16(pkt));
    case 0: // BSD loopback: 4-byte family, then IP
    case 108:
      return ipHash(pkt + 4, <i32>capLen - 4);
    case 9: // PPP: optional ff 03, then a 1- or 2-byte protocol
    case 50: {
      let off: u32 = capLen >= 2 && u8at(pkt) == 0xff && u8at(pkt + 1) == 0x03 ? 2 : 0;
      if (off + 2 > capLen) return 0;
      const proto = be16(pkt + off);
      if (proto == 0x0021 || proto == 0x0057) return ipHash(pkt + off + 2, <i32>capLen - <i32>(off + 2));
      if ((u8at(pkt + off) & 1) != 0) return ipHash(pkt + off + 1, <i32>capLen - <i32>(off + 1));
      return 0;
    }
    default:
      return 0;
  }
}

/** True when the record belongs to this worker. */
export function ownsRecord(pkt: usize, capLen: u32, linkType: u32): bool {
  if (shardCount <= 1) return true;
  return <u32>(recordHash(pkt, capLen, linkType) % <u64>shardCount) == shardIndex;
}
