/**
 * Full verification of one rule against one alert candidate (the matcher in WASM reported that the
 * rule's fast pattern, or its header for content-less rules, matched a buffer). Runs in the worker
 * over WASM memory, only for candidates: header (addresses, ports, direction), packet conditions
 * (dsize, ttl, flags, icmp fields, ...), flow, then the payload keywords in rule order with their
 * relative semantics, as Suricata inspects them (detect-engine-content-inspection.c): a content
 * that a later relative keyword cannot follow is retried at its next occurrence, with a step
 * budget (MAX_STEPS) instead of unbounded backtracking. pcre runs last in its place in the list
 * (JS RegExp, compiled once per rule). Flowbits, threshold and detection_filter are state the
 * worker keeps (matcher.ts); here they are only read through the `state` hooks.
 */
import { matchRange } from '../rules/values/range.js';
import { isRelative } from '../rules/relative.js';
import { APP_PROTO_CODE } from '../app/protocols.js';
import { BASE64_BUFFER, PAYLOAD_BUFFER } from '../rules/types.js';
import { appRawPayload } from '../app/raw.js';
import { appBufferValues } from '../app/derived.js';
import { PACKET_HEADER_BUFFERS } from '../rules/buffers.js';
import { asn1Matches } from './asn1.js';
import { packetHeaderBuffer } from './header-buffers.js';
import { appFieldValue, appFieldValues } from '../app/fields.js';
import type { NumOrVar } from '../rules/values/number.js';
import type { Interval } from '../rules/values/intervals.js';
import type {
  ByteExtractSpec,
  ByteJumpSpec,
  ByteTestSpec,
  ConditionSpec,
  ContentSpec,
  Endian,
  MatchSpec,
  NumBase,
  PcreSpec,
  Rule,
  TransformName,
} from '../rules/types.js';

/** Bound on content-occurrence retries per candidate (Suricata caps its recursion likewise). */
export const MAX_STEPS = 4096;

/** What the verifier sees of a candidate; addresses and ports are those of the data's sender. */
export interface Candidate {
  /** The inspected buffer: packet payload, or stream window. */
  buf: Uint8Array;
  stream: boolean;
  /** Direction of the data (to server = client → server). */
  toServer: boolean;
  hasFlow: boolean;
  seenBoth: boolean;
  /** Established before this packet (Suricata's FLOW_PKT_ESTABLISHED). */
  established: boolean;
  tcpState: number;
  ipVersion: number;
  ipProto: number;
  tcpFlags: number;
  src: Uint8Array;
  dst: Uint8Array;
  srcPort: number;
  dstPort: number;
  /** Bytes of the packet from its first byte (header keywords read them); ipOff/l4Off index it. */
  pkt: Uint8Array;
  ipOff: number;
  l4Off: number;
  /** Packet payload length (dsize). */
  payloadLen: number;
  /** App-layer candidate: the transaction's buffers by canonical name (absent = not filled). */
  appBuffer?: (name: string) => Uint8Array | undefined;
  /** The flow's app_proto when the candidate was written (APP_PROTO_*: 1 http, 2 tls, 3 dns; 0 none). */
  appProto?: number;
  /**
   * Packet candidate of a TCP flow whose app_proto netsift knows but Suricata's packet-level
   * detection would not yet: the peer has not acknowledged the bytes it was detected on
   * (assembly/app/stage.ts). Absent = visible.
   */
  appProtoUnacked?: boolean;
  /** Direction of the packet itself (an app-layer candidate's data may have been completed by another). */
  pktToServer?: boolean;
  /** Time of the packet (ns since the epoch): the flow's last-seen time for tls_cert_expired / valid. */
  tsNs?: bigint;
}

interface V4Ranges {
  v4: [number, number][];
  v6: readonly Interval[];
  any: boolean;
}

function addrRanges(spec: Rule['header']['src']): V4Ranges {
  return {
    any: spec.any,
    v4: spec.set.v4.map(([a, b]) => [Number(a), Number(b)]),
    v6: spec.set.v6,
  };
}

