/**
 * The worker's half of the match stage: loads the ruleset blob into its engine instance, and
 * after every engine call turns the alert candidates the WASM matcher wrote into alert records:
 * full verification (verify.ts; skipped for a candidate flagged CAND_F_VERIFIED, whose rule's WASM
 * verify program was its whole verification), then flowbits, then threshold / detection_filter,
 * then noalert. Candidates a WASM program rejected never get here.
 *
 * Order within a packet: candidates of one packet are sorted so that rules setting flowbits run
 * before rules checking them, then by rule index (Suricata orders signatures by flowbits
 * dependencies likewise), and a rule alerts at most once per packet (a stream match and a packet
 * match of the same rule on the same packet are one alert). A plain rule (neither tcp-pkt nor
 * tcp-stream) counts a stream match only when it spans data of an earlier segment: a match inside
 * one segment is the packet match, already reported with that packet. A rule inspecting packet and
 * stream (an anchored payload content: src/rules/compile/inspection.ts) is the exception: its
 * stream match is Suricata's separate, later inspection of that data and alerts besides its
 * packet match.
 *
 * Actions (Suricata's action-order, default pass, drop, reject, alert; detect-engine-alert.c
 * PacketAlertFinalize): a packet's candidates run in action order, then flowbits order, then rule
 * order. A matching `pass` rule (after its threshold and suppressions) ends the packet's alerts: it
 * raises none itself and the rules after it raise none either, though their flowbits still apply
 * (Suricata runs every rule and sets flowbits during detection, then trims the alert queue). When
 * the pass rule's match is a stream or app-layer match, or the rule is IP-only (no keyword besides
 * the header, both port lists `any`), the pass applies to the whole flow (RuleActionToFlow: no
 * packet of the flow is inspected any more); a plain packet match passes only its packet.
 *
 * State per worker: flowbits and passed flows by flow id (a flow lives in one worker), thresholds by track key.
 * by_flow and by_rule-per-flow tracking is exact; by_src / by_dst / by_both / by_rule count only
 * the events this worker sees (flows of one host can span workers), so with several workers a
 * host-tracked threshold counts per worker: run with one worker for exact host thresholds.
 */
import type { Rule } from '../rules/types.js';
import * as A from './layout.js';
import { RuleVerifier, type Candidate } from './verify.js';
import { FlowintStore } from './flowint.js';
import { XbitsStore } from './xbits.js';
import { addrKey, formatAddr } from './record.js';
import type { SuppressedRule } from './threshold-config.js';
import { addressContains } from '../rules/values/address.js';
import { appBufferId } from '../rules/compile/ruleset.js';
import { inspectsPacketAndStream, inspectsStreamOnly } from '../rules/compile/inspection.js';

/** A stream match of a plain rule counts only when it reaches into earlier segments. */
const STREAM_PLAIN = 0;
/** A stream-only rule (tcp-stream, only_stream): every stream match counts. */
const STREAM_ONLY = 1;
/** A packet-and-stream rule: every stream match counts, as an alert besides the packet's. */
const STREAM_BESIDE_PACKET = 2;

export interface MatchMemory {
  /** Whole-memory view (rebuilt by the caller when memory grows). */
  mem: Uint8Array;
}

interface ThresholdState {
  start: bigint;
  count: number;
  /** detection_filter unique_on: the distinct ports of the window. */
  ports?: Set<number>;
}

/** Suricata's default action-order (suricata.yaml `action-order`): pass, drop, reject, alert. */
const ACTION_RANK: Record<Rule['action'], number> = {
  pass: 0,
  drop: 1,
  reject: 2,
  rejectsrc: 2,
  rejectdst: 2,
  rejectboth: 2,
  alert: 3,
};

/** What the candidates of one packet have decided so far. */
interface PacketState {
  /** Rules that alerted on this packet (alertKey). */
  alerted: Set<number>;
  /** A pass rule matched: no more alerts for this packet. */
  passed: boolean;
}

const FLOWBITS_SET = 0;
const FLOWBITS_NONE = 1;
const FLOWBITS_CHECK = 2;

