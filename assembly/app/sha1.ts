// SHA-1 (FIPS 180-4 § 6.1) over a byte range in linear memory, for tls.cert_fingerprint: Suricata
// writes the SHA-1 of the leaf certificate's DER as "aa:bb:...". Not used for anything that needs
// collision resistance. Allocation-free: an 80-word schedule and the 20-byte digest in static
// memory. Checked against node:crypto in test/unit/app/hash.test.ts.

import { mdBlocks } from './md-blocks';

const wPtr: usize = memory.data(320, 8);
/** The last digest (20 bytes, big-endian words), valid until the next sha1() call. */
export const sha1DigestPtr: usize = memory.data(20, 8);
const hPtr: usize = memory.data(20, 8);

function block(p: usize): void {
  for (let i: usize = 0; i < 16; i++) store<u32>(wPtr + (i << 2), bswap<u32>(load<u32>(p + (i << 2))));
  for (let i: usize = 16; i < 80; i++) {
    const x =
      load<u32>(wPtr + ((i - 3) << 2)) ^
      load<u32>(wPtr + ((i - 8) << 2)) ^
      load<u32>(wPtr + ((i - 14) << 2)) ^
      load<u32>(wPtr + ((i - 16) << 2));
    store<u32>(wPtr + (i << 2), rotl<u32>(x, 1));
  }
  let a = load<u32>(hPtr);
  let b = load<u32>(hPtr + 4);
  let c = load<u32>(hPtr + 8);
  let d = load<u32>(hPtr + 12);
  let e = load<u32>(hPtr + 16);
  for (let i: i32 = 0; i < 80; i++) {
    let f: u32;
    let k: u32;
    if (i < 20) {
      f = (b & c) | (~b & d);
      k = 0x5a827999;
    } else if (i < 40) {
      f = b ^ c ^ d;
      k = 0x6ed9eba1;
    } else if (i < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8f1bbcdc;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6;
    }
    const t = rotl<u32>(a, 5) + f + e + k + load<u32>(wPtr + ((<usize>i) << 2));
    e = d;
    d = c;
    c = rotl<u32>(b, 30);
    b = a;
    a = t;
  }
  store<u32>(hPtr, load<u32>(hPtr) + a);
  store<u32>(hPtr + 4, load<u32>(hPtr + 4) + b);
  store<u32>(hPtr + 8, load<u32>(hPtr + 8) + c);
  store<u32>(hPtr + 12, load<u32>(hPtr + 12) + d);
  store<u32>(hPtr + 16, load<u32>(hPtr + 16) + e);
}

/** SHA-1 of `len` bytes at `ptr`; the digest is at sha1DigestPtr. */
export function sha1(ptr: usize, len: u32): void {
  store<u32>(hPtr, 0x67452301);
  store<u32>(hPtr + 4, 0xefcdab89);
  store<u32>(hPtr + 8, 0x98badcfe);
  store<u32>(hPtr + 12, 0x10325476);
  store<u32>(hPtr + 16, 0xc3d2e1f0);
  mdBlocks(ptr, len, block, true);
  for (let i: usize = 0; i < 5; i++)
    store<u32>(sha1DigestPtr + (i << 2), bswap<u32>(load<u32>(hPtr + (i << 2))));
}
