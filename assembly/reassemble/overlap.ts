// Overlap policy for TCP data that covers bytes already queued (out of order) or delivered.
// Delivered bytes are final under every policy (the next stage has seen them); for queued bytes:
//   POLICY_FIRST (default, Suricata's "first" / BSD-like): the bytes that arrived first stay;
//   POLICY_LAST (Suricata's "last"): a later segment overwrites queued bytes it covers.
// Overlapping bytes that differ from what is kept raise `tcp.reassembly_overlap_diff` — the
// signature of an evasion attempt (Ptacek & Newsham 1998).

export const POLICY_FIRST: u32 = 0;
export const POLICY_LAST: u32 = 1;

export let overlapPolicy: u32 = POLICY_FIRST;

export function setOverlapPolicy(p: u32): void {
  overlapPolicy = p == POLICY_LAST ? POLICY_LAST : POLICY_FIRST;
}

/** True when the `len` bytes at a and b differ. */
export function bytesDiffer(a: usize, b: usize, len: u32): bool {
  for (let i: usize = 0; i < <usize>len; i++) if (load<u8>(a + i) != load<u8>(b + i)) return true;
  return false;
}
