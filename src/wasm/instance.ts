/**
 * One engine instance and its views over WASM memory. This is the only code that touches
 * `memory.buffer`: views are rebuilt whenever the buffer object changes (growth detaches
 * them). Everything else receives counters, record views or copies from here.
 */
import { EngineBugError } from '../errors.js';
import * as L from './layout.js';
import { instantiateEngine, type EngineExports } from './module.js';

export class EngineInstance {
  readonly ex: EngineExports;
  private buffer: ArrayBuffer | undefined;
  private u8!: Uint8Array;
  private counters!: BigUint64Array;
  readonly inputPtr: number;

  constructor(module?: WebAssembly.Module) {
    this.ex = instantiateEngine(module);
    this.inputPtr = this.ex.inputRegion();
    this.refresh();
  }

  private refresh(): void {
    const buf = this.ex.memory.buffer;
    if (buf === this.buffer) return;
    this.buffer = buf as ArrayBuffer;
    this.u8 = new Uint8Array(buf);
    this.counters = new BigUint64Array(buf, this.ex.countersRegion(), L.COUNTERS_TOTAL);
  }

  /** The input region as a view: sources read or copy bytes straight into it. */
  inputView(): Uint8Array {
    this.refresh();
    return this.u8.subarray(this.inputPtr, this.inputPtr + L.INPUT_CAPACITY);
  }

  /** Whole-memory byte view (record readers index into it). */
  memoryView(): Uint8Array {
    this.refresh();
    return this.u8;
  }

  beginFile(format: number = L.FORMAT_DETECT): void {
    this.ex.beginFile(format);
  }

  /** Process `len` bytes at offset `at` of the input region: a STATUS_* code. */
  process(at: number, len: number, flags: number): number {
    try {
      return this.ex.processChunk(at, len, flags);
    } catch (err) {
      if (err instanceof EngineBugError) throw err;
      throw new EngineBugError(`engine trapped: ${(err as Error).message}`);
    } finally {
      this.refresh();
    }
  }

  counter(index: number): bigint {
    this.refresh();
    return this.counters[index] ?? 0n;
  }

  /** A copy of all counters (for stats events that outlive the next chunk). */
  snapshotCounters(): BigUint64Array {
    this.refresh();
    return this.counters.slice();
  }

  resetStats(): void {
    this.ex.resetStats();
  }

  get packetNumber(): bigint {
    return this.ex.lastPacketNumber();
  }

  set packetNumber(n: bigint) {
    this.ex.setLastPacketNumber(n);
  }

  /**
   * Write engine config words (CFG_* index → value; others keep their defaults) and apply them:
   * carves the flow table and reassembly pool. Call before the first chunk.
   */
  configure(values: Readonly<Record<number, number>>): void {
    this.refresh();
    const cfg = new Uint32Array(this.ex.memory.buffer, this.ex.configRegion(), L.CFG_WORDS);
    for (const [k, v] of Object.entries(values)) cfg[Number(k)] = v >>> 0;
    this.ex.applyConfig();
    this.refresh();
  }

  /** Flow-end records written by the last processChunk / flushFlows call. */
  flowRecordsAt(): { ptr: number; count: number } {
    return { ptr: this.ex.flowRegion(), count: this.ex.flowRecords() };
  }

  /** App-layer event records (FLAG_APP) of the last processChunk / flushFlows call, and their side bytes. */
  appRecordsAt(): { ptr: number; count: number; dataPtr: number; dataLen: number } {
    return {
      ptr: this.ex.appRegion(),
      count: this.ex.appRecords(),
      dataPtr: this.ex.appDataRegion(),
      dataLen: this.ex.appDataBytes(),
    };
  }

  /** Stream chunk records (FLAG_EMIT_STREAMS) of the last processChunk / flushFlows call, and their bytes. */
  streamRecordsAt(): { ptr: number; count: number; dataPtr: number } {
    return {
      ptr: this.ex.streamRegion(),
      count: this.ex.streamRecords(),
      dataPtr: this.ex.streamDataRegion(),
    };
  }

  /**
   * End all remaining flows (end of input), calling `onRecords` for every batch of flow records
   * and `onStreams` (when given) for the stream chunks their queues flush.
   */
  flushFlows(
    onRecords: (mem: Uint8Array, ptr: number, count: number) => void,
    onStreams?: (mem: Uint8Array, ptr: number, count: number, dataPtr: number) => void,
    afterEach?: () => void,
  ): void {
    for (;;) {
      const status = this.ex.flushFlows();
      afterEach?.();
      const s = this.streamRecordsAt();
      if (onStreams && s.count > 0) onStreams(this.memoryView(), s.ptr, s.count, s.dataPtr);
      const { ptr, count } = this.flowRecordsAt();
      if (count > 0) onRecords(this.memoryView(), ptr, count);
      if (status === L.STATUS_OK) return;
    }
  }

  /**
   * Load a compiled --bpf program (src/filter/compile.ts), or none: every record passes. A
   * program the engine rejects is a compiler bug.
   */
  setFilter(program: Uint8Array | undefined): void {
    const len = program?.length ?? 0;
    if (len > L.FILTER_CAPACITY) {
      throw new EngineBugError(
        `filter program of ${len} bytes exceeds FILTER_CAPACITY (${L.FILTER_CAPACITY})`,
      );
    }
    if (program) this.memoryView().set(program, this.ex.filterRegion());
    const status = this.ex.loadFilter(len);
    if (status !== 0) throw new EngineBugError(`engine rejected the filter program (status ${status})`);
  }

  /** Byte offset of the packet record region in memory, and how many records the last call wrote. */
  /** Anomaly event records (FLAG_ANOMALY_EVENTS) of the last processChunk / flushFlows call. */
  anomalyEventsAt(): { ptr: number; count: number } {
    return { ptr: this.ex.anomalyEventRegion(), count: this.ex.anomalyEvents() };
  }

  packetRecordsAt(): { ptr: number; count: number } {
    return { ptr: this.ex.packetRegion(), count: this.ex.packetRecords() };
  }
}
