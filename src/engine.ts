/**
 * The spine and the public engine API:
 *   source → dispatcher (framing only, shared chunks) → worker pool (WASM, one shard each)
 *          → packed results → records → RxJS subjects → outputs
 *
 * `createEngine(options)` starts the pool once; `run(source)` streams one capture through it
 * and resolves with the final stats; the observables (`flows$`, `stats$`, `alerts$`) emit as
 * results arrive and complete on `close()`. Records become objects only here, on the way out.
 */
import type { Worker } from 'node:worker_threads';
import { Subject, type Observable } from 'rxjs';
import { iterableSource, type ByteSource } from './capture/byte-source.js';
import { ConfigError, EngineError } from './errors.js';
import { readFlowIds, readFlowRecords, compareFlows, type FlowRecord } from './flows/record.js';
import { AlertAppJoin } from './alerts/app-join.js';
import { Dispatcher } from './pool/dispatcher.js';
import { WorkerPool, defaultWorkerCount } from './pool/pool.js';
import {
  SECTION_ALERTS,
  SECTION_ANOMALIES,
  SECTION_APP,
  SECTION_COUNTERS,
  SECTION_PACKETS,
  SECTION_FLOWS,
  SECTION_RULES_GENERATION,
  unpackResult,
} from './pool/result.js';
import { compareAlerts, readAlertRecords, type Alert } from './alerts/record.js';
import {
  resolveEngineRules,
  type EngineRules,
  type EngineVars,
  type RulesReport,
} from './rules/engine-rules.js';
import type { Rule } from './rules/types.js';
import { mergeStats, statsFromCounters, type EngineStats } from './stats/engine-stats.js';
import * as L from './wasm/layout.js';
import { MlCollector, type EngineMlOptions, type MlScore } from './ml/engine-ml.js';
import { compareAppEvents, readAppBlocks, type AppEvent } from './app/records.js';
import { compareAnomalyEvents, readAnomalyEvents, type AnomalyEvent } from './anomalies/events.js';
import type { DecodedPacket } from './packets/packet.js';
import { readPacketBlocks } from './packets/packed.js';

/** Flow-table settings; timeouts in seconds (Suricata's defaults). */
export interface FlowConfig {
  maxFlows: number;
  tcpNewTimeoutS: number;
  tcpEstablishedTimeoutS: number;
  tcpClosedTimeoutS: number;
  udpNewTimeoutS: number;
  udpEstablishedTimeoutS: number;
  icmpNewTimeoutS: number;
  icmpEstablishedTimeoutS: number;
  /** Reassembly depth per direction in bytes (0 = unlimited). */
  reassemblyDepth: number;
  /** 1 (default): app layer on TCP flows picked up mid-stream; 0: none, as Suricata's stream.midstream=false. */
  midstream: number;
  /**
   * Suricata's tls encryption-handling: 0 (default, "track-only") stops payload inspection of a
   * TLS flow once application data flows (header rules and tls.* buffers still apply); 2 ("full")
   * inspects the encrypted bytes like any others. 1 ("bypass") acts as 0.
   */
  tlsEncryption: number;
}

const FLOW_CFG_INDEX: Record<keyof FlowConfig, number> = {
  maxFlows: L.CFG_FLOW_MAX,
  tcpNewTimeoutS: L.CFG_TCP_NEW_S,
  tcpEstablishedTimeoutS: L.CFG_TCP_EST_S,
  tcpClosedTimeoutS: L.CFG_TCP_CLOSED_S,
  udpNewTimeoutS: L.CFG_UDP_NEW_S,
  udpEstablishedTimeoutS: L.CFG_UDP_EST_S,
  icmpNewTimeoutS: L.CFG_ICMP_NEW_S,
  icmpEstablishedTimeoutS: L.CFG_ICMP_EST_S,
  reassemblyDepth: L.CFG_REASM_DEPTH,
  midstream: L.CFG_MIDSTREAM,
  tlsEncryption: L.CFG_TLS_ENCRYPTION,
};

