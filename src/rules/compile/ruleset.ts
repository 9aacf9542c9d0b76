/**
 * Rules → the ruleset blob the WASM matcher loads (assembly/match/ruleset.ts documents the
 * layout). Rules are grouped by packet protocol class (tcp, udp, icmp, other; `ip` rules join every
 * group) and, for tcp and udp, by destination-port group (port-groups.ts: the much-named ports get
 * a group of their own, the class's catch-all group serves the other ports); each group gets one
 * Aho-Corasick automaton (ac-build.ts) over the fast patterns of its rules, a pattern → rules
 * index, and a header-only list of the rules without a usable fast pattern (no content, or only
 * negated contents; those with a narrow address list are indexed by it: address-index.ts). Every
 * rule also gets its header prefilter: protocol, flags (bidirectional, packet-only, stream-only,
 * packet and stream: inspection.ts) and port ranges. The full rule is verified for each candidate
 * the matcher reports: first in WASM by the rule's verify program (program.ts, assembly/verify/),
 * then, unless the program was the whole verification, by the worker (src/alerts/verify.ts).
 *
 * Fast pattern: the content marked `fast_pattern` (its `offset,length` slice when given), else
 * the longest positive payload content (first on ties), as Suricata picks it. Short patterns
 * cost little here: a pattern id maps to its rules, and the worker verifies each candidate once
 * per packet (the matcher stamps rules per packet), so a 1-byte pattern costs one candidate per
 * rule per packet at most.
 *
 * App-layer rules (a buffer the parsers fill, or protocol http / dns / tls) go to buffer groups
 * instead: one per app-layer buffer id (src/app/buffers.ts) with the automaton over the fast
 * patterns that live in that buffer and the buffer's content-less rules (matched when the buffer
 * is filled), plus buffer group 0 for app-layer rules without buffer content (matched on every
 * inspected transaction). The matcher scans them from the parsers' inspectBuffers hook
 * (assembly/match/app.ts). Payload keywords of an app-layer rule (before any sticky buffer, or
 * after pkt_data) are verified against the transaction direction's raw bytes (src/app/raw.ts).
 */
import type { ContentSpec, Rule } from '../types.js';
import { PAYLOAD_BUFFER } from '../types.js';
import { isAppLayerBuffer } from '../buffers.js';
import { buildAutomaton, type AcPattern } from './ac-build.js';
import { encodeProgram } from './program.js';
import { inspectsPacketAndStream, inspectsPacketOnly, inspectsStreamOnly } from './inspection.js';
import { keyedRule, writeAddressIndex, type KeyedRule } from './address-index.js';
export { KEY_DST, KEY_SRC } from './address-index.js';
import { DEFAULT_PORT_GROUPS, planPortGroups, portGroupsOf, type PortSegment } from './port-groups.js';
import { APP_BUFFER_COUNT, APP_BUFFERS, appBufferId, type AppBufferName } from '../../app/buffers.js';
import { APP_PROTO_CODE } from '../../app/protocols.js';

export const RS_MAGIC = 0x5352534e;
export const RS_VERSION = 5;
export const GROUP_WORDS = 13;
export const RULE_WORDS = 18;
/** Rule word 17: the verify program is the whole of the TypeScript verification (program.ts). */
export const PROG_FULL = 1;
export const RF_BIDIR = 1;
export const RF_PKT_ONLY = 2;
export const RF_STREAM_ONLY = 4;
/** The packet match and the stream match are separate inspections, each alerting (inspection.ts). */
export const RF_PKT_AND_STREAM = 8;
export const AF_SRC_ANY = 1;
export const AF_DST_ANY = 2;
export const AF_SRC_V6 = 4;
export const AF_DST_V6 = 8;
const FLAGS_MODE = { exact: 1, '+': 2, '*': 3, '!': 4 } as const;
/** Protocol classes, in blob order. */
export const PROTO_CLASSES = ['tcp', 'udp', 'icmp', 'other'] as const;

export interface SkippedRule {
  readonly rule: Rule;
  readonly reason: string;
}

export interface CompiledRuleset {
  /** The blob for loadRuleset (transferable: send a copy to each worker). */
  readonly blob: Uint8Array;
  /** The compiled rules; a candidate's rule index points here. */
  readonly rules: readonly Rule[];
  readonly skipped: readonly SkippedRule[];
  readonly stats: {
    readonly groups: { name: string; rules: number; patterns: number; headerOnly: number; acBytes: number }[];
    readonly compileMs: number;
    readonly streamTail: number;
  };
}

