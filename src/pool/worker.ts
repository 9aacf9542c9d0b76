/**
 * The worker side of the pool: one WASM engine instance per worker thread, instantiated once
 * from the Module compiled on the main thread, reused for every chunk. A chunk arrives as a
 * window of a SharedArrayBuffer that every worker sees; the worker copies it into its input
 * region, runs the whole path on the packets of its shard, and answers with one packed result
 * moved back to the main thread. Errors leave as plain `{code, message, details}`.
 */
import { move, workerData } from 'piscina';
import { EngineError, EngineBugError, type PlainError } from '../errors.js';
import { EngineInstance } from '../wasm/instance.js';
import * as L from '../wasm/layout.js';
import { packResult, SectionBuilder, SECTION_COUNTERS, SECTION_FLOWS, type Section } from './result.js';

export interface WorkerInit {
  module: WebAssembly.Module;
  shardIndex: number;
  shardCount: number;
  /** CFG_* index → value (src/wasm/layout.ts). */
  config: Record<number, number>;
  flows: boolean;
  reassemble: boolean;
}

export type WorkerTask =
  | { op: 'chunk'; sab: SharedArrayBuffer; offset: number; len: number; newFile: boolean; final: boolean }
  | { op: 'flush' };

/** A packed result (moved, zero-copy) or the plain form of the error that stopped the chunk. */
export type WorkerAnswer = ArrayBuffer | PlainError;

const init = workerData as WorkerInit;
let inst: EngineInstance | undefined;

function engine(): EngineInstance {
  if (inst) return inst;
  inst = new EngineInstance(init.module);
  if (Object.keys(init.config).length) inst.configure(init.config);
  inst.ex.setShard(init.shardIndex, init.shardCount);
  return inst;
}

function countersSection(e: EngineInstance): Section {
  const c = e.snapshotCounters();
  return { kind: SECTION_COUNTERS, count: c.length, recordSize: 8, bytes: new Uint8Array(c.buffer) };
}

function runChunk(e: EngineInstance, t: Extract<WorkerTask, { op: 'chunk' }>): ArrayBuffer {
  if (t.newFile) e.beginFile(L.FORMAT_DETECT);
  const flows = new SectionBuilder(SECTION_FLOWS, L.FLOW_RECORD_SIZE);
  const flags =
    (init.flows ? L.FLAG_FLOWS : 0) |
    (init.reassemble ? L.FLAG_REASSEMBLE : 0) |
    (t.final ? L.FLAG_FINAL : 0);
  e.inputView().set(new Uint8Array(t.sab, t.offset, t.len));
  let len = t.len;
  for (;;) {
    const status = e.process(len, flags);
    const consumed = e.ex.consumedBytes();
    const fr = e.flowRecordsAt();
    flows.add(e.memoryView(), fr.ptr, fr.count);
    if (status === L.STATUS_OUTPUT_FULL) {
      e.inputView().copyWithin(0, consumed, len);
      len -= consumed;
      continue;
    }
    if (status !== L.STATUS_OK) {
      throw new EngineBugError(
        `worker ${init.shardIndex}: status ${status} on a chunk the dispatcher framed`,
      );
    }
    if (consumed !== len) {
      throw new EngineBugError(
        `worker ${init.shardIndex}: framed ${consumed} of ${len} bytes the dispatcher framed whole`,
      );
    }
    break;
  }
  return packResult([countersSection(e), flows.build()]);
}

function runFlush(e: EngineInstance): ArrayBuffer {
  const flows = new SectionBuilder(SECTION_FLOWS, L.FLOW_RECORD_SIZE);
  if (init.flows || init.reassemble) e.flushFlows((mem, ptr, count) => flows.add(mem, ptr, count));
  return packResult([countersSection(e), flows.build()]);
}

export default function handle(task: WorkerTask): WorkerAnswer {
  try {
    const e = engine();
    const result = task.op === 'chunk' ? runChunk(e, task) : runFlush(e);
    return move(result) as ArrayBuffer;
  } catch (err) {
    if (err instanceof EngineError) return err.toPlain();
    return {
      code: 'ERR_ENGINE_BUG',
      message: `worker ${init.shardIndex}: ${(err as Error).stack ?? String(err)}`,
      details: {},
    };
  }
}
