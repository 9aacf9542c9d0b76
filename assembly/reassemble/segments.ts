// The page pool and out-of-order segment nodes. Queued (out-of-order) TCP data lives in
// fixed-size pages carved once at configure time (mem/regions.ts); a free list links the unused
// pages, so taking and returning a page is O(1) and nothing is allocated per packet. The pool's
// size is the global reassembly memory cap (pages never used are handed out by a bump pointer,
// so a large pool costs address space, not resident memory, until traffic needs it): when it is
// empty, the stream skips to its queued data
// (a counted gap) or, with nothing queued, the segment is dropped (COUNTER_REASM_MEMCAP_DROP).
//
// A node is one page: next u32 (page ptr, 0 = end) · seq u32 (of its first byte) · len u32 ·
// pad u32 · data[SEG_DATA_MAX]. A stream's queue is sorted by seq and never overlapping (the
// overlap policy trims before insertion), so delivery walks it from the head.

export const PAGE_SIZE: u32 = 2048;
export const SEG_HDR: u32 = 16;
export const SEG_DATA_MAX: u32 = PAGE_SIZE - SEG_HDR;
export const SEG_NEXT_OFF: u32 = 0;
export const SEG_SEQ_OFF: u32 = 4;
export const SEG_LEN_OFF: u32 = 8;

let poolPtr: usize = 0;
let poolPages: u32 = 0;
let freeHead: usize = 0;
let bumpNext: usize = 0;
let bumpEnd: usize = 0;
export let pagesFree: u32 = 0;

export function poolBytes(pages: u32): usize {
  return <usize>pages * <usize>PAGE_SIZE;
}

export function initPool(ptr: usize, pages: u32): void {
  poolPtr = ptr;
  poolPages = pages;
  freeHead = 0;
  // pages never used are handed out by a bump pointer, so configuring the pool touches no memory
  bumpNext = ptr;
  bumpEnd = ptr + <usize>pages * <usize>PAGE_SIZE;
  pagesFree = pages;
}

/** A page, or 0 when the pool is empty. */
export function takePage(): usize {
  let p = freeHead;
  if (p != 0) {
    freeHead = <usize>load<u32>(p + SEG_NEXT_OFF);
  } else {
    if (bumpNext >= bumpEnd) return 0;
    p = bumpNext;
    bumpNext += <usize>PAGE_SIZE;
  }
  pagesFree--;
  return p;
}

export function returnPage(p: usize): void {
  store<u32>(p + SEG_NEXT_OFF, <u32>freeHead);
  freeHead = p;
  pagesFree++;
}

export function segNext(p: usize): usize {
  return <usize>load<u32>(p + SEG_NEXT_OFF);
}

export function segSeq(p: usize): u32 {
  return load<u32>(p + SEG_SEQ_OFF);
}

export function segLen(p: usize): u32 {
  return load<u32>(p + SEG_LEN_OFF);
}

export function segData(p: usize): usize {
  return p + SEG_HDR;
}