const PROTO_CODE: Record<string, number> = {
  ip: 0,
  ipv4: 0,
  ipv6: 0,
  pkthdr: 0,
  tcp: 6,
  udp: 17,
  icmp: 1,
  icmpv6: 58,
  sctp: 132,
};

/** App-layer buffer id of a buffer name (aliases such as file.data folded; src/app/buffers.ts). */
export { appBufferId };

/** Does the rule need the app layer (inspects a parser buffer or names http/dns/tls)? */
export function isAppRule(rule: Rule): boolean {
  return rule.appProto !== undefined || rule.buffers.some(isAppLayerBuffer);
}

/**
 * Does the rule go to the app-layer buffer groups: it inspects a parser buffer (or a transaction
 * field)? A rule naming an app protocol with payload keywords only, or with none (`alert http any
 * any -> any any (flow:to_server; ...)`), is a packet/stream rule that also needs the flow's
 * app_proto, which the verifier checks: Suricata types a signature without app-layer inspection
 * engines as a packet signature (detect-engine-build.c SignatureSetType) and matches it per
 * packet once the flow's alproto equals its own.
 */
export function inBufferGroups(rule: Rule): boolean {
  return rule.buffers.some(isAppLayerBuffer);
}

/** Why a rule cannot be compiled yet, or undefined. */
export function unsupportedReason(rule: Rule): string | undefined {
  if (rule.appProto && APP_PROTO_CODE[rule.appProto] === undefined)
    return `app-layer protocol "${rule.appProto}" (no parser yet)`;
  if (PROTO_CODE[rule.protocol] === undefined) return `protocol "${rule.protocol}"`;
  for (const b of rule.buffers)
    if (isAppLayerBuffer(b) && appBufferId(b) === undefined)
      return `buffer "${b}" needs its app-layer parser`;
  for (const m of rule.matches) {
    if (isAppLayerBuffer(m.buffer) && appBufferId(m.buffer) === undefined)
      return `buffer "${m.buffer}" needs its app-layer parser`;
  }
  // the stream sizes are read by the WASM verify program only (the worker does not see them)
  if (rule.conditions.some((c) => c.kind === 'stream_size') && !encodeProgram(rule, isAppRule(rule)))
    return 'stream_size in a rule without a WASM verify program (app-layer rules have none)';
  return undefined;
}

/** The rule's fast pattern (bytes + nocase), or undefined for the header-only path. */
export function fastPattern(rule: Rule): AcPattern | undefined {
  return fastPatternIn(rule, (b) => b === PAYLOAD_BUFFER)?.pattern;
}

/** An app-layer rule's fast pattern and the buffer id it lives in, or undefined (content-less). */
export function appFastPattern(rule: Rule): { pattern: AcPattern; buffer: number } | undefined {
  // a buffer whose transform has no prefilter form (strip_whitespace, url_decode) has no fast
  // pattern: its rules are checked on every filled buffer
  // nor does a buffer with no parser buffer behind it (id 0: base64_data, transaction fields)
  const usable = (b: string): boolean =>
    b !== PAYLOAD_BUFFER &&
    appBufferId(b) !== 0 &&
    !(rule.transforms?.[b] ?? []).some((t) => t === 'strip_whitespace' || t === 'url_decode');
  const fp = fastPatternIn(rule, usable);
  if (!fp) return undefined;
  const t = rule.transforms?.[fp.buffer] ?? [];
  let { bytes, nocase } = fp.pattern;
  // "." + buffer holds ".x" only where the buffer holds "x" (or starts with it): scan for "x"
  if (t.includes('dotprefix') && bytes[0] === 0x2e) bytes = bytes.subarray(1);
  // a lowercased buffer holds "x" where the buffer holds "x" in any case
  if (t.includes('to_lowercase')) nocase = true;
  if (bytes.length === 0) return undefined;
  return { pattern: { bytes, nocase }, buffer: appBufferId(fp.buffer) ?? 0 };
}

