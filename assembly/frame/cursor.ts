// The chunk being framed: [base, base + len). `pos` advances record by record; what remains
// after the last complete record is the tail the caller carries into the next chunk.
// `final` says no bytes follow this chunk in the current file.

export let base: usize = 0;
export let len: u32 = 0;
export let pos: u32 = 0;
export let isFinal: bool = false;
/** Set when framing fails: the chunk offset of the bad header. */
export let errorPos: u32 = 0;

export function beginChunk(b: usize, l: u32, final: bool): void {
  base = b;
  len = l;
  pos = 0;
  isFinal = final;
}

export function remaining(): u32 {
  return len - pos;
}

export function advance(n: u32): void {
  pos += n;
}

export function fail(at: u32): void {
  errorPos = at;
}
