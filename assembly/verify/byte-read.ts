// Reading a number from the buffer for byte_test, byte_jump and byte_extract, as readNum in
// src/alerts/verify.ts does it, in f64 like the JS numbers it mirrors (so large and string values
// round the same way): binary big or little endian (dce reads little), or text in base 16/10/8
// after trimming what String.prototype.trim trims in Latin-1 (\t-\r, space, 0xa0), digits up to
// the first non-digit; then the bitmask (exact on the integer) and its trailing-zero shift.
// NaN: out of the buffer, no bytes, or no digits.

import { bufLen, bufPtr } from './context';
import { PF_BASE_SHIFT, PF_BIG } from './opcodes';

const TWO32: f64 = 4294967296.0;

function isTrimmed(c: u32): bool {
  return (c >= 0x09 && c <= 0x0d) || c == 0x20 || c == 0xa0;
}

function digit(c: u32): u32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x7a) return l - 0x61 + 10;
  return 99;
}

/** Is the exact integer AND of two non-negative integral f64 values non-zero (BigInt & in JS)? */
export function andNonZero(a: f64, b: f64): bool {
  while (a >= 1 && b >= 1) {
    if (((<u32>(a % TWO32)) & (<u32>(b % TWO32))) != 0) return true;
    a = Math.floor(a / TWO32);
    b = Math.floor(b / TWO32);
  }
  return false;
}

export function readNum(at: f64, n: u32, flags: u32, bitmask: u32): f64 {
  if (at < 0 || at + <f64>n > <f64>bufLen || n == 0) return NaN;
  const p = bufPtr + <usize>(<i32>at);
  const base = (flags >> PF_BASE_SHIFT) & 3;
  let v: f64 = 0;
  if (base != 0) {
    const radix: u32 = base == 1 ? 16 : base == 3 ? 8 : 10;
    let s: u32 = 0;
    let e: u32 = n;
    while (s < e && isTrimmed(<u32>load<u8>(p + <usize>s))) s++;
    while (e > s && isTrimmed(<u32>load<u8>(p + <usize>(e - 1)))) e--;
    if (s == e) return NaN;
    let any = false;
    for (let i = s; i < e; i++) {
      const d = digit(<u32>load<u8>(p + <usize>i));
      if (d >= radix) break;
      v = v * <f64>radix + <f64>d;
      any = true;
    }
    if (!any) return NaN;
  } else if ((flags & PF_BIG) != 0) {
    for (let i: u32 = 0; i < n; i++) v = v * 256 + <f64>load<u8>(p + <usize>i);
  } else {
    for (let i = <i32>n - 1; i >= 0; i--) v = v * 256 + <f64>load<u8>(p + <usize>i);
  }
  if (bitmask != 0) {
    v = <f64>((<u32>(v % TWO32)) & bitmask);
    let m = bitmask;
    while (m != 0 && (m & 1) == 0) {
      m >>= 1;
      v = Math.floor(v / 2);
    }
  }
  return v;
}