export interface EngineOptions {
  /** Worker threads (default: the number of cores). */
  workers?: number;
  /**
   * App layer (HTTP, DNS, TLS detection and parsing; implies reassembly): enables appEvents$
   * (default: on with `rules`, as Suricata always parses the app layer; else off).
   */
  app?: boolean;
  /** Track flows and emit flow records (default true). */
  flows?: boolean;
  /** Reassemble TCP streams (default false until a stage consumes them). */
  reassemble?: boolean;
  /** A compiled --bpf program (`compileFilter` in src/filter): only matching packets are processed. */
  filter?: Uint8Array;
  /**
   * Rules: enables alerts$ (and reassembly). Rule files (`{ files: [...] }`), rule text
   * (`{ text }`), or a ruleset compiled beforehand (`compileRuleset` in src/rules/compile/).
   * What does not load is listed in `engine.rulesReport`, never fatal.
   */
  rules?: EngineRules;
  /** Rule variables for `rules` given as files or text: `{ HOME_NET: '[10.0.0.0/8]' }` over Suricata's defaults. */
  vars?: EngineVars;
  /** ML: compute flow features and score every finished flow with a model, in WASM (ml$). */
  ml?: EngineMlOptions;
  flowConfig?: Partial<FlowConfig>;
  /** Chunks in flight between the reader and the workers (default 4). */
  inFlight?: number;
  /** Bytes read per chunk (default 4 MiB). */
  chunkSize?: number;
  /** Emit flows sorted by their first packet at the end of each run (deterministic order for any worker count). */
  ordered?: boolean;
  /** Minimum interval between two stats$ emissions during a run (ms, default 1000). */
  statsIntervalMs?: number;
  /** A worker that does not answer a chunk within this time fails the run (ms, default 60000). */
  taskTimeoutMs?: number;
  /** Record which packet raised which anomaly, for anomalies$ (default true; costs nothing on clean traffic). */
  anomalies?: boolean;
  /** Decoded packets on packets$: the slow path (every packet becomes an object), off by default. */
  packets?: boolean;
}

/** Where packets come from. */
export type Source =
  { kind: 'files'; paths: readonly string[] } | { kind: 'bytes'; name: string; open: () => ByteSource };

/** A live capture (src/capture/live.ts): `engine.run(fromLive(capture.source))`. */
export { fromLive } from './capture/live-source.js';

export function fromFile(paths: string | readonly string[]): Source {
  return { kind: 'files', paths: typeof paths === 'string' ? [paths] : paths };
}

/** A capture (pcap or pcapng bytes) arriving in chunks, e.g. from a socket or an HTTP upload. */
export function fromBuffers(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  name = 'buffers',
): Source {
  return { kind: 'bytes', name, open: () => iterableSource(name, chunks) };
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: { file: string; rawBytes: number; size: number | undefined }) => void;
}

export interface Engine {
  /** Flow records as flows end (timeout, eviction, end of input). */
  readonly flows$: Observable<FlowRecord>;
  /** Merged stats of all workers: during a run (throttled) and once at its end. */
  readonly stats$: Observable<EngineStats>;
  /** Alerts of the rules given in `rules` (with `ordered`: sorted by packet number at the end of each run). */
  readonly alerts$: Observable<Alert>;
  /** With `ml`: every finished flow's features and model score (src/ml/engine-ml.ts). */
  readonly ml$: Observable<MlScore>;
  /** App-layer events (one per HTTP transaction, DNS message, TLS handshake) when `app` is on. */
  readonly appEvents$: Observable<AppEvent>;
  /** Each anomaly a packet raised (malformed header, reassembly gap, ...), in packet order. */
  readonly anomalies$: Observable<AnomalyEvent>;
  /** With `packets: true`: every decoded packet (`.summary()`, layers, bytes), in packet order. */
  readonly packets$: Observable<DecodedPacket>;
  readonly workers: number;
  /** With `rules`: how many loaded, and which failed or were skipped (file, line, reason). */
  readonly rulesReport: RulesReport | undefined;
  run(source: Source, opts?: RunOptions): Promise<EngineStats>;
  /**
   * Swap the rule set, also during a run: every worker switches between the same two chunks,
   * flows, streams and flowbits carry over, alerts after the switch come from the new rules.
   * The engine must have been created with `rules` (that turns on what the rules need).
   */
  reload(rules: EngineRules): Promise<void>;
  close(): Promise<void>;
  /** The worker threads, one per shard (diagnostics; tests use it to kill one). */
  workerThreads(): readonly Worker[];
}

