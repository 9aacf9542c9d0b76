// Per-flow app-layer parser state. The flow slot's app word (flow/table.ts SLOT_APP_OFF; it moves
// with the slot when the table backward-shifts) holds the flow's app_proto and the index + 1 of
// its parser state (app/stage.ts) in a fixed pool carved once
// (mem/regions.ts): APP_STATES states of APP_STATE_SIZE bytes. A flow takes a state when its
// protocol needs one across chunks (HTTP, TLS, DNS over TCP) and gives it back at flow end, or
// as soon as nothing more is parsed (TLS once encrypted). DNS over UDP needs none. Pool empty →
// anomaly app.state_memcap and the flow is not parsed: memory stays bounded whatever the input.
//
// State layout: header (STATE_HDR bytes) then one DIR_BUF_SIZE byte buffer per direction.
//   header: 0 u32 free-list next · 4 u32 tx count · 8 u32 flags (ST_F_*)
//   per direction d at 16 + d * 32: 0 u32 buffered bytes · 4 u32 phase · 8 u32 remaining
//     · 12 u32 header-block length · 16 u32 body bytes kept · 20 u32 body bytes total
//     · 24 u32 next expected stream offset · 28 u32 aux (parser-specific)
//   80 + d * 8: TLS record header accumulator (5 bytes) · 96..127: TLS handshake message offsets
// Invariant: buffered bytes <= DIR_BUF_SIZE.

export const APP_STATES: u32 = 1024;
export const DIR_BUF_SIZE: u32 = 12288;
export const STATE_HDR: u32 = 128;
export const APP_STATE_SIZE: u32 = STATE_HDR + 2 * DIR_BUF_SIZE;

export const ST_NEXT: usize = 0;
export const ST_TX: usize = 4;
export const ST_FLAGS: usize = 8;
export const D_BUFLEN: usize = 0;
export const D_PHASE: usize = 4;
export const D_REMAIN: usize = 8;
export const D_HDRLEN: usize = 12;
export const D_BODYKEPT: usize = 16;
export const D_BODYTOTAL: usize = 20;
export const D_NEXTOFF: usize = 24;
export const D_AUX: usize = 28;

let poolPtr: usize = 0;
let freeHead: u32 = 0; // index + 1
export let statesInUse: u32 = 0;

export function appPoolBytes(): usize {
  return <usize>APP_STATES * <usize>APP_STATE_SIZE;
}

export function initAppStates(ptr: usize): void {
  poolPtr = ptr;
  freeHead = 0;
  statesInUse = 0;
  for (let i: u32 = APP_STATES; i > 0; i--) {
    store<u32>(ptr + <usize>(i - 1) * <usize>APP_STATE_SIZE + ST_NEXT, freeHead);
    freeHead = i;
  }
}

export function stateAt(idx1: u32): usize {
  return poolPtr + <usize>(idx1 - 1) * <usize>APP_STATE_SIZE;
}

/** Take a cleared state; returns its index + 1, or 0 when the pool is empty. */
export function takeState(): u32 {
  const i = freeHead;
  if (i == 0) return 0;
  const st = stateAt(i);
  freeHead = load<u32>(st + ST_NEXT);
  memory.fill(st, 0, STATE_HDR);
  statesInUse++;
  return i;
}

export function giveState(idx1: u32): void {
  if (idx1 == 0) return;
  store<u32>(stateAt(idx1) + ST_NEXT, freeHead);
  freeHead = idx1;
  statesInUse--;
}

/** The direction header of state `st` (d 0 = toserver). */
export function dirHdr(st: usize, d: u32): usize {
  return st + 16 + <usize>(d << 5);
}

/** The direction buffer of state `st`. */
export function dirBuf(st: usize, d: u32): usize {
  return st + STATE_HDR + <usize>d * <usize>DIR_BUF_SIZE;
}

/** Append up to `len` bytes to direction `d`'s buffer; returns the bytes appended. */
export function bufAppend(st: usize, d: u32, ptr: usize, len: u32): u32 {
  const h = dirHdr(st, d);
  const have = load<u32>(h + D_BUFLEN);
  const n = min<u32>(len, DIR_BUF_SIZE - have);
  memory.copy(dirBuf(st, d) + <usize>have, ptr, n);
  store<u32>(h + D_BUFLEN, have + n);
  return n;
}
