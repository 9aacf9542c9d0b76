/**
 * Sets of integers as sorted, disjoint, non-adjacent inclusive intervals. Address lists (IPv4 as
 * 0..2^32-1, IPv6 as 0..2^128-1) and port lists (0..65535) are evaluated into these, so negation
 * and nesting (`[10.0.0.0/8,![10.1.0.0/16,!10.1.2.3]]`) reduce to union, difference and complement.
 * bigint throughout: one implementation for all three spaces; sets are built once per distinct
 * list text (cached by the callers), never per packet.
 */

export type Interval = readonly [bigint, bigint];

export function normalize(items: Interval[]): Interval[] {
  const s = [...items].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [lo, hi] of s) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1n) {
      if (hi > last[1]) last[1] = hi;
    } else out.push([lo, hi]);
  }
  return out;
}

export function union(a: Interval[], b: Interval[]): Interval[] {
  return normalize([...a, ...b]);
}

export function complement(a: Interval[], max: bigint): Interval[] {
  const out: Interval[] = [];
  let next = 0n;
  for (const [lo, hi] of a) {
    if (lo > next) out.push([next, lo - 1n]);
    next = hi + 1n;
  }
  if (next <= max) out.push([next, max]);
  return out;
}

export function difference(a: Interval[], b: Interval[], max: bigint): Interval[] {
  const nb = complement(b, max);
  const out: Interval[] = [];
  let j = 0;
  for (const [lo, hi] of a) {
    while (j < nb.length && (nb[j] as Interval)[1] < lo) j++;
    for (let k = j; k < nb.length; k++) {
      const [l2, h2] = nb[k] as Interval;
      if (l2 > hi) break;
      out.push([lo > l2 ? lo : l2, hi < h2 ? hi : h2]);
    }
  }
  return out;
}

export function contains(a: readonly Interval[], x: bigint): boolean {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const iv = a[mid] as Interval;
    if (x < iv[0]) hi = mid - 1;
    else if (x > iv[1]) lo = mid + 1;
    else return true;
  }
  return false;
}