class EngineImpl implements Engine {
  private readonly flowsSubject = new Subject<FlowRecord>();
  private readonly statsSubject = new Subject<EngineStats>();
  readonly flows$ = this.flowsSubject.asObservable();
  readonly stats$ = this.statsSubject.asObservable();
  private readonly alertsSubject = new Subject<Alert>();
  readonly alerts$ = this.alertsSubject.asObservable();
  private readonly ml: MlCollector;
  readonly ml$: Observable<MlScore>;
  private readonly appSubject = new Subject<AppEvent>();
  readonly appEvents$ = this.appSubject.asObservable();
  private readonly anomaliesSubject = new Subject<AnomalyEvent>();
  readonly anomalies$ = this.anomaliesSubject.asObservable();
  private readonly packetsSubject = new Subject<DecodedPacket>();
  readonly packets$ = this.packetsSubject.asObservable();
  readonly workers: number;
  readonly rulesReport: RulesReport | undefined;
  private readonly pool: WorkerPool;
  private running = false;
  private closed = false;
  /** Latest counters of each worker (absolute). */
  private readonly counters: BigUint64Array[];

  constructor(private readonly opts: EngineOptions) {
    this.workers = Math.max(1, Math.floor(opts.workers ?? defaultWorkerCount()));
    this.ml = new MlCollector(opts.ml);
    this.ml$ = this.ml.rows$;
    if (!Number.isFinite(this.workers) || this.workers > 256) {
      throw new ConfigError(`workers must be between 1 and 256, got ${opts.workers}`);
    }
    const config: Record<number, number> = {};
    for (const [k, v] of Object.entries(opts.flowConfig ?? {})) {
      const idx = FLOW_CFG_INDEX[k as keyof FlowConfig];
      if (idx === undefined) throw new ConfigError(`unknown flow setting "${k}"`);
      if (!Number.isInteger(v) || v < 0)
        throw new ConfigError(`flow setting ${k} must be a whole number >= 0, got ${v}`);
      config[idx] = v;
    }
    const rules = opts.rules && resolveEngineRules(opts.rules, opts.vars);
    this.rulesReport = rules?.report;
    this.pool = new WorkerPool({
      workers: this.workers,
      config,
      flows: opts.flows ?? true,
      reassemble: opts.reassemble ?? rules !== undefined,
      // with rules the app layer always runs, as in Suricata: app_proto is known to every rule,
      // and TLS application data is not payload-inspected (flowConfig.tlsEncryption)
      app: opts.app ?? rules !== undefined,
      filter: opts.filter,
      ruleset: rules && { blob: rules.compiled.blob, rules: rules.compiled.rules },
      ml: MlCollector.workerInit(opts.ml),
      anomalies: opts.anomalies ?? true,
      packets: opts.packets ?? false,
      taskTimeoutMs: opts.taskTimeoutMs,
    });
    this.counters = Array.from({ length: this.workers }, () => new BigUint64Array(L.COUNTERS_TOTAL));
    this.rulesByGeneration.set(0, rules?.compiled.rules ?? []);
  }

  private stats(): EngineStats {
    return mergeStats(this.counters.map((c) => statsFromCounters(c)));
  }

