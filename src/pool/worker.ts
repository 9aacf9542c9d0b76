/**
 * The worker side of the pool: one WASM engine instance per worker thread, instantiated once
 * from the Module compiled on the main thread, reused for every chunk. Every worker receives
 * every chunk of the capture stream (a byte range of the file it reads itself, or its own
 * transferred copy) and frames the stream itself, as
 * a single-threaded run would; it runs the whole path on the packets of its shard and answers
 * with one packed result moved back to the main thread. Errors leave as plain
 * `{code, message, details}` (a bad capture is a PcapError naming the file and byte offset).
 */
import { readSync } from 'node:fs';
import { move, workerData } from 'piscina';
import { EngineError, PcapError, type PlainError } from '../errors.js';
import { deliverAnomalies, StreamFeeder } from '../capture/file-runner.js';
import { packPacketBlock } from '../packets/packed.js';
import { EngineInstance } from '../wasm/instance.js';
import * as L from '../wasm/layout.js';
import { WorkerMatch, type WorkerRuleset } from '../alerts/worker-match.js';
import {
  packResult,
  SectionBuilder,
  SECTION_ANOMALIES,
  SECTION_APP,
  SECTION_PACKETS,
  SECTION_COUNTERS,
  SECTION_FLOWS,
  SECTION_RULES_GENERATION,
  type Section,
} from './result.js';
import { WorkerMl, type WorkerMlInit } from '../ml/worker-ml.js';
import { ReadAhead } from './read-ahead.js';
import { packAppBlock } from '../app/records.js';

export interface WorkerInit {
  module: WebAssembly.Module;
  shardIndex: number;
  shardCount: number;
  /** CFG_* index → value (src/wasm/layout.ts). */
  config: Record<number, number>;
  flows: boolean;
  reassemble: boolean;
  /** App-layer stage (HTTP/DNS/TLS parsers, app events; implies reassembly). */
  app?: boolean;
  /** Compiled --bpf program (src/filter), loaded once. */
  filter?: Uint8Array;
  /** Compiled rules (src/rules/compile/ruleset.ts): the blob and the rules, loaded once. */
  ruleset?: WorkerRuleset;
  /** ML: flow features and inline scoring (src/ml/worker-ml.ts). */
  ml?: WorkerMlInit;
  /** Record anomaly events (anomalies$). */
  anomalies?: boolean;
  /** Emit decoded packet records with their bytes (packets$, the slow path). */
  packets?: boolean;
}

export type WorkerTask =
  | {
      op: 'chunk';
      name: string;
      bytes: ArrayBuffer;
      len: number;
      newFile: boolean;
      final: boolean;
      /** L.FORMAT_* of the stream (live capture: FORMAT_BATCH); default: detect. */
      format?: number;
    }
  | {
      /** Read `len` bytes at `offset` of an open regular file (the main thread's descriptor) and process them. */
      op: 'read';
      name: string;
      fd: number;
      offset: number;
      len: number;
      newFile: boolean;
      final: boolean;
      format?: number;
    }
  | { op: 'flush' }
  | { op: 'reload'; ruleset: WorkerRuleset; generation: number };

/** A task as posted to worker: its place in that worker's sequence (src/pool/pool.ts). */
export type PostedTask = WorkerTask & { seq: number };

/** A packed result (moved, zero-copy) or the plain form of the error that stopped the chunk. */
export type WorkerAnswer = ArrayBuffer | PlainError;

const init = workerData as WorkerInit;
let inst: EngineInstance | undefined;
let match: WorkerMatch | undefined;
/** Which rules the alerts of the next results come from (engine.reload bumps it). */
let rulesGeneration = 0;

function generationSection(): Section {
  return { kind: SECTION_RULES_GENERATION, count: rulesGeneration, recordSize: 0, bytes: new Uint8Array(0) };
}
let ml: WorkerMl | undefined;

