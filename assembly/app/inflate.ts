// gzip (RFC 1952) / raw deflate (RFC 1951) decoding of a kept HTTP body, so http.response_body
// (file.data) sees the content rather than compressed bytes. Bounded and allocation-free (after
// tinf by Joergen Ibsen): the input is the kept prefix of the body (HTTP_BODY_LIMIT bytes), the
// output stops at INFLATE_OUT_MAX bytes; a truncated or corrupt stream yields the bytes decoded
// up to that point. Every loop consumes input bits or output room, so hostile input cannot hang it.

export const INFLATE_OUT_MAX: u32 = 32768;
export const inflateOutPtr: usize = memory.data(<i32>INFLATE_OUT_MAX, 8);

// Huffman tables: counts per code length (16 × u16) then symbols (288 × u16)
const litTable: usize = memory.data(32 + 576, 8);
const distTable: usize = memory.data(32 + 576, 8);
const lensPtr: usize = memory.data(320, 8);
const offsPtr: usize = memory.data(32, 8);

const LEN_BASE: StaticArray<u16> = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
  227, 258,
];
const LEN_EXTRA: StaticArray<u8> = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: StaticArray<u16> = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
  6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: StaticArray<u8> = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
const CLEN_ORDER: StaticArray<u8> = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

let src: usize = 0;
let srcEnd: usize = 0;
let tag: u32 = 0;
let bits: u32 = 0;
let bad = false;
let outLen: u32 = 0;

function getBit(): u32 {
  if (bits == 0) {
    if (src >= srcEnd) {
      bad = true;
      return 0;
    }
    tag = <u32>load<u8>(src);
    src++;
    bits = 8;
  }
  const b = tag & 1;
  tag >>= 1;
  bits--;
  return b;
}

function getBits(n: u32, base: u32): u32 {
  let v: u32 = 0;
  for (let i: u32 = 0; i < n; i++) v |= getBit() << i;
  return base + v;
}

/** Build a canonical Huffman table from `n` code lengths at lensPtr + off (u8 each). */
function build(t: usize, off: u32, n: u32): void {
  memory.fill(t, 0, 32);
  for (let i: u32 = 0; i < n; i++) {
    const l = <u32>load<u8>(lensPtr + <usize>(off + i));
    store<u16>(t + <usize>(l << 1), load<u16>(t + <usize>(l << 1)) + 1);
  }
  store<u16>(t, 0);
  let sum: u32 = 0;
  for (let i: u32 = 0; i < 16; i++) {
    store<u16>(offsPtr + <usize>(i << 1), <u16>sum);
    sum += <u32>load<u16>(t + <usize>(i << 1));
  }
  for (let i: u32 = 0; i < n; i++) {
    const l = <u32>load<u8>(lensPtr + <usize>(off + i));
    if (l != 0) {
      const o = <u32>load<u16>(offsPtr + <usize>(l << 1));
      if (o < 288) store<u16>(t + 32 + <usize>(o << 1), <u16>i);
      store<u16>(offsPtr + <usize>(l << 1), <u16>(o + 1));
    }
  }
}

function decodeSym(t: usize): u32 {
  let sum: i32 = 0;
  let cur: i32 = 0;
  let len: u32 = 0;
  do {
    cur = 2 * cur + <i32>getBit();
    len++;
    if (len > 15 || bad) {
      bad = true;
      return 0;
    }
    const c = <i32>load<u16>(t + <usize>(len << 1));
    sum += c;
    cur -= c;
  } while (cur >= 0);
  const idx = sum + cur;
  if (idx < 0 || idx >= 288) {
    bad = true;
    return 0;
  }
  return <u32>load<u16>(t + 32 + <usize>(idx << 1));
}

function fixedTables(): void {
  for (let i: u32 = 0; i < 144; i++) store<u8>(lensPtr + <usize>i, 8);
  for (let i: u32 = 144; i < 256; i++) store<u8>(lensPtr + <usize>i, 9);
  for (let i: u32 = 256; i < 280; i++) store<u8>(lensPtr + <usize>i, 7);
  for (let i: u32 = 280; i < 288; i++) store<u8>(lensPtr + <usize>i, 8);
  build(litTable, 0, 288);
  for (let i: u32 = 0; i < 30; i++) store<u8>(lensPtr + <usize>i, 5);
  build(distTable, 0, 30);
}