function fastPatternIn(
  rule: Rule,
  inBuffer: (b: string) => boolean,
): { pattern: AcPattern; buffer: string } | undefined {
  const contents = rule.matches.filter(
    (m): m is ContentSpec => m.kind === 'content' && !m.negated && inBuffer(m.buffer),
  );
  if (contents.length === 0) return undefined;
  const marked = contents.find((c) => c.fastPattern);
  let best: ContentSpec | undefined = marked;
  if (!best) for (const c of contents) if (!best || c.bytes.length > best.bytes.length) best = c;
  if (!best || best.bytes.length === 0) return undefined;
  let bytes = best.bytes;
  const fp = best.fastPattern;
  if (fp?.offset !== undefined && fp.length !== undefined)
    bytes = bytes.subarray(fp.offset, fp.offset + fp.length);
  return bytes.length ? { pattern: { bytes, nocase: best.nocase }, buffer: best.buffer } : undefined;
}

function protoClasses(rule: Rule): number[] {
  switch (rule.protocol) {
    case 'tcp':
      return [0];
    case 'udp':
      return [1];
    case 'icmp':
    case 'icmpv6':
      return [2];
    case 'sctp':
      return [3];
    default:
      return [0, 1, 2, 3];
  }
}

function ruleFlags(rule: Rule): number {
  let f = rule.header.direction === '<>' ? RF_BIDIR : 0;
  // dsize, flags, ttl, ... describe one packet: such rules inspect packets only (inspection.ts)
  if (inspectsPacketOnly(rule)) f |= RF_PKT_ONLY;
  if (inspectsStreamOnly(rule)) f |= RF_STREAM_ONLY;
  if (inspectsPacketAndStream(rule)) f |= RF_PKT_AND_STREAM;
  return f;
}