function engine(): EngineInstance {
  if (inst) return inst;
  // built fully before it is kept: a failed set-up fails every task, never half-configures one
  const e = new EngineInstance(init.module);
  if (Object.keys(init.config).length) e.configure(init.config);
  e.ex.setShard(init.shardIndex, init.shardCount);
  if (init.filter) e.setFilter(init.filter);
  if (init.ruleset) match = new WorkerMatch(e, init.ruleset);
  if (init.ml) ml = new WorkerMl(e, init.ml);
  inst = e;
  return e;
}

function countersSection(e: EngineInstance): Section {
  const c = e.snapshotCounters();
  return { kind: SECTION_COUNTERS, count: c.length, recordSize: 8, bytes: new Uint8Array(c.buffer) };
}

/** App-layer event blocks collected during one task (src/app/records.ts). */
let appBlocks: Uint8Array[] = [];

function collectApp(e: EngineInstance): void {
  if (!init.app) return;
  const { ptr, count, dataPtr, dataLen } = e.appRecordsAt();
  if (count > 0) appBlocks.push(packAppBlock(e.memoryView(), ptr, count, dataPtr, dataLen));
}

function appSection(): Section[] {
  if (!init.app) return [];
  const bytes = concat(appBlocks);
  appBlocks = [];
  return [{ kind: SECTION_APP, count: bytes.length, recordSize: 1, bytes }];
}

/** Anomaly events and packet blocks collected during one task. */
let anomalies = new SectionBuilder(SECTION_ANOMALIES, L.ANOMALY_EVENT_SIZE);
let packetBlocks: Uint8Array[] = [];

function collectAnomalies(r: { mem: Uint8Array; ptr: number; count: number }): void {
  anomalies.add(r.mem, r.ptr, r.count);
}

/** The sections every answer carries after the counters and the generation. */
function eventSections(): Section[] {
  const out: Section[] = [];
  if (init.anomalies) {
    out.push(anomalies.build());
    anomalies = new SectionBuilder(SECTION_ANOMALIES, L.ANOMALY_EVENT_SIZE);
  }
  if (init.packets) {
    const bytes = concat(packetBlocks);
    packetBlocks = [];
    out.push({ kind: SECTION_PACKETS, count: bytes.length, recordSize: 1, bytes });
  }
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((a, b) => a + b.length, 0));
  let o = 0;
  for (const b of parts) {
    bytes.set(b, o);
    o += b.length;
  }
  return bytes;
}

let feeder: StreamFeeder | undefined;
/** Flow records collected by the hooks during one task. */
let flows = new SectionBuilder(SECTION_FLOWS, L.FLOW_RECORD_SIZE);

/** Flow records and (with ML) their feature records, collected together. */
function addFlows(mem: Uint8Array, ptr: number, count: number): void {
  flows.add(mem, ptr, count);
  ml?.add({ ptr, count });
  match?.flowsEnded(mem, ptr, count);
}

type StreamTask = Extract<WorkerTask, { op: 'chunk' | 'read' }>;

async function runChunk(e: EngineInstance, t: StreamTask): Promise<ArrayBuffer> {
  if (t.newFile || !feeder) {
    await readAhead.discard();
    feeder = new StreamFeeder(
      e,
      t.name,
      {
        flows: init.flows,
        reassemble: init.reassemble,
        app: init.app,
        anomalyEvents: init.anomalies,
        onAnomalies: collectAnomalies,
        emitPackets: init.packets,
        onPackets: init.packets
          ? (r) => packetBlocks.push(packPacketBlock(r.mem, r.ptr, r.count, r.chunkPtr))
          : undefined,
        onFlows: (r) => addFlows(r.mem, r.ptr, r.count),
        afterCall: () => {
          match?.afterCall();
          collectApp(e);
        },
      },
      t.format,
    );
  }
  flows = new SectionBuilder(SECTION_FLOWS, L.FLOW_RECORD_SIZE);
  if (t.op === 'chunk') feeder.feed(new Uint8Array(t.bytes, 0, t.len), t.final);
  else await readInto(feeder, t);
  return packResult([
    countersSection(e),
    generationSection(),
    flows.build(),
    ...(match ? [match.section()] : []),
    ...(ml ? [ml.section()] : []),
    ...appSection(),
    ...eventSections(),
  ]);
}