export class Matcher {
  private readonly verifiers: RuleVerifier[];
  private readonly order: Int32Array;
  private flowbits = new Map<bigint, Set<string>>();
  /** Flows a pass rule passed: none of their packets is inspected any more. */
  private passedFlows = new Set<bigint>();
  /** Bits per host and host pair (xbits). */
  private xbits = new XbitsStore();
  /** Integers per flow (flowint). */
  private flowint = new FlowintStore();
  /** Per rule: a pass rule whose match passes the whole flow whatever the buffer (IP-only). */
  private readonly passesFlow: Uint8Array;
  /**
   * Per rule, what a stream match of it is (inspection.ts): STREAM_PLAIN, STREAM_ONLY or
   * STREAM_BESIDE_PACKET.
   */
  private readonly streamKind: Uint8Array;
  private readonly thresholds = new Map<string, ThresholdState>();
  private readonly out: Uint8Array[] = [];
  private outCount = 0;
  /** Candidates seen / verified in full by WASM / verified true / alerts (diagnostics). */
  readonly counts = { candidates: 0, wasmVerified: 0, verified: 0, alerts: 0 };

  constructor(readonly rules: readonly Rule[]) {
    this.verifiers = rules.map((r) => new RuleVerifier(r));
    // action order first, then flowbits order (Suricata's signature ordering)
    this.order = new Int32Array(rules.map((r) => ACTION_RANK[r.action] * 4 + flowbitsRank(r)));
    this.passesFlow = Uint8Array.from(rules, (r) => (r.action === 'pass' && ipOnly(r) ? 1 : 0));
    this.streamKind = Uint8Array.from(rules, (r) =>
      inspectsPacketAndStream(r) ? STREAM_BESIDE_PACKET : inspectsStreamOnly(r) ? STREAM_ONLY : STREAM_PLAIN,
    );
  }

  /** Take over the flow state (flowbits, passed flows) of the matcher this one replaces (a rule reload). */
  adoptFlowbits(old: Matcher): void {
    this.flowbits = old.flowbits;
    this.passedFlows = old.passedFlows;
    this.xbits = old.xbits;
    this.flowint = old.flowint;
  }

  /**
   * Verify the `count` candidates at `ptr` in `mem`; alert records accumulate until take().
   */
  process(mem: Uint8Array, ptr: number, count: number): void {
    if (count === 0) return;
    const dv = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
    // group per packet (candidates are written in packet order)
    let i = 0;
    while (i < count) {
      const base = ptr + i * A.CAND_RECORD_SIZE;
      const pkt = dv.getBigUint64(base + A.CAND_PKT_NUM_OFF, true);
      let j = i + 1;
      while (j < count && dv.getBigUint64(ptr + j * A.CAND_RECORD_SIZE + A.CAND_PKT_NUM_OFF, true) === pkt)
        j++;
      const idx: number[] = [];
      for (let k = i; k < j; k++) idx.push(k);
      if (idx.length > 1) {
        idx.sort((a, b) => {
          const ra = dv.getUint32(ptr + a * A.CAND_RECORD_SIZE + A.CAND_RULE_OFF, true);
          const rb = dv.getUint32(ptr + b * A.CAND_RECORD_SIZE + A.CAND_RULE_OFF, true);
          return (this.order[ra] as number) - (this.order[rb] as number) || ra - rb || a - b;
        });
      }
      const flowId = dv.getBigUint64(base + A.CAND_FLOW_ID_OFF, true);
      const hasFlow = (dv.getUint32(base + A.CAND_FLAGS_OFF, true) & A.CAND_F_HAS_FLOW) !== 0;
      if (!hasFlow || !this.passedFlows.has(flowId)) {
        const state: PacketState = { alerted: new Set(), passed: false };
        for (const k of idx) this.one(mem, dv, ptr + k * A.CAND_RECORD_SIZE, state);
      }
      i = j;
    }
  }

