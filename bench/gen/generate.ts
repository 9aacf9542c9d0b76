/**
 * The generator loop: keep a few dozen conversations open at once (HTTP, TLS, DNS over UDP and
 * TCP, pings, traceroutes, refused connections), pick one at random for each next packet so
 * flows interleave as on a real link, advance the clock by a random gap, and build the frame in
 * place in the pcap writer's buffer. Memory is bounded by the open conversations, whatever the
 * capture size. Same seed → byte-identical capture; a larger size extends the same prefix.
 */
import { writeFileSync } from 'node:fs';
import { AttackLog, type AttackEntry, type AttackPlan } from './attacks.js';
import { GenContext } from './context.js';
import { dnsTcpSession, dnsUdpSession } from './dns.js';
import { buildFrame, MAX_FRAME_LEN, PROTO_TCP, type PacketSpec } from './frame.js';
import { httpSession } from './http.js';
import { pingSession, tracerouteSession } from './icmp.js';
import { fileSink, MemorySink, PcapWriter } from './pcap-writer.js';
import { TcpConv } from './tcp-session.js';
import { tlsSession } from './tls.js';
import { planScenarios, type TimedSpec } from './scenarios/index.js';
import { formatLabelRow, LABELS_HEADER } from '../../src/ml/labels.js';

/** Bump when the output for a given seed changes (bench caches fixtures by this). */
export const GEN_VERSION = 2;
export const MANIFEST_SCHEMA = 'netsift-gen/v1';

/** Conversations open at once. */
const ACTIVE_SESSIONS = 24;
/** Mean gap between packets, µs (≈ 70k packets/s, a busy uplink). */
const MEAN_GAP_US = 14;
/** Attack rate: one session in ATTACK_EVERY_EARLY for the first EARLY_SESSIONS, then rarer. */
const EARLY_SESSIONS = 600;
const ATTACK_EVERY_EARLY = 8;
const ATTACK_EVERY = 400;

export interface GenerateOptions {
  seed: number;
  /** Stop once the file reaches this many bytes (the last packet may cross it). */
  size?: number;
  /** Stop after this many packets. */
  packets?: number;
  /** No planted attacks. */
  clean?: boolean;
  /** Write the capture here (streamed); without it the capture is returned in memory. */
  out?: string;
  /** Write the manifest JSON here. */
  manifest?: string;
  /** Labelled attack scenarios to mix in (bench/gen/scenarios), e.g. SCENARIO_NAMES. */
  scenarios?: readonly string[];
  /** Write the scenarios' labels.csv here (src/ml/labels.ts format). */
  labels?: string;
  /** Time span of the capture in seconds (scenario mode: default 120): benign gaps stretch to fill it. */
  spanS?: number;
  /** Scenario mode: multiplier on every scenario's flow count (default 1). */
  scenarioScale?: number;
}

export interface Manifest {
  schema: string;
  generatorVersion: number;
  seed: number;
  clean: boolean;
  packets: number;
  bytes: number;
  firstTsUs: number;
  lastTsUs: number;
  attacks: AttackEntry[];
}

export interface GenerateResult {
  manifest: Manifest;
  /** The capture, when no `out` path was given. */
  pcap?: Uint8Array;
}

type SessionFn = (ctx: GenContext, attacks: AttackLog | null, plan: AttackPlan | null) => PacketSpec[];

function refusedSession(ctx: GenContext): PacketSpec[] {
  const rng = ctx.rng;
  const flow = ctx.flow(ctx.client(), ctx.server(), PROTO_TCP, rng.pick([22, 23, 25, 445, 3389, 8443, 5900]));
  return new TcpConv(flow, rng).refused().specs;
}

/** Session kinds and their relative weights (by count; bytes are mostly HTTP and TLS). */
const SESSIONS: readonly [SessionFn, number][] = [
  [httpSession, 30],
  [tlsSession, 22],
  [dnsUdpSession, 34],
  [dnsTcpSession, 2],
  [pingSession, 5],
  [tracerouteSession, 1],
  [refusedSession, 6],
];
const WEIGHTS = SESSIONS.map(([, w]) => w);