function addrIn(r: V4Ranges, a: Uint8Array, ipVersion: number): boolean {
  if (r.any) return true;
  if (ipVersion === 4) {
    const v =
      ((a[12] as number) * 0x1000000 +
        ((a[13] as number) << 16) +
        ((a[14] as number) << 8) +
        (a[15] as number)) >>>
      0;
    for (const [lo, hi] of r.v4) if (v >= lo && v <= hi) return true;
    return false;
  }
  let v = 0n;
  for (let i = 0; i < 16; i++) v = (v << 8n) | BigInt(a[i] as number);
  for (const [lo, hi] of r.v6) if (v >= lo && v <= hi) return true;
  return false;
}

function portsIn(ranges: readonly Interval[], any: boolean, p: number): boolean {
  if (any) return true;
  const b = BigInt(p);
  for (const [lo, hi] of ranges) if (b >= lo && b <= hi) return true;
  return false;
}

function be16(b: Uint8Array, o: number): number {
  return (((b[o] ?? 0) << 8) | (b[o + 1] ?? 0)) >>> 0;
}

function be32(b: Uint8Array, o: number): number {
  return (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
}

/** Value of a packet-header keyword, or undefined when the packet does not have that header. */
function headerValue(kind: string, c: Candidate): number | undefined {
  const { pkt, ipOff, l4Off } = c;
  const isIcmp = c.ipProto === 1 || c.ipProto === 58;
  switch (kind) {
    case 'dsize':
      return c.payloadLen;
    case 'ttl':
      if (c.ipVersion === 4) return pkt[ipOff + 8];
      if (c.ipVersion === 6) return pkt[ipOff + 7];
      return undefined;
    case 'tos':
      return c.ipVersion === 4 ? pkt[ipOff + 1] : undefined;
    case 'id':
      return c.ipVersion === 4 ? be16(pkt, ipOff + 4) : undefined;
    case 'ip_proto':
      return c.ipVersion ? c.ipProto : undefined;
    case 'itype':
      return isIcmp ? pkt[l4Off] : undefined;
    case 'icode':
      return isIcmp ? pkt[l4Off + 1] : undefined;
    case 'icmp_id':
      return isIcmp ? be16(pkt, l4Off + 4) : undefined;
    case 'icmp_seq':
      return isIcmp ? be16(pkt, l4Off + 6) : undefined;
    case 'seq':
      return c.ipProto === 6 ? be32(pkt, l4Off + 4) : undefined;
    case 'ack':
      return c.ipProto === 6 ? be32(pkt, l4Off + 8) : undefined;
    case 'window':
      return c.ipProto === 6 ? be16(pkt, l4Off + 14) : undefined;
    default:
      return appFieldValue(kind, c);
  }
}

function conditionOk(cond: ConditionSpec, c: Candidate): boolean {
  switch (cond.kind) {
    case 'dns.rrtype': {
      const vs = appFieldValues(cond.kind, c);
      if (cond.index === 'any') return vs.some((v) => matchRange(cond.range, v));
      if (cond.index === 'all') return vs.length > 0 && vs.every((v) => matchRange(cond.range, v));
      const v = vs[cond.index < 0 ? vs.length + cond.index : cond.index];
      return v !== undefined && matchRange(cond.range, v);
    }
    case 'flags': {
      if (c.ipProto !== 6) return false;
      const pf = c.tcpFlags & ~cond.ignore & 0xff;
      switch (cond.modifier) {
        case 'exact':
          return pf === cond.flags;
        case '+':
          return (pf & cond.flags) === cond.flags;
        case '*':
          return (pf & cond.flags) !== 0;
        case '!':
          return (pf & cond.flags) === 0;
      }
      return false;
    }
    case 'stream_size':
      // the stream state lives in the engine: the rule's WASM verify program checked it before
      // the candidate was written (a rule without a program is not compiled: ruleset.ts)
      return true;
    case 'sameip': {
      for (let i = 0; i < 16; i++) if (c.src[i] !== c.dst[i]) return false;
      return true;
    }
    default: {
      const v = headerValue(cond.kind, c);
      return v !== undefined && matchRange(cond.range, v);
    }
  }
}

function readNum(
  buf: Uint8Array,
  at: number,
  n: number,
  endian: Endian,
  base: NumBase | undefined,
  bitmask: number | undefined,
): number | undefined {
  if (at < 0 || at + n > buf.length || n <= 0) return undefined;
  let v = 0;
  if (base) {
    const radix = base === 'hex' ? 16 : base === 'oct' ? 8 : 10;
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(buf[at + i] as number);
    const t = s.trim();
    if (t === '') return undefined;
    v = 0;
    let any = false;
    for (const ch of t) {
      const d = parseInt(ch, radix);
      if (Number.isNaN(d)) break;
      v = v * radix + d;
      any = true;
    }
    if (!any) return undefined;
  } else if (endian === 'big') {
    for (let i = 0; i < n; i++) v = v * 256 + (buf[at + i] as number);
  } else {
    for (let i = n - 1; i >= 0; i--) v = v * 256 + (buf[at + i] as number);
  }
  if (bitmask !== undefined && bitmask !== 0) {
    v = Number(BigInt(v) & BigInt(bitmask));
    let m = bitmask;
    while (m !== 0 && m % 2 === 0) {
      m /= 2;
      v = Math.floor(v / 2);
    }
  }
  return v;
}

function lower(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
}

/** Search spans from which a case-sensitive search goes to Buffer.indexOf (its setup costs a view). */
const NATIVE_SEARCH_MIN = 64;

/** First index >= from where `pat` occurs and ends at or before `end`, or -1. */
function findFrom(buf: Uint8Array, pat: Uint8Array, nocase: boolean, from: number, end: number): number {
  const n = pat.length;
  const last = Math.min(end, buf.length) - n;
  if (n === 0) return from <= last ? from : -1;
  if (!nocase && last - from >= NATIVE_SEARCH_MIN) {
    // a long case-sensitive search: the native one (a view of the bytes up to `end`, no copy)
    return Buffer.from(buf.buffer, buf.byteOffset, last + n).indexOf(pat, Math.max(0, from));
  }
  const f0 = nocase ? lower(pat[0] as number) : (pat[0] as number);
  for (let i = Math.max(0, from); i <= last; i++) {
    const b0 = nocase ? lower(buf[i] as number) : (buf[i] as number);
    if (b0 !== f0) continue;
    let k = 1;
    if (nocase) {
      while (k < n && lower(buf[i + k] as number) === lower(pat[k] as number)) k++;
    } else {
      while (k < n && buf[i + k] === pat[k]) k++;
    }
    if (k === n) return i;
  }
  return -1;
}

interface Segment {
  buffer: string;
  transforms: readonly TransformName[];
  matches: MatchSpec[];
  laterRelative: boolean[];
}

interface Run {
  buf: Uint8Array;
  seg: Segment;
  vars: Map<string, number>;
  /** What base64_decode decoded last (the base64_data buffer), shared by the rule's segments. */
  b64: { data?: Uint8Array };
  steps: number;
  text?: string;
}

/** One rule, prepared once per worker for repeated verification. */
export class RuleVerifier {
  private readonly src: V4Ranges;
  private readonly dst: V4Ranges;
  private readonly matches: MatchSpec[];
  /** The keywords per buffer (in rule order within each); laterRelative[i]: a later keyword of the
   * buffer depends on the cursor i leaves (so occurrences matter). */
  private readonly segments: Segment[];
  private readonly regexes = new Map<PcreSpec, RegExp>();
  readonly hasPcre: boolean;
  /** APP_PROTO_* code the rule's header names (`alert http`), if any. */
  private readonly appProto: number | undefined;

  constructor(readonly rule: Rule) {
    this.appProto = rule.appProto === undefined ? undefined : APP_PROTO_CODE[rule.appProto];
    this.src = addrRanges(rule.header.src);
    this.dst = addrRanges(rule.header.dst);
    this.matches = rule.matches;
    const byBuffer = new Map<string, MatchSpec[]>();
    for (const m of this.matches) {
      const l = byBuffer.get(m.buffer);
      if (l) l.push(m);
      else byBuffer.set(m.buffer, [m]);
    }
    this.segments = [...byBuffer].map(([buffer, matches]) => ({
      buffer,
      transforms: rule.transforms?.[buffer] ?? [],
      matches,
      laterRelative: matches.map((_, i) => matches.slice(i + 1).some(isRelative)),
    }));
    for (const m of this.matches) {
      if (m.kind === 'pcre') {
        const flags = m.jsFlags.replace(/[gy]/g, '') + 'g';
        this.regexes.set(m, new RegExp(m.jsSource, flags));
      }
    }
    this.hasPcre = this.regexes.size > 0;
  }

  /** Header: addresses and ports in the rule's direction (either way for `<>`). */
  headerOk(c: Candidate): boolean {
    const h = this.rule.header;
    const fwd =
      addrIn(this.src, c.src, c.ipVersion) &&
      addrIn(this.dst, c.dst, c.ipVersion) &&
      portsIn(h.srcPorts.ranges, h.srcPorts.any || !hasPorts(c), c.srcPort) &&
      portsIn(h.dstPorts.ranges, h.dstPorts.any || !hasPorts(c), c.dstPort);
    if (fwd || h.direction !== '<>') return fwd;
    return (
      addrIn(this.src, c.dst, c.ipVersion) &&
      addrIn(this.dst, c.src, c.ipVersion) &&
      portsIn(h.srcPorts.ranges, h.srcPorts.any || !hasPorts(c), c.dstPort) &&
      portsIn(h.dstPorts.ranges, h.dstPorts.any || !hasPorts(c), c.srcPort)
    );
  }

  flowOk(c: Candidate): boolean {
    const f = this.rule.flow;
    if (!f) return true;
    if (!c.hasFlow) return false;
    const established = c.established;
    if (f.established && !established) return false;
    if (f.notEstablished && established) return false;
    if (f.direction === 'server' && !c.toServer) return false;
    if (f.direction === 'client' && c.toServer) return false;
    if (f.onlyStream && !c.stream) return false;
    if (f.noStream && c.stream) return false;
    return true;
  }

  /** Every check except flowbits and thresholds. */
  verify(c: Candidate): boolean {
    if (!this.headerOk(c)) return false;
    for (const cond of this.rule.conditions) if (!conditionOk(cond, c)) return false;
    if (!this.flowOk(c)) return false;
    // `alert http` with payload keywords only, or none: a packet/stream rule of flows whose
    // app_proto is http (Suricata compares the signature's alproto with the flow's; unknown never
    // matches). A rule without payload keywords is checked on packets only, in Suricata too, and
    // there the app_proto counts once the peer acknowledged the bytes that revealed it (Suricata's
    // IDS-mode app layer runs on acknowledged data). A payload rule keeps the app_proto as parsed:
    // Suricata's raw stream inspection (also on acknowledged data) finds what its packet check
    // missed, while netsift inspects the stream as it arrives and reports such a match as the
    // packet's, so the gate would lose it
    if (this.appProto !== undefined && !c.appBuffer) {
      if (c.appProto !== this.appProto) return false;
      if (c.appProtoUnacked && !c.stream && this.matches.length === 0) return false;
    }
    if (this.matches.length === 0) return true;
    const vars = new Map<string, number>();
    const b64: Run['b64'] = {};
    for (const seg of this.segments) {
      const values =
        seg.buffer === BASE64_BUFFER
          ? b64.data
            ? [b64.data]
            : []
          : PACKET_HEADER_BUFFERS.has(seg.buffer)
            ? packetHeaderBuffer(c, seg.buffer)
            : !c.appBuffer
              ? [c.buf]
              : seg.buffer === PAYLOAD_BUFFER
                ? [appRawPayload(c)]
                : appBufferValues(c, seg.buffer);
      // a multi-value buffer (http.request_header, ...) matches when one of its values does
      if (
        !values.some((v) => this.matchFrom({ buf: this.transformed(seg, v), seg, vars, b64, steps: 0 }, 0, 0))
      )
        return false;
    }
    return true;
  }

  private transformed(seg: Segment, buf: Uint8Array): Uint8Array {
    for (const t of seg.transforms) buf = transform(t, buf);
    return buf;
  }

  private num(v: NumOrVar | undefined, run: Run): number | undefined {
    if (v === undefined) return undefined;
    if (typeof v === 'number') return v;
    return run.vars.get(v.var) ?? 0;
  }

  private matchFrom(run: Run, i: number, cur: number): boolean {
    const m = run.seg.matches[i];
    if (!m) return true;
    if (++run.steps > MAX_STEPS) return false;
    const buf = run.buf;
    switch (m.kind) {
      case 'content':
        return this.content(run, i, m, cur);
      case 'isdataat': {
        const n = this.num(m.offset, run) ?? 0;
        // Suricata: relative, at least n bytes after the cursor; absolute, a byte at offset n
        const has = m.relative ? cur + n <= buf.length : n < buf.length;
        return has !== m.negated && this.matchFrom(run, i + 1, cur);
      }
      case 'asn1':
        // a check on the buffer from an offset: the cursor stays where it was
        return asn1Matches(m, buf, cur) && this.matchFrom(run, i + 1, cur);
      case 'bsize':
      case 'urilen': {
        const ok = matchRange(m.range, buf.length);
        return ok && this.matchFrom(run, i + 1, cur);
      }
      case 'byte_test':
        return this.byteTest(run, m, cur) && this.matchFrom(run, i + 1, cur);
      case 'base64_decode': {
        // Suricata: always a match; the cursor stays; base64_data is what decoded (maybe nothing)
        const from = (m.relative ? cur : 0) + m.offset;
        const end = m.bytes ? Math.min(buf.length, from + m.bytes) : buf.length;
        run.b64.data = from < buf.length ? decodeBase64(buf.subarray(from, end)) : new Uint8Array(0);
        return this.matchFrom(run, i + 1, cur);
      }
      case 'byte_jump': {
        const next = this.byteJump(run, m, cur);
        return next !== undefined && this.matchFrom(run, i + 1, next);
      }
      case 'byte_extract': {
        const next = this.byteExtract(run, m, cur);
        return next !== undefined && this.matchFrom(run, i + 1, next);
      }
      case 'pcre': {
        const re = this.regexes.get(m) as RegExp;
        run.text ??= latin1(buf);
        // relative: the subject starts at the cursor (so ^ anchors there, as pcre_exec on buf + off)
        const start = m.relative ? Math.min(cur, buf.length) : 0;
        re.lastIndex = 0;
        const r = re.exec(start ? run.text.slice(start) : run.text);
        if (m.negated) return !r && this.matchFrom(run, i + 1, cur);
        if (!r) return false;
        return this.matchFrom(run, i + 1, start + r.index + r[0].length);
      }
    }
    return false;
  }

  private content(run: Run, i: number, c: ContentSpec, cur: number): boolean {
    const buf = run.buf;
    const len = buf.length;
    const pat = c.bytes;
    let lo: number;
    let hi = len;
    const relative = c.distance !== undefined || c.within !== undefined;
    if (relative) {
      const distance = this.num(c.distance, run) ?? 0;
      lo = cur + distance;
      if (lo < 0) lo = 0;
      const within = this.num(c.within, run);
      if (within !== undefined) hi = Math.min(hi, cur + distance + within);
      const depth = this.num(c.depth, run);
      if (depth !== undefined) hi = Math.min(hi, cur + depth);
    } else {
      lo = this.num(c.offset, run) ?? 0;
      const depth = this.num(c.depth, run);
      if (depth !== undefined) hi = Math.min(hi, lo + depth);
    }
    if (c.startswith) {
      lo = 0;
      hi = Math.min(hi, pat.length);
    }
    if (c.negated) {
      let found = false;
      for (
        let p = findFrom(buf, pat, c.nocase, lo, hi);
        p >= 0;
        p = findFrom(buf, pat, c.nocase, p + 1, hi)
      ) {
        if (!c.endswith || p + pat.length === len) {
          found = true;
          break;
        }
      }
      return !found && this.matchFrom(run, i + 1, cur);
    }
    const retry = run.seg.laterRelative[i] === true;
    for (let p = findFrom(buf, pat, c.nocase, lo, hi); p >= 0; p = findFrom(buf, pat, c.nocase, p + 1, hi)) {
      if (c.endswith && p + pat.length !== len) continue;
      if (this.matchFrom(run, i + 1, p + pat.length)) return true;
      if (!retry || run.steps > MAX_STEPS) return false;
    }
    return false;
  }

  private byteTest(run: Run, m: ByteTestSpec, cur: number): boolean {
    const at = (m.relative ? cur : 0) + (this.num(m.offset, run) ?? 0);
    const v = readNum(run.buf, at, m.bytes, m.endian, m.string, m.bitmask);
    if (v === undefined) return false;
    const want = this.num(m.value, run) ?? 0;
    let ok: boolean;
    switch (m.operator) {
      case '<':
        ok = v < want;
        break;
      case '>':
        ok = v > want;
        break;
      case '=':
        ok = v === want;
        break;
      case '<=':
        ok = v <= want;
        break;
      case '>=':
        ok = v >= want;
        break;
      case '&':
        ok = Number(BigInt(v) & BigInt(want)) !== 0;
        break;
      case '^':
        ok = Number(BigInt(v) ^ BigInt(want)) !== 0;
        break;
    }
    return ok !== m.negated;
  }

  private byteJump(run: Run, m: ByteJumpSpec, cur: number): number | undefined {
    const at = (m.relative ? cur : 0) + (this.num(m.offset, run) ?? 0);
    let v = readNum(run.buf, at, m.bytes, m.endian, m.string, m.bitmask);
    if (v === undefined) return undefined;
    v *= m.multiplier || 1;
    if (m.align) v = (v + 3) & ~3;
    const base = m.fromBeginning ? 0 : m.fromEnd ? run.buf.length : at + m.bytes;
    const next = base + v + m.postOffset;
    if (next < 0 || next > run.buf.length) return undefined;
    return next;
  }

  private byteExtract(run: Run, m: ByteExtractSpec, cur: number): number | undefined {
    const at = (m.relative ? cur : 0) + m.offset;
    let v = readNum(run.buf, at, m.bytes, m.endian, m.string, m.bitmask);
    if (v === undefined) return undefined;
    v *= m.multiplier || 1;
    if (m.align > 1) v = Math.ceil(v / m.align) * m.align;
    run.vars.set(m.name, v);
    return at + m.bytes;
  }
}

/** A buffer transform, as Suricata's (detect-transform-*.c). */
export function transform(t: TransformName, b: Uint8Array): Uint8Array {
  switch (t) {
    case 'dotprefix': {
      const o = new Uint8Array(b.length + 1);
      o[0] = 0x2e;
      o.set(b, 1);
      return o;
    }
    case 'to_lowercase':
      return b.map(lower);
    case 'strip_whitespace':
      // isspace(): space, \t, \n, \v, \f, \r
      return b.filter((x) => x !== 0x20 && (x < 0x09 || x > 0x0d));
    case 'url_decode': {
      const o: number[] = [];
      for (let i = 0; i < b.length; i++) {
        const x = b[i] as number;
        if (x === 0x2b) o.push(0x20);
        else if (x === 0x25 && i + 2 < b.length && isHex(b[i + 1] as number) && isHex(b[i + 2] as number)) {
          o.push(parseInt(String.fromCharCode(b[i + 1] as number, b[i + 2] as number), 16));
          i += 2;
        } else o.push(x);
      }
      return Uint8Array.from(o);
    }
  }
}

/** RFC 4648 base64 up to the first byte outside the alphabet ('=' included); a partial last quad gives its whole bytes. */
export function decodeBase64(b: Uint8Array): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let n = 0;
  for (const x of b) {
    const v =
      x >= 0x41 && x <= 0x5a
        ? x - 0x41
        : x >= 0x61 && x <= 0x7a
          ? x - 0x61 + 26
          : x >= 0x30 && x <= 0x39
            ? x - 0x30 + 52
            : x === 0x2b
              ? 62
              : x === 0x2f
                ? 63
                : -1;
    if (v < 0) break;
    acc = (acc << 6) | v;
    if (++n === 4) {
      out.push((acc >> 16) & 0xff, (acc >> 8) & 0xff, acc & 0xff);
      acc = 0;
      n = 0;
    }
  }
  if (n === 2) out.push((acc >> 4) & 0xff);
  if (n === 3) out.push((acc >> 10) & 0xff, (acc >> 2) & 0xff);
  return Uint8Array.from(out);
}

function isHex(x: number): boolean {
  return (x >= 0x30 && x <= 0x39) || (x >= 0x41 && x <= 0x46) || (x >= 0x61 && x <= 0x66);
}

function hasPorts(c: Candidate): boolean {
  return c.ipProto === 6 || c.ipProto === 17 || c.ipProto === 132;
}

function latin1(buf: Uint8Array): string {
  let s = '';
  for (let i = 0; i < buf.length; i += 8192) {
    s += String.fromCharCode.apply(null, Array.from(buf.subarray(i, i + 8192)));
  }
  return s;
}