  private one(mem: Uint8Array, dv: DataView, p: number, state: PacketState): void {
    this.counts.candidates++;
    const rule = dv.getUint32(p + A.CAND_RULE_OFF, true);
    const v = this.verifiers[rule];
    if (!v) return;
    const flags = dv.getUint32(p + A.CAND_FLAGS_OFF, true);
    const stream = (flags & A.CAND_F_STREAM) !== 0;
    const app = (flags & A.CAND_F_APP) !== 0;
    const kind = stream && !app ? this.streamKind[rule] : STREAM_PLAIN;
    // a packet-and-stream rule's stream alert is kept apart from its packet alert
    const alertKey = kind === STREAM_BESIDE_PACKET ? -1 - rule : rule;
    if (state.alerted.has(alertKey)) return;
    const r = v.rule;
    if (stream && !app && kind === STREAM_PLAIN) {
      // plain rule: a stream match counts only when it reaches into earlier segments
      const end = dv.getUint32(p + A.CAND_MATCH_END_OFF, true);
      const patLen = dv.getUint32(p + A.CAND_PAT_LEN_OFF, true);
      const chunkStart = dv.getUint32(p + A.CAND_CHUNK_START_OFF, true);
      if (end - patLen >= chunkStart) return;
    }
    const toServer = (flags & A.CAND_F_TO_SERVER) !== 0;
    const pktToServer = (flags & A.CAND_F_PKT_TO_SERVER) !== 0;
    const swap = stream && toServer !== pktToServer;
    const bufPtr = dv.getUint32(p + A.CAND_BUF_PTR_OFF, true);
    const bufLen = dv.getUint32(p + A.CAND_BUF_LEN_OFF, true);
    const pktPtr = dv.getUint32(p + A.CAND_PKT_PTR_OFF, true);
    const srcA = mem.subarray(p + A.CAND_SRC_ADDR_OFF, p + A.CAND_SRC_ADDR_OFF + 16);
    const dstA = mem.subarray(p + A.CAND_DST_ADDR_OFF, p + A.CAND_DST_ADDR_OFF + 16);
    const sp = dv.getUint16(p + A.CAND_SRC_PORT_OFF, true);
    const dp = dv.getUint16(p + A.CAND_DST_PORT_OFF, true);
    const c: Candidate = {
      buf: mem.subarray(bufPtr, bufPtr + bufLen),
      stream,
      toServer,
      hasFlow: (flags & A.CAND_F_HAS_FLOW) !== 0,
      seenBoth: (flags & A.CAND_F_SEEN_BOTH) !== 0,
      established: (flags & A.CAND_F_ESTABLISHED) !== 0,
      tcpState: mem[p + A.CAND_TCP_STATE_OFF] as number,
      ipVersion: mem[p + A.CAND_IP_VERSION_OFF] as number,
      ipProto: mem[p + A.CAND_IP_PROTO_OFF] as number,
      tcpFlags: mem[p + A.CAND_TCP_FLAGS_OFF] as number,
      src: swap ? dstA : srcA,
      dst: swap ? srcA : dstA,
      srcPort: swap ? dp : sp,
      dstPort: swap ? sp : dp,
      pkt: mem.subarray(pktPtr, Math.min(mem.length, pktPtr + 65600)),
      ipOff: dv.getUint32(p + A.CAND_IP_OFF, true),
      l4Off: dv.getUint32(p + A.CAND_L4_OFF, true),
      payloadLen: stream ? 0 : bufLen,
    };
    c.appProto = flags >>> A.CAND_APP_PROTO_SHIFT;
    if ((flags & A.CAND_F_APP_PROTO_UNACKED) !== 0) c.appProtoUnacked = true;
    if (app) {
      c.appBuffer = snapshotBuffers(mem, dv, bufPtr);
      c.pktToServer = pktToServer;
      c.tsNs = dv.getBigUint64(p + A.CAND_TS_NS_OFF, true);
    }
    // the rule's WASM verify program was its whole verification (assembly/verify/program.ts)
    if ((flags & A.CAND_F_VERIFIED) !== 0) this.counts.wasmVerified++;
    else if (!v.verify(c)) return;
    const flowId = dv.getBigUint64(p + A.CAND_FLOW_ID_OFF, true);
    const tsNs = dv.getBigUint64(p + A.CAND_TS_NS_OFF, true);
    if (r.xbits && !this.xbits.checksHold(r, c, tsNs)) return;
    // flowint needs a flow: without one its comparisons fail and its changes have nowhere to go
    if (r.flowint && (!c.hasFlow || !this.flowint.checksHold(r, flowId))) return;
    if (!this.flowbitsOk(r, c.hasFlow, flowId)) return;
    if (r.xbits) this.xbits.apply(r, c, tsNs);
    if (r.flowint) this.flowint.apply(r, flowId);
    this.counts.verified++;
    // after a pass: flowbits above still apply, thresholds and alerts do not
    if (state.passed) return;
    if (suppressed(r, c)) return;
    if (!this.thresholdOk(r, rule, c, flowId, tsNs)) return;
    if (r.action === 'pass') {
      state.passed = true;
      if (c.hasFlow && (stream || this.passesFlow[rule] === 1)) this.passedFlows.add(flowId);
      return;
    }
    if (r.noalert || r.flowbits.some((f) => f.op === 'noalert')) return;
    state.alerted.add(alertKey);
    this.counts.alerts++;
    const rec = new Uint8Array(A.ALERT_RECORD_SIZE);
    const o = new DataView(rec.buffer);
    o.setBigUint64(A.ALERT_PKT_NUM_OFF, dv.getBigUint64(p + A.CAND_PKT_NUM_OFF, true), true);
    o.setBigUint64(A.ALERT_TS_NS_OFF, tsNs, true);
    o.setBigUint64(A.ALERT_FLOW_ID_OFF, flowId, true);
    o.setUint32(A.ALERT_RULE_OFF, rule, true);
    o.setUint32(
      A.ALERT_FLAGS_OFF,
      (stream ? A.ALERT_F_STREAM : 0) |
        (toServer ? A.ALERT_F_TO_SERVER : 0) |
        (c.hasFlow ? A.ALERT_F_HAS_FLOW : 0),
      true,
    );
    rec.set(c.src, A.ALERT_SRC_ADDR_OFF);
    rec.set(c.dst, A.ALERT_DST_ADDR_OFF);
    o.setUint16(A.ALERT_SRC_PORT_OFF, c.srcPort, true);
    o.setUint16(A.ALERT_DST_PORT_OFF, c.dstPort, true);
    rec[A.ALERT_PROTO_OFF] = c.ipProto;
    rec[A.ALERT_IP_VERSION_OFF] = c.ipVersion;
    rec[A.ALERT_APP_PROTO_OFF] = c.appProto ?? 0;
    this.out.push(rec);
    this.outCount++;
  }