export function generateCapture(opts: GenerateOptions): GenerateResult {
  if (opts.size === undefined && opts.packets === undefined)
    throw new Error('generateCapture: give size or packets');
  const ctx = new GenContext(opts.seed);
  const rng = ctx.rng;
  const attacks = opts.clean ? null : new AttackLog();
  const mem = opts.out ? null : new MemorySink();
  const w = new PcapWriter(mem ?? fileSink(opts.out!));
  const maxBytes = opts.size ?? Infinity;
  const maxPackets = opts.packets ?? Infinity;
  const firstTsUs = ctx.nowUs;
  let sessions = 0;
  // scenario mode (issue 8): timed attack packets merged into the benign stream by time
  const scen = opts.scenarios?.length
    ? planScenarios(ctx, opts.scenarios, firstTsUs, (opts.spanS ?? 120) * 1e6, opts.scenarioScale ?? 1)
    : undefined;
  const meanGapUs =
    scen || opts.spanS !== undefined
      ? ((opts.spanS ?? 120) * 1e6) / (opts.packets ?? (opts.size ?? 0) / 700)
      : MEAN_GAP_US;
  let si = 0;
  const writeTimed = (t: TimedSpec): void => {
    const off = w.reserve(MAX_FRAME_LEN);
    w.commit(buildFrame(w.buf, off, t.spec, t.tsUs), t.tsUs);
  };

  const nextSession = (): PacketSpec[] => {
    for (;;) {
      const n = sessions++;
      const every = n < EARLY_SESSIONS ? ATTACK_EVERY_EARLY : ATTACK_EVERY;
      if (attacks && n % every === every - 1) {
        const plan = attacks.nextPlan();
        const specs =
          plan.def.transport === 'udp' ? dnsUdpSession(ctx, attacks, plan) : httpSession(ctx, attacks, plan);
        return specs;
      }
      const specs = SESSIONS[rng.weighted(WEIGHTS)]![0](ctx, null, null);
      if (specs.length > 0) return specs;
    }
  };

  const active: { specs: PacketSpec[]; i: number }[] = [];
  while (w.bytes < maxBytes && w.packets < maxPackets) {
    while (active.length < ACTIVE_SESSIONS) active.push({ specs: nextSession(), i: 0 });
    const k = rng.int(active.length);
    const s = active[k]!;
    const spec = s.specs[s.i++]!;
    ctx.nowUs += 1 + Math.floor(rng.exp(meanGapUs));
    while (scen && si < scen.packets.length && scen.packets[si]!.tsUs <= ctx.nowUs)
      writeTimed(scen.packets[si++]!);
    const off = w.reserve(MAX_FRAME_LEN);
    w.commit(buildFrame(w.buf, off, spec, ctx.nowUs), ctx.nowUs);
    spec.mark?.onEmit(w.packets);
    if (s.i === s.specs.length) {
      const last = active.pop()!;
      if (k < active.length) active[k] = last;
    }
  }
  while (scen && si < scen.packets.length) writeTimed(scen.packets[si++]!);
  w.close();
  if (scen && opts.labels) {
    writeFileSync(opts.labels, [LABELS_HEADER, ...scen.labels.map(formatLabelRow)].join('\n') + '\n');
  }

  const manifest: Manifest = {
    schema: MANIFEST_SCHEMA,
    generatorVersion: GEN_VERSION,
    seed: opts.seed,
    clean: !!opts.clean,
    packets: w.packets,
    bytes: w.bytes,
    firstTsUs,
    lastTsUs: Math.max(ctx.nowUs, scen?.packets[scen.packets.length - 1]?.tsUs ?? 0),
    attacks: attacks ? attacks.complete() : [],
  };
  if (opts.manifest) writeFileSync(opts.manifest, JSON.stringify(manifest, null, 1) + '\n');
  return mem ? { manifest, pcap: mem.bytes() } : { manifest };
}
