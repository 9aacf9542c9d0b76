// TCP sequence arithmetic modulo 2^32 (RFC 9293 §3.4; gopacket's Sequence.Difference): the
// signed distance from a to b, valid while the two are less than 2^31 apart.

/** b - a as a signed 32-bit distance (positive: b is after a). */
export function seqDiff(a: u32, b: u32): i32 {
  return <i32>(b - a);
}

export function seqLt(a: u32, b: u32): bool {
  return <i32>(a - b) < 0;
}

export function seqLeq(a: u32, b: u32): bool {
  return <i32>(a - b) <= 0;
}

export function seqMax(a: u32, b: u32): u32 {
  return seqLt(a, b) ? b : a;
}