  /** Check flowbits conditions, then apply the rule's flowbits actions (only when it matched). */
  private flowbitsOk(r: Rule, hasFlow: boolean, flowId: bigint): boolean {
    if (r.flowbits.length === 0) return true;
    const bits = hasFlow ? this.flowbits.get(flowId) : undefined;
    for (const f of r.flowbits) {
      if (f.op === 'isset') {
        const ok =
          f.combine === 'any' ? f.names.some((n) => bits?.has(n)) : f.names.every((n) => bits?.has(n));
        if (!ok) return false;
      } else if (f.op === 'isnotset') {
        const ok =
          f.combine === 'any' ? f.names.some((n) => !bits?.has(n)) : f.names.every((n) => !bits?.has(n));
        if (!ok) return false;
      }
    }
    if (!hasFlow) return true;
    let set = bits;
    for (const f of r.flowbits) {
      if (f.op === 'set' || f.op === 'setx' || f.op === 'unset' || f.op === 'toggle' || f.op === 'reset') {
        if (!set) {
          set = new Set();
          this.flowbits.set(flowId, set);
        }
        if (f.op === 'reset') set.clear();
        for (const n of f.names) {
          if (f.op === 'set' || f.op === 'setx') set.add(n);
          else if (f.op === 'unset') set.delete(n);
          else if (f.op === 'toggle') {
            if (set.has(n)) set.delete(n);
            else set.add(n);
          }
        }
      }
    }
    return true;
  }

  private thresholdOk(r: Rule, ruleIdx: number, c: Candidate, flowId: bigint, tsNs: bigint): boolean {
    const th = r.threshold;
    const df = r.detectionFilter;
    if (!th && !df) return true;
    const spec = th ?? df;
    if (!spec) return true;
    const key = `${ruleIdx}|${trackKey(spec.track, c, flowId)}`;
    const windowNs = BigInt(spec.seconds) * 1_000_000_000n;
    let s = this.thresholds.get(key);
    if (!s || tsNs - s.start >= windowNs) {
      s = { start: tsNs, count: 0 };
      this.thresholds.set(key, s);
    }
    s.count++;
    if (df && !th && df.uniqueOn) {
      // Suricata 8 unique_on: the distinct ports of the window are what must exceed count
      s.ports ??= new Set();
      s.ports.add(df.uniqueOn === 'src_port' ? c.srcPort : c.dstPort);
      return s.ports.size > df.count;
    }
    if (df && !th) return s.count > df.count;
    if (!th) return true;
    switch (th.type) {
      case 'limit':
        return s.count <= th.count;
      case 'threshold':
        if (s.count >= th.count) {
          s.count = 0;
          return true;
        }
        return false;
      case 'both':
        return s.count === th.count;
    }
    return true;
  }