function dynamicTables(): void {
  const hlit = getBits(5, 257);
  const hdist = getBits(5, 1);
  const hclen = getBits(4, 4);
  if (hlit > 286 || hdist > 30) {
    bad = true;
    return;
  }
  memory.fill(lensPtr, 0, 320);
  for (let i: u32 = 0; i < hclen; i++)
    store<u8>(lensPtr + <usize>unchecked(CLEN_ORDER[i]), <u8>getBits(3, 0));
  build(litTable, 0, 19); // code-length code, kept in the literal table for now
  memory.fill(lensPtr, 0, 320);
  let n: u32 = 0;
  while (n < hlit + hdist && !bad) {
    const sym = decodeSym(litTable);
    if (sym < 16) {
      store<u8>(lensPtr + <usize>n, <u8>sym);
      n++;
      continue;
    }
    let rep: u32 = 0;
    let val: u8 = 0;
    if (sym == 16) {
      if (n == 0) {
        bad = true;
        return;
      }
      val = load<u8>(lensPtr + <usize>(n - 1));
      rep = getBits(2, 3);
    } else if (sym == 17) rep = getBits(3, 3);
    else rep = getBits(7, 11);
    if (n + rep > hlit + hdist) {
      bad = true;
      return;
    }
    for (let k: u32 = 0; k < rep; k++) store<u8>(lensPtr + <usize>(n + k), val);
    n += rep;
  }
  if (bad) return;
  build(litTable, 0, hlit);
  build(distTable, hlit, hdist);
}

function block(): void {
  while (!bad) {
    const sym = decodeSym(litTable);
    if (bad) return;
    if (sym < 256) {
      if (outLen >= INFLATE_OUT_MAX) {
        bad = true;
        return;
      }
      store<u8>(inflateOutPtr + <usize>outLen, <u8>sym);
      outLen++;
      continue;
    }
    if (sym == 256) return;
    const li = sym - 257;
    if (li >= 29) {
      bad = true;
      return;
    }
    const len = getBits(<u32>unchecked(LEN_EXTRA[li]), <u32>unchecked(LEN_BASE[li]));
    const di = decodeSym(distTable);
    if (di >= 30) {
      bad = true;
      return;
    }
    const dist = getBits(<u32>unchecked(DIST_EXTRA[di]), <u32>unchecked(DIST_BASE[di]));
    if (dist > outLen || bad) {
      bad = true;
      return;
    }
    for (let k: u32 = 0; k < len; k++) {
      if (outLen >= INFLATE_OUT_MAX) {
        bad = true;
        return;
      }
      store<u8>(inflateOutPtr + <usize>outLen, load<u8>(inflateOutPtr + <usize>(outLen - dist)));
      outLen++;
    }
  }
}

function stored(): void {
  bits = 0; // to a byte boundary
  if (src + 4 > srcEnd) {
    bad = true;
    return;
  }
  const len = <u32>load<u16>(src);
  src += 4;
  const n = min<u32>(min<u32>(len, <u32>(srcEnd - src)), INFLATE_OUT_MAX - outLen);
  memory.copy(inflateOutPtr + <usize>outLen, src, n);
  outLen += n;
  src += <usize>n;
  if (n < len) bad = true;
}

/** Inflate raw deflate data at [p, p + len); returns the bytes written at inflateOutPtr. */
export function inflateRaw(p: usize, len: u32): u32 {
  src = p;
  srcEnd = p + <usize>len;
  tag = 0;
  bits = 0;
  bad = false;
  outLen = 0;
  let last: u32 = 0;
  while (last == 0 && !bad) {
    last = getBit();
    const type = getBits(2, 0);
    if (bad) break;
    if (type == 0) stored();
    else if (type == 1) {
      fixedTables();
      block();
    } else if (type == 2) {
      dynamicTables();
      block();
    } else bad = true;
  }
  return outLen;
}

/** gzip member (RFC 1952) or zlib / raw deflate body → decoded bytes at inflateOutPtr (count). */
export function gunzip(p: usize, len: u32): u32 {
  if (len >= 10 && load<u8>(p) == 0x1f && load<u8>(p + 1) == 0x8b && load<u8>(p + 2) == 8) {
    const flg = <u32>load<u8>(p + 3);
    let o: u32 = 10;
    if ((flg & 4) != 0) {
      if (o + 2 > len) return 0;
      o += 2 + <u32>load<u16>(p + <usize>o);
    }
    if ((flg & 8) != 0) {
      while (o < len && load<u8>(p + <usize>o) != 0) o++;
      o++;
    }
    if ((flg & 16) != 0) {
      while (o < len && load<u8>(p + <usize>o) != 0) o++;
      o++;
    }
    if ((flg & 2) != 0) o += 2;
    if (o >= len) return 0;
    return inflateRaw(p + <usize>o, len - o);
  }
  // zlib wrapper (deflate as most servers send it): CMF/FLG with a valid check
  if (
    len >= 2 &&
    (load<u8>(p) & 0x0f) == 8 &&
    (((<u32>load<u8>(p)) << 8) | (<u32>load<u8>(p + 1))) % 31 == 0
  ) {
    return inflateRaw(p + 2, len - 2);
  }
  return inflateRaw(p, len);
}
