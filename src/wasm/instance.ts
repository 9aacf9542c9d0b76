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

  process(len: number, flags: number): number {
    try {
      return this.ex.processChunk(len, flags);
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

  /** Byte offset of the packet record region in memory, and how many records the last call wrote. */
  packetRecordsAt(): { ptr: number; count: number } {
    return { ptr: this.ex.packetRegion(), count: this.ex.packetRecords() };
  }
}