  async run(source: Source, ro: RunOptions = {}): Promise<EngineStats> {
    if (this.closed) throw new EngineError('ERR_CONFIG_INVALID', 'engine is closed');
    if (this.running) throw new EngineError('ERR_CONFIG_INVALID', 'engine is already running a source');
    this.running = true;
    const ordered = this.opts.ordered ?? false;
    const held: FlowRecord[] = [];
    const heldAlerts: Alert[] = [];
    const heldApp: AppEvent[] = [];
    // alerts wait for their app-layer transaction (app-join.ts) when the app layer runs
    const join = this.opts.rules && this.opts.app !== false ? new AlertAppJoin() : undefined;
    const interval = this.opts.statsIntervalMs ?? 1000;
    let lastStats = Date.now();
    const absorb = (results: ArrayBuffer[]): void => {
      const flows: FlowRecord[] = [];
      const alerts: Alert[] = [];
      const apps: AppEvent[] = [];
      const anomalies: AnomalyEvent[] = [];
      const packets: DecodedPacket[] = [];
      // records become objects only for streams someone listens to (the observables are hot)
      const wantFlows = this.flowsSubject.observed || this.opts.ml !== undefined;
      const wantAlerts = this.alertsSubject.observed;
      const wantApps = this.appSubject.observed || (wantAlerts && join !== undefined);
      const ended: bigint[] = [];
      const wantAnomalies = this.anomaliesSubject.observed;
      results.forEach((buf, w) => {
        const sections = unpackResult(buf);
        const gen = sections.find((s) => s.kind === SECTION_RULES_GENERATION)?.count ?? 0;
        const ruleList = this.rulesByGeneration.get(gen) ?? [];
        for (const s of sections) {
          if (s.kind === SECTION_COUNTERS) {
            this.counters[w] = new BigUint64Array(s.bytes.slice().buffer);
          } else if (s.kind === SECTION_FLOWS && s.count && wantFlows) {
            flows.push(...readFlowRecords(s.bytes, 0, s.count));
            if (wantAlerts && join) ended.push(...readFlowIds(s.bytes, 0, s.count));
          } else if (s.kind === SECTION_FLOWS && s.count && wantAlerts && join) {
            ended.push(...readFlowIds(s.bytes, 0, s.count));
          } else if (s.kind === SECTION_ALERTS && s.count && wantAlerts) {
            alerts.push(...readAlertRecords(s.bytes, s.count, ruleList));
          } else if (s.kind === MlCollector.SECTION && s.count) {
            this.ml.absorb(s, flows);
          } else if (s.kind === SECTION_APP && s.count && wantApps) {
            apps.push(...readAppBlocks(s.bytes));
          } else if (s.kind === SECTION_ANOMALIES && s.count && wantAnomalies) {
            anomalies.push(...readAnomalyEvents(s.bytes, 0, s.count));
          } else if (s.kind === SECTION_PACKETS && s.count) {
            packets.push(...readPacketBlocks(s.bytes));
          }
        }
      });
      // every worker answers for the same chunk: sorted per chunk, these are in packet order
      packets.sort((a, b) => a.number - b.number);
      for (const p of packets) this.packetsSubject.next(p);
      anomalies.sort(compareAnomalyEvents);
      for (const a of anomalies) this.anomaliesSubject.next(a);
      alerts.sort(compareAlerts);
      apps.sort(compareAppEvents);
      // the join releases alerts held from earlier chunks too: sort what it hands back
      const ready = join && wantAlerts ? join.batch(alerts, apps, ended).sort(compareAlerts) : alerts;
      if (ordered) heldAlerts.push(...ready);
      else for (const a of ready) this.alertsSubject.next(a);
      if (ordered) heldApp.push(...apps);
      else for (const a of apps) this.appSubject.next(a);
      flows.sort(compareFlows);
      if (ordered) held.push(...flows);
      else for (const f of flows) this.flowsSubject.next(f);
      this.ml.afterBatch(ordered);
      if (Date.now() - lastStats >= interval) {
        lastStats = Date.now();
        this.statsSubject.next(this.stats());
      }
    };
    try {
      const dispatcher = new Dispatcher(this.pool, {
        inFlight: this.opts.inFlight,
        chunkSize: this.opts.chunkSize,
        signal: ro.signal,
        onProgress: ro.onProgress,
      });
      if (source.kind === 'files') await dispatcher.run({ paths: source.paths }, absorb);
      else await dispatcher.run({ source: source.open() }, absorb);
      absorb(await this.pool.all({ op: 'flush' }));
      const rest = join?.flush() ?? [];
      rest.sort(compareAlerts);
      if (ordered) heldAlerts.push(...rest);
      else for (const a of rest) this.alertsSubject.next(a);
      if (ordered) {
        heldAlerts.sort(compareAlerts);
        for (const a of heldAlerts) this.alertsSubject.next(a);
        heldApp.sort(compareAppEvents);
        for (const a of heldApp) this.appSubject.next(a);
        held.sort(compareFlows);
        for (const f of held) this.flowsSubject.next(f);
        this.ml.endRun();
      }
      const final = this.stats();
      this.statsSubject.next(final);
      return final;
    } finally {
      this.running = false;
    }
  }

  private rulesGeneration = 0;
  private readonly rulesByGeneration = new Map<number, readonly Rule[]>();

  async reload(next: EngineRules): Promise<void> {
    if (this.closed) throw new EngineError('ERR_CONFIG_INVALID', 'engine is closed');
    if (!this.opts.rules) {
      throw new ConfigError(
        'reload: create the engine with `rules` to reload them (that enables reassembly and matching)',
      );
    }
    const rules = resolveEngineRules(next, this.opts.vars).compiled;
    const generation = ++this.rulesGeneration;
    this.rulesByGeneration.set(generation, rules.rules);
    // submitted to every worker in one synchronous loop, so all switch between the same chunks
    await this.pool.all({ op: 'reload', ruleset: { blob: rules.blob, rules: rules.rules }, generation });
  }

  workerThreads(): readonly Worker[] {
    return this.pool.threads;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.close();
    this.flowsSubject.complete();
    this.alertsSubject.complete();
    this.ml.complete();
    this.appSubject.complete();
    this.anomaliesSubject.complete();
    this.packetsSubject.complete();
    this.statsSubject.complete();
  }
}

export function createEngine(options: EngineOptions = {}): Engine {
  return new EngineImpl(options);
}
