/**
 * Destination-port groups (as Suricata's port groupings, detect-engine-build.c RulesGroupByPorts):
 * within a protocol class, the destination-port segments that many rules name get a rule group of
 * their own, so a packet is scanned only with the rules that can apply to its destination port.
 *
 * A segment is a maximal port interval no rule's destination list starts or ends inside. A
 * dedicated group holds the rules whose destination ports reach into its segment plus every rule
 * that can apply to any port (destination `any`, or `<>`, which may match either way round); the
 * class's catch-all group holds the port-agnostic rules plus the rules that name some port outside
 * every dedicated segment. So for any destination port, the group it selects contains every rule
 * whose header could pass for that port (the header prefilter still checks the exact lists).
 *
 * Each group's automaton repeats the port-agnostic rules' patterns, so the number of dedicated
 * groups is small (`maxGroups`, picked by how many rules name the segment, at least
 * PORT_GROUP_MIN_RULES): Suricata's medium profile likewise caps its toserver groups.
 */
import type { Rule } from '../types.js';

/**
 * At most this many dedicated groups per protocol class by default. One: on ET Open each
 * dedicated group adds ~18 MiB of automata per worker (the port-agnostic patterns again) and on
 * the 20 MB bench capture 0, 1 and 4 groups ran within noise of each other (66 / 71 / 62 MB/s,
 * medians of 5, app layer on): only the segment most rules name gets one.
 */
export const DEFAULT_PORT_GROUPS = 1;
/** A segment needs this many rules naming it to get a dedicated group. */
export const PORT_GROUP_MIN_RULES = 16;

/** A dedicated destination-port segment, inclusive bounds. */
export interface PortSegment {
  readonly lo: number;
  readonly hi: number;
}

/** The rule may apply whatever the destination port. */
export function portAgnostic(rule: Rule): boolean {
  return rule.header.dstPorts.any || rule.header.direction === '<>';
}

function ranges(rule: Rule): [number, number][] {
  return rule.header.dstPorts.ranges.map(([lo, hi]) => [Number(lo), Number(hi)]);
}

/** The dedicated segments for the rules of one protocol class, sorted by port. */
export function planPortGroups(rules: readonly Rule[], maxGroups: number): PortSegment[] {
  if (maxGroups <= 0) return [];
  const specific = rules.filter((r) => !portAgnostic(r));
  const bounds = new Set<number>([0, 65536]);
  for (const r of specific) for (const [lo, hi] of ranges(r)) bounds.add(lo).add(hi + 1);
  const starts = [...bounds].sort((a, b) => a - b);
  const at = new Map(starts.map((s, i) => [s, i]));
  // rules naming each segment: +1 where a range starts, -1 past its end
  const delta = new Array<number>(starts.length).fill(0);
  for (const r of specific) {
    for (const [lo, hi] of ranges(r)) {
      delta[at.get(lo) as number]! += 1;
      delta[at.get(hi + 1) as number]! -= 1;
    }
  }
  const segs: (PortSegment & { count: number })[] = [];
  let count = 0;
  for (let i = 0; i + 1 < starts.length; i++) {
    count += delta[i] as number;
    segs.push({ lo: starts[i] as number, hi: (starts[i + 1] as number) - 1, count });
  }
  return segs
    .filter((s) => s.count >= PORT_GROUP_MIN_RULES)
    .sort((a, b) => b.count - a.count || a.lo - b.lo)
    .slice(0, maxGroups)
    .sort((a, b) => a.lo - b.lo)
    .map(({ lo, hi }) => ({ lo, hi }));
}

/**
 * The groups of a class a rule joins: indexes into `segs` (dedicated), and -1 for the catch-all.
 */
export function portGroupsOf(rule: Rule, segs: readonly PortSegment[]): number[] {
  if (portAgnostic(rule)) return [-1, ...segs.map((_, i) => i)];
  const out: number[] = [];
  let outside = 0;
  const rs = ranges(rule);
  for (const [lo, hi] of rs) outside += hi - lo + 1;
  segs.forEach((s, i) => {
    let inside = 0;
    for (const [lo, hi] of rs) inside += Math.max(0, Math.min(hi, s.hi) - Math.max(lo, s.lo) + 1);
    if (inside > 0) out.push(i);
    outside -= inside;
  });
  if (outside > 0) out.push(-1);
  return out;
}