  /** Alert records accumulated since the last take (packed, ALERT_RECORD_SIZE each). */
  take(): { count: number; bytes: Uint8Array } {
    const bytes = new Uint8Array(this.outCount * A.ALERT_RECORD_SIZE);
    let o = 0;
    for (const r of this.out) {
      bytes.set(r, o);
      o += r.length;
    }
    const count = this.outCount;
    this.out.length = 0;
    this.outCount = 0;
    return { count, bytes };
  }

  /** Forget a flow's state (flow ended). */
  endFlow(flowId: bigint): void {
    this.flowbits.delete(flowId);
    this.passedFlows.delete(flowId);
    this.flowint.endFlow(flowId);
  }

  /** Flows with flowbits, flowint or pass state held (diagnostics, tests). */
  get flowsTracked(): number {
    return new Set([...this.flowbits.keys(), ...this.passedFlows, ...this.flowint.flowIds()]).size;
  }
}

/** threshold.config suppressions with addresses (threshold-config.ts). */
/**
 * The buffers of an app-layer candidate's snapshot (assembly/match/app.ts): APP_BUFFER_COUNT
 * (offset, length) u32 pairs from `snap`, then the bytes; bit 31 of the length: filled (an
 * empty buffer can be filled: `User-Agent:` with no value).
 */
function snapshotBuffers(
  mem: Uint8Array,
  dv: DataView,
  snap: number,
): (name: string) => Uint8Array | undefined {
  return (name) => {
    const id = appBufferId(name);
    if (id === undefined) return undefined;
    const off = dv.getUint32(snap + id * 8, true);
    const word = dv.getUint32(snap + id * 8 + 4, true);
    const len = word & 0x7fffffff;
    return word >>> 31 === 0 ? undefined : mem.subarray(snap + off, snap + off + len);
  };
}

function suppressed(r: Rule, c: Candidate): boolean {
  const list = (r as SuppressedRule).suppress;
  if (!list) return false;
  const src = formatAddr(c.src, c.ipVersion);
  const dst = formatAddr(c.dst, c.ipVersion);
  for (const s of list) {
    if ((s.track === 'by_src' || s.track === 'by_either') && addressContains(s.addr, src)) return true;
    if ((s.track === 'by_dst' || s.track === 'by_either') && addressContains(s.addr, dst)) return true;
  }
  return false;
}

/** Suricata's IP-only rule (SignatureIsIPOnly): header only, any ports, no app-layer protocol. */
function ipOnly(r: Rule): boolean {
  return (
    r.matches.length === 0 &&
    r.conditions.length === 0 &&
    r.flow === undefined &&
    r.appProto === undefined &&
    r.header.srcPorts.any &&
    r.header.dstPorts.any &&
    r.flowbits.every((f) => f.op !== 'isset' && f.op !== 'isnotset') &&
    (r.xbits ?? []).every((x) => x.op !== 'isset' && x.op !== 'isnotset') &&
    r.flowint === undefined
  );
}

/** Rules setting flowbits, xbits or flowints run before rules checking them (Suricata's sigorder). */
function flowbitsRank(r: Rule): number {
  const xbits = r.xbits ?? [];
  const ints = r.flowint ?? [];
  const intSets = ints.some((f) => f.op === '=' || f.op === '+' || f.op === '-');
  const sets =
    r.flowbits.some((f) => f.op === 'set' || f.op === 'setx' || f.op === 'unset' || f.op === 'toggle') ||
    xbits.some((x) => x.op !== 'isset' && x.op !== 'isnotset') ||
    intSets;
  const checks =
    r.flowbits.some((f) => f.op === 'isset' || f.op === 'isnotset') ||
    xbits.some((x) => x.op === 'isset' || x.op === 'isnotset') ||
    ints.some((f) => f.op !== '=' && f.op !== '+' && f.op !== '-');
  if (sets && !checks) return FLOWBITS_SET;
  if (checks && !sets) return FLOWBITS_CHECK;
  return FLOWBITS_NONE;
}

function trackKey(track: string, c: Candidate, flowId: bigint): string {
  switch (track) {
    case 'by_src':
      return addrKey(c.src);
    case 'by_dst':
      return addrKey(c.dst);
    case 'by_both':
      return addrKey(c.src) + addrKey(c.dst);
    case 'by_flow':
      return String(flowId);
    default:
      return '';
  }
}
