/**
 * The address indexes of a rule group's header-only rules (IP reputation rules: no content, an
 * address list on one side): instead of checking each such rule on every packet, a packet looks
 * its source and destination address up in a sorted list of disjoint segments of the address line
 * and checks only the rules whose key list covers that segment (assembly/match/packet.ts
 * keyedRules). A rule is keyed by the side fewer packets meet; IPv4 packets use the IPv4 part of
 * its list, IPv6 packets the IPv6 part by the addresses' first 64 bits. Layout: the group words of
 * assembly/match/ruleset.ts.
 */
import type { Rule } from '../types.js';

/** Address-keyed header-only entries: side bits. */
export const KEY_SRC = 1;
export const KEY_DST = 2;
/**
 * Largest IPv4 span (addresses) of a list used as an index key; wider lists stay in the linear
 * list. 2^28 takes in the wide reputation lists (lists of /12s to /24s) and $HOME_NET, so no
 * header-only rule of ET Open is left in a linear list (the tcp group had 299), while a list like
 * 0.0.0.0/1 stays linear: it would stand in almost every segment. ET Open on the 20 MB bench
 * capture, one engine: 203-217 -> 162-172 ms (2^20 before).
 */
const KEY_SPAN_MAX = 1 << 28;

/** What writeAddressIndex needs of the blob writer (ruleset.ts Writer). */
export interface BlobWriter {
  readonly len: number;
  u32(v: number): number;
  set(off: number, v: number): void;
}

/** The index entry of header-only rule `rule` (index `ri`), or undefined when it stays in the linear list. */
export function keyedRule(rule: Rule, ri: number): KeyedRule | undefined {
  const side = keySide(rule);
  if (!side) return undefined;
  const h = rule.header;
  const spec = side === KEY_SRC ? h.src : h.dst;
  return {
    entry: (ri << 2) | (h.direction === '<>' ? KEY_SRC | KEY_DST : side),
    dstPorts: dstPortSpan(rule),
    v4: spec.set.v4,
    v6: spec.set.v6.map(([lo, hi]) => [lo >> 64n, hi >> 64n] as const),
  };
}

/** A header-only rule in an address index: its entry (rule << 2 | side), ports and key ranges. */
export interface KeyedRule {
  entry: number;
  dstPorts: number;
  v4: readonly (readonly [bigint, bigint])[];
  /** The IPv6 ranges on the line of the addresses' first 64 bits. */
  v6: readonly (readonly [bigint, bigint])[];
}

/**
 * One address index of a group at word `at` (segCount · startsOff · indexOff · entriesOff; none
 * when no rule has ranges of this family): the key line (IPv4 addresses, u32; or the first 64
 * bits of IPv6 addresses, u64) cut into disjoint segments at every range bound, each listing the
 * entries (entry, dstPorts) of the rules whose ranges cover it.
 */
export function writeAddressIndex(
  w: BlobWriter,
  at: number,
  keyed: readonly KeyedRule[],
  family: 'v4' | 'v6',
): void {
  const top = family === 'v4' ? 0xffffffffn : 0xffffffffffffffffn;
  const bounds = new Set<bigint>();
  for (const k of keyed) for (const [lo, hi] of k[family]) bounds.add(lo).add(hi + 1n);
  if (bounds.size === 0) return;
  const starts = [...bounds].filter((b) => b <= top).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lists: number[][] = starts.map(() => []);
  const find = (x: bigint): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as bigint) <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const k of keyed) {
    for (const [lo, hi] of k[family]) {
      for (let s = find(lo); s < starts.length && (starts[s] as bigint) <= hi; s++) {
        (lists[s] as number[]).push(k.entry, k.dstPorts);
      }
    }
  }
  w.set(at, starts.length);
  w.set(at + 4, w.len);
  for (const s of starts) {
    if (family === 'v4') w.u32(Number(s));
    else {
      w.u32(Number(s & 0xffffffffn));
      w.u32(Number(s >> 32n));
    }
  }
  w.set(at + 8, w.len);
  let pos = 0;
  for (const l of lists) {
    w.u32(pos);
    pos += l.length / 2;
  }
  w.u32(pos);
  w.set(at + 12, w.len);
  for (const l of lists) for (const e of l) w.u32(e);
}

/**
 * The destination ports a packet must have for a keyed rule, as one range lo << 16 | hi (the span
 * of the rule's list: a cheap test before the rule's header check; all ports for `<>` rules).
 */
function dstPortSpan(rule: Rule): number {
  const p = rule.header.dstPorts;
  if (rule.header.direction === '<>' || p.any || p.ranges.length === 0) return 0xffff;
  let lo = 0xffff;
  let hi = 0;
  for (const [a, b] of p.ranges) {
    lo = Math.min(lo, Number(a));
    hi = Math.max(hi, Number(b));
  }
  return ((lo << 16) | hi) >>> 0;
}

/** The side whose address list indexes a header-only rule (its IPv4 part narrow), or 0. */
function keySide(rule: Rule): number {
  // the IPv4 span of a list usable as a key (its IPv6 part, if any, is for IPv6 packets), or
  // Infinity; an IPv6-only list spans no IPv4 address: no IPv4 packet reaches the rule
  const span = (spec: Rule['header']['src']): number => {
    if (spec.any) return Infinity;
    let n = 0;
    for (const [lo, hi] of spec.set.v4) n += Number(hi - lo) + 1;
    return n <= KEY_SPAN_MAX ? n : Infinity;
  };
  // The side the fewest packets meet. $HOME_NET is met by nearly every packet of the monitored
  // network, so `[reputation list] -> $HOME_NET` is keyed by the list, even a list wider than
  // $HOME_NET; otherwise the narrower side.
  const home = (spec: Rule['header']['src']): number => (spec.text.trim() === '$HOME_NET' ? 1 : 0);
  const src = span(rule.header.src);
  const dst = span(rule.header.dst);
  if (src === Infinity && dst === Infinity) return 0;
  if (src !== Infinity && dst !== Infinity && home(rule.header.src) !== home(rule.header.dst)) {
    return home(rule.header.src) ? KEY_DST : KEY_SRC;
  }
  return src <= dst ? KEY_SRC : KEY_DST;
}
