// What the verify program reads besides its own words: the candidate's buffer, the packet it came
// with (header keywords read the packet bytes at the decoder's offsets in decode/packet.ts, which
// describe the packet being matched, as the candidate record's do for src/alerts/verify.ts), the
// candidate flags (CAND_F_*), and the byte_extract variables of the run. Set once per candidate
// by program.ts; no allocation.

import { MAX_VARS } from './opcodes';

export let bufPtr: usize = 0;
export let bufLen: i32 = 0;
/** Packet bytes (the decoder's ipOff / l4Off index from here), as the candidate's pktPtr. */
export let pktPtr: usize = 0;
/** dsize: the payload length (0 for a stream window, as the verifier's payloadLen). */
export let pktPayloadLen: u32 = 0;
/** CAND_F_* of the candidate. */
export let candFlags: u32 = 0;
/**
 * The flow slot of the candidates being checked (stream_size reads its streams): the packet's
 * (match/packet.ts setMatchSlot), or the flushed flow's while its streams are matched at flow end.
 */
export let verifySlot: usize = 0;

export function setVerifySlot(slot: usize): void {
  verifySlot = slot;
}

/** byte_extract values, f64 as JS numbers; slot MAX_VARS stands for an unknown name (always 0). */
const varsPtr: usize = memory.data(<i32>((MAX_VARS + 1) * 8), 8);

export function setVerifyBuffer(buf: usize, len: u32, flags: u32, payloadLen: u32, pkt: usize): void {
  bufPtr = buf;
  pktPtr = pkt;
  bufLen = <i32>len;
  candFlags = flags;
  pktPayloadLen = payloadLen;
  memory.fill(varsPtr, 0, (MAX_VARS + 1) * 8);
}

export function setVar(slot: u32, v: f64): void {
  if (slot < MAX_VARS) store<f64>(varsPtr + ((<usize>slot) << 3), v);
}

/** A value operand at `p`: NaN when absent, else the number or the variable's value. */
export function valueAt(p: usize): f64 {
  const mode = load<u32>(p);
  if (mode == 0) return NaN;
  if (mode == 1) return load<f64>(p + 4);
  return load<f64>(varsPtr + ((<usize>min<u32>(load<u32>(p + 4), MAX_VARS)) << 3));
}

/** The packet byte at `off`. */
export function pktByte(off: u32): u32 {
  return <u32>load<u8>(pktPtr + <usize>off);
}

export function pktBe16(off: u32): u32 {
  return (pktByte(off) << 8) | pktByte(off + 1);
}

export function pktBe32(off: u32): u32 {
  return (pktBe16(off) << 16) | pktBe16(off + 2);
}