class Writer {
  private buf = new Uint8Array(1 << 16);
  private dv = new DataView(this.buf.buffer);
  len = 0;
  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length;
    while (cap < this.len + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
    this.dv = new DataView(b.buffer);
  }
  align(a = 4): void {
    const pad = (a - (this.len % a)) % a;
    this.ensure(pad);
    this.len += pad;
  }
  u32(v: number): number {
    this.ensure(4);
    this.dv.setUint32(this.len, v >>> 0, true);
    this.len += 4;
    return this.len - 4;
  }
  set(off: number, v: number): void {
    this.dv.setUint32(off, v >>> 0, true);
  }
  bytes(b: Uint8Array): number {
    this.align(4);
    this.ensure(b.length);
    this.buf.set(b, this.len);
    const at = this.len;
    this.len += b.length;
    this.align(4);
    return at;
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export interface CompileOptions {
  /** Stream bytes kept per flow direction for stream windows (default: from the patterns, 64..256). */
  streamTail?: number;
  /** Index header-only rules by narrow IPv4 address lists (default true; false: all linear, for tests). */
  addressIndex?: boolean;
  /** Dedicated destination-port groups per protocol class (tcp, udp) at most (port-groups.ts); 0: none. */
  portGroups?: number;
}

/** Protocol classes with destination-port groups (the others have no ports, or too few rules). */
const PORT_CLASSES = [0, 1];

export function compileRuleset(input: readonly Rule[], opts: CompileOptions = {}): CompiledRuleset {
  const t0 = performance.now();
  const rules: Rule[] = [];
  const skipped: SkippedRule[] = [];
  for (const r of input) {
    const why = unsupportedReason(r);
    if (why) skipped.push({ rule: r, reason: why });
    else rules.push(r);
  }
  interface Group {
    patterns: AcPattern[];
    patKey: Map<string, number>;
    patRules: number[][];
    headerOnly: number[];
    rules: number;
  }
  const groups: Group[] = PROTO_CLASSES.map(() => ({
    patterns: [],
    patKey: new Map(),
    patRules: [],
    headerOnly: [],
    rules: 0,
  }));
  // app-layer buffer groups follow the protocol classes: group PROTO_CLASSES.length + buffer id
  for (let b = 0; b < APP_BUFFER_COUNT; b++)
    groups.push({ patterns: [], patKey: new Map(), patRules: [], headerOnly: [], rules: 0 });
  const firstBufferGroup = PROTO_CLASSES.length;
  // dedicated destination-port groups follow the buffer groups
  const portSegs: PortSegment[][] = PROTO_CLASSES.map(() => []);
  const segGroup: number[][] = PROTO_CLASSES.map(() => []);
  for (const c of PORT_CLASSES) {
    const classRules = rules.filter((r) => !inBufferGroups(r) && protoClasses(r).includes(c));
    portSegs[c] = planPortGroups(classRules, opts.portGroups ?? DEFAULT_PORT_GROUPS);
    for (const _ of portSegs[c] as PortSegment[]) {
      (segGroup[c] as number[]).push(groups.length);
      groups.push({ patterns: [], patKey: new Map(), patRules: [], headerOnly: [], rules: 0 });
    }
  }
  let maxPat = 0;
  rules.forEach((rule, ri) => {
    let fp: AcPattern | undefined;
    let classes: number[];
    if (inBufferGroups(rule)) {
      const afp = appFastPattern(rule);
      fp = afp?.pattern;
      const firstBuf = rule.matches.map((m) => appBufferId(m.buffer)).find((b) => b !== undefined);
      classes = [firstBufferGroup + (afp?.buffer ?? firstBuf ?? 0)];
    } else {
      fp = fastPattern(rule);
      if (fp) maxPat = Math.max(maxPat, fp.bytes.length);
      classes = protoClasses(rule).flatMap((c) =>
        portGroupsOf(rule, portSegs[c] as PortSegment[]).map((k) =>
          k < 0 ? c : ((segGroup[c] as number[])[k] as number),
        ),
      );
    }
    for (const c of classes) {
      const g = groups[c] as Group;
      g.rules++;
      if (!fp) {
        g.headerOnly.push(ri);
        continue;
      }
      const key =
        (fp.nocase ? 'i' : 'c') + Buffer.from(fp.nocase ? fp.bytes.map(fold) : fp.bytes).toString('hex');
      let id = g.patKey.get(key);
      if (id === undefined) {
        id = g.patterns.length;
        g.patKey.set(key, id);
        g.patterns.push(fp);
        g.patRules.push([]);
      }
      (g.patRules[id] as number[]).push(ri);
    }
  });
  const streamTail = opts.streamTail ?? Math.min(256, Math.max(64, (maxPat * 2 + 3) & ~3));

  const w = new Writer();
  const hdr = Array.from({ length: 10 }, () => w.u32(0));
  const set = (i: number, v: number): void => w.set(hdr[i] as number, v);
  set(0, RS_MAGIC);
  set(1, RS_VERSION);
  set(2, rules.length);
  set(4, streamTail);
  // rules
  w.align(4);
  set(7, w.len);
  const ruleAt = rules.map(() => {
    const at = w.len;
    for (let k = 0; k < RULE_WORDS; k++) w.u32(0);
    return at;
  });
  rules.forEach((rule, ri) => {
    const at = ruleAt[ri] as number;
    w.set(at, PROTO_CODE[rule.protocol] ?? 0);
    w.set(at + 4, ruleFlags(rule));
    const ports = (spec: Rule['header']['srcPorts'], wordOff: number): void => {
      if (spec.any) return;
      const listOff = w.len;
      for (const [lo, hi] of spec.ranges) {
        w.u32(Number(lo));
        w.u32(Number(hi));
      }
      w.set(at + wordOff, listOff);
      w.set(at + wordOff + 4, spec.ranges.length);
    };
    ports(rule.header.srcPorts, 8);
    ports(rule.header.dstPorts, 16);
    let af = 0;
    const addrs = (spec: Rule['header']['src'], wordOff: number, anyBit: number, v6Bit: number): void => {
      if (spec.any) {
        af |= anyBit;
        return;
      }
      if (spec.set.v6.length) af |= v6Bit;
      const listOff = w.len;
      for (const [lo, hi] of spec.set.v4) {
        w.u32(Number(lo));
        w.u32(Number(hi));
      }
      w.set(at + wordOff, listOff);
      w.set(at + wordOff + 4, spec.set.v4.length);
    };
    addrs(rule.header.src, 24, AF_SRC_ANY, AF_SRC_V6);
    addrs(rule.header.dst, 32, AF_DST_ANY, AF_DST_V6);
    w.set(at + 40, af);
    const fl = rule.conditions.find((c) => c.kind === 'flags');
    if (fl && fl.kind === 'flags') {
      w.set(at + 44, FLAGS_MODE[fl.modifier]);
      w.set(at + 48, fl.flags);
      w.set(at + 52, fl.ignore);
    }
    const dir = rule.flow?.direction;
    if (dir) w.set(at + 56, dir === 'server' ? 1 : 2);
    if (rule.appProto) w.set(at + 60, APP_PROTO_CODE[rule.appProto] ?? 0);
    const prog = encodeProgram(rule, isAppRule(rule));
    if (prog) {
      w.set(at + 64, w.len);
      for (const word of prog.words) w.u32(word);
      w.set(at + 68, prog.full ? PROG_FULL : 0);
    }
  });
  // groups
  const usedGroups = groups.map((g, i) => ({ g, i })).filter(({ g }) => g.rules > 0);
  set(3, usedGroups.length);
  set(5, w.len);
  const protoMap = PROTO_CLASSES.map(() => [w.u32(0), w.u32(0), w.u32(0)] as const);
  set(9, w.len);
  const bufMap = Array.from({ length: APP_BUFFER_COUNT }, () => w.u32(0));
  const used = new Map(usedGroups.map(({ i }, gi) => [i, gi + 1]));
  usedGroups.forEach(({ i }, gi) => {
    if (i < firstBufferGroup) w.set((protoMap[i] as readonly number[])[0] as number, gi + 1);
    else if (i < firstBufferGroup + APP_BUFFER_COUNT) w.set(bufMap[i - firstBufferGroup] as number, gi + 1);
  });
  PROTO_CLASSES.forEach((_, c) => {
    const segs = portSegs[c] as PortSegment[];
    if (segs.length === 0) return;
    const [, countAt, offAt] = protoMap[c] as readonly number[];
    w.set(countAt as number, segs.length);
    w.set(offAt as number, w.len);
    segs.forEach((seg, k) => {
      w.u32(seg.lo);
      w.u32(seg.hi);
      w.u32(used.get((segGroup[c] as number[])[k] as number) ?? 0);
    });
  });
  set(6, w.len);
  const groupAt = usedGroups.map(() => {
    const at = w.len;
    for (let k = 0; k < GROUP_WORDS; k++) w.u32(0);
    return at;
  });
  const groupStats: CompiledRuleset['stats']['groups'] = [];
  usedGroups.forEach(({ g, i }, gi) => {
    const at = groupAt[gi] as number;
    let acBytes = 0;
    if (g.patterns.length) {
      const ac = buildAutomaton(g.patterns);
      acBytes = ac.length;
      w.set(at, w.bytes(ac));
      w.set(at + 4, w.len);
      let pos = 0;
      for (const rs of g.patRules) {
        w.u32(pos);
        pos += rs.length;
      }
      w.u32(pos);
      w.set(at + 8, w.len);
      for (const rs of g.patRules) for (const r of rs) w.u32(r);
    }
    // header-only rules with a narrow IPv4 address list (IP reputation rules) are indexed by
    // address: disjoint segments of the IPv4 line, each with the (rule, side) entries covering it;
    // the IPv6 part of such a list (Tor nodes) keys IPv6 packets the same way, by the addresses'
    // first 64 bits (an IPv6-only list keys no IPv4 packet)
    const linear: number[] = [];
    const keyed: KeyedRule[] = [];
    for (const ri of g.headerOnly) {
      const k =
        opts.addressIndex === false || i >= firstBufferGroup ? undefined : keyedRule(rules[ri] as Rule, ri);
      if (k) keyed.push(k);
      else linear.push(ri);
    }
    w.set(at + 12, w.len);
    w.set(at + 16, linear.length);
    for (const r of linear) w.u32(r);
    writeAddressIndex(w, at + 20, keyed, 'v4');
    writeAddressIndex(w, at + 36, keyed, 'v6');
    groupStats.push({
      name: groupName(i),
      rules: g.rules,
      patterns: g.patterns.length,
      headerOnly: g.headerOnly.length,
      acBytes,
    });
  });
  set(8, w.len);
  const blob = w.done();
  function groupName(i: number): string {
    if (i < firstBufferGroup) return PROTO_CLASSES[i] as string;
    if (i < firstBufferGroup + APP_BUFFER_COUNT) return bufferName(i - firstBufferGroup);
    for (const c of PORT_CLASSES) {
      const k = (segGroup[c] as number[]).indexOf(i);
      const seg = (portSegs[c] as PortSegment[])[k];
      if (seg) return `${PROTO_CLASSES[c]} dport ${seg.lo === seg.hi ? seg.lo : `${seg.lo}-${seg.hi}`}`;
    }
    return `group ${i}`;
  }
  return {
    blob,
    rules,
    skipped,
    stats: { groups: groupStats, compileMs: performance.now() - t0, streamTail },
  };
}

function bufferName(id: number): string {
  if (id === 0) return 'app';
  return Object.keys(APP_BUFFERS).find((k) => APP_BUFFERS[k as AppBufferName] === id) ?? `buffer ${id}`;
}

function fold(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
}