const readAhead = new ReadAhead();

/**
 * Get the task's byte range into the input region (landed there by the read-ahead, else read
 * here), start reading the next range into the other half, then process this one. A short read
 * ends the stream.
 */
async function readInto(f: StreamFeeder, t: Extract<WorkerTask, { op: 'read' }>): Promise<void> {
  if (f.ended) return; // the file ended early at an earlier short read
  const landed = await readAhead.take(t.fd, t.offset, t.len);
  let n: number;
  if (landed) {
    n = landed.n;
    f.adopt(landed.at, n);
  } else {
    n = readRange(t, f.window(t.len));
    f.append(n);
  }
  const final = t.final || n < t.len;
  const next = final ? undefined : f.landing(t.len);
  if (next) readAhead.start(t.fd, t.offset + n, t.len, next);
  f.process(final);
}

function readRange(t: Extract<WorkerTask, { op: 'read' }>, w: Uint8Array): number {
  let n = 0;
  try {
    while (n < t.len) {
      const got = readSync(t.fd, w, n, t.len - n, t.offset + n);
      if (got === 0) break;
      n += got;
    }
  } catch (err) {
    throw new PcapError('ERR_PCAP_IO', t.name, t.offset + n, (err as Error).message);
  }
  return n;
}

async function runFlush(e: EngineInstance): Promise<ArrayBuffer> {
  await readAhead.discard();
  flows = new SectionBuilder(SECTION_FLOWS, L.FLOW_RECORD_SIZE);
  match?.beforeFlush();
  if (init.flows || init.reassemble || init.app) {
    e.flushFlows(
      (mem, ptr, count) => addFlows(mem, ptr, count),
      undefined,
      () => {
        collectApp(e);
        if (init.anomalies) deliverAnomalies(e, collectAnomalies);
      },
    );
  }
  match?.afterCall();
  return packResult([
    countersSection(e),
    generationSection(),
    flows.build(),
    ...(match ? [match.section()] : []),
    ...(ml ? [ml.section()] : []),
    ...appSection(),
    ...eventSections(),
  ]);
}

async function runReload(e: EngineInstance, t: Extract<WorkerTask, { op: 'reload' }>): Promise<ArrayBuffer> {
  await readAhead.discard(); // loading a ruleset may grow WASM memory: no read may be writing into it
  if (match) match.reload(t.ruleset);
  else match = new WorkerMatch(e, t.ruleset);
  rulesGeneration = t.generation;
  return packResult([countersSection(e), generationSection()]);
}

/** The sequence number the next task must carry. */
let expectedSeq = 0;
/** The last task's answer: a task starts after it (a read may wait for its read-ahead). */
let previous: Promise<unknown> = Promise.resolve();

/**
 * Tasks run one after another in sequence order. Several may be waiting on the port (see
 * src/pool/pool.ts), and piscina starts the next while this one waits for a read: each task
 * starts only after the one before it has answered.
 */
export default function handle(task: PostedTask): Promise<WorkerAnswer> {
  if (task.seq !== expectedSeq) {
    // never seen; if it were, the stream would be framed out of order: fail loudly
    return Promise.resolve(bug(new Error(`task ${task.seq} arrived when task ${expectedSeq} was due`)));
  }
  expectedSeq++;
  const answer = previous.then(() => run(task));
  previous = answer;
  return answer;
}

async function run(task: PostedTask): Promise<WorkerAnswer> {
  try {
    const e = engine();
    const result =
      task.op === 'chunk' || task.op === 'read'
        ? await runChunk(e, task)
        : task.op === 'flush'
          ? await runFlush(e)
          : await runReload(e, task);
    return move(result) as ArrayBuffer;
  } catch (err) {
    if (err instanceof EngineError) return err.toPlain();
    return bug(err);
  }
}

function bug(err: unknown): PlainError {
  return {
    code: 'ERR_ENGINE_BUG',
    message: `worker ${init.shardIndex}: ${(err as Error).stack ?? String(err)}`,
    details: {},
  };
}
