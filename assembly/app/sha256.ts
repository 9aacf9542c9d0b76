// SHA-256 (FIPS 180-4) over a byte range in linear memory, for the JA4 cipher and extension
// hashes (first 12 hex digits). Allocation-free: a 64-entry schedule, one block buffer and the
// 32-byte digest in static memory. Checked against node:crypto in test/unit/app/hash.test.ts.

import { mdBlocks } from './md-blocks';

const wPtr: usize = memory.data(256, 8);
/** The last digest (32 bytes, big-endian words), valid until the next sha256() call. */
export const sha256DigestPtr: usize = memory.data(32, 8);
const K: StaticArray<u32> = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];
const H: StaticArray<u32> = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
const hPtr: usize = memory.data(32, 8);

function block(p: usize): void {
  for (let i: usize = 0; i < 16; i++) store<u32>(wPtr + (i << 2), bswap<u32>(load<u32>(p + (i << 2))));
  for (let i: usize = 16; i < 64; i++) {
    const w15 = load<u32>(wPtr + ((i - 15) << 2));
    const w2 = load<u32>(wPtr + ((i - 2) << 2));
    const s0 = rotr<u32>(w15, 7) ^ rotr<u32>(w15, 18) ^ (w15 >>> 3);
    const s1 = rotr<u32>(w2, 17) ^ rotr<u32>(w2, 19) ^ (w2 >>> 10);
    store<u32>(
      wPtr + (i << 2),
      load<u32>(wPtr + ((i - 16) << 2)) + s0 + load<u32>(wPtr + ((i - 7) << 2)) + s1,
    );
  }
  let a = load<u32>(hPtr);
  let b = load<u32>(hPtr + 4);
  let c = load<u32>(hPtr + 8);
  let d = load<u32>(hPtr + 12);
  let e = load<u32>(hPtr + 16);
  let f = load<u32>(hPtr + 20);
  let g = load<u32>(hPtr + 24);
  let h = load<u32>(hPtr + 28);
  for (let i: i32 = 0; i < 64; i++) {
    const S1 = rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25);
    const ch = (e & f) ^ (~e & g);
    const t1 = h + S1 + ch + unchecked(K[i]) + load<u32>(wPtr + ((<usize>i) << 2));
    const S0 = rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22);
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = S0 + maj;
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  store<u32>(hPtr, load<u32>(hPtr) + a);
  store<u32>(hPtr + 4, load<u32>(hPtr + 4) + b);
  store<u32>(hPtr + 8, load<u32>(hPtr + 8) + c);
  store<u32>(hPtr + 12, load<u32>(hPtr + 12) + d);
  store<u32>(hPtr + 16, load<u32>(hPtr + 16) + e);
  store<u32>(hPtr + 20, load<u32>(hPtr + 20) + f);
  store<u32>(hPtr + 24, load<u32>(hPtr + 24) + g);
  store<u32>(hPtr + 28, load<u32>(hPtr + 28) + h);
}

/** SHA-256 of `len` bytes at `ptr`; the digest is at sha256DigestPtr. */
export function sha256(ptr: usize, len: u32): void {
  for (let i: i32 = 0; i < 8; i++) store<u32>(hPtr + ((<usize>i) << 2), unchecked(H[i]));
  mdBlocks(ptr, len, block, true);
  for (let i: usize = 0; i < 8; i++)
    store<u32>(sha256DigestPtr + (i << 2), bswap<u32>(load<u32>(hPtr + (i << 2))));
}
