/**
 * Live batches as a ByteSource the engine's dispatcher pulls from (FORMAT_BATCH, one batch per
 * fill). Capture pushes; the dispatcher pulls only while fewer than its in-flight limit of chunks
 * are with the workers. When the workers fall behind, batches queue here up to `maxQueued`; a
 * batch beyond that is dropped whole and counted (engine drops): capture never blocks, and the
 * kernel ring never fills because netsift stopped reading.
 */
import type { Source } from '../engine.js';
import * as L from '../wasm/layout.js';
import type { ByteSource } from './byte-source.js';

export interface EngineDrops {
  batches: number;
  packets: number;
  bytes: number;
}

export class LiveSource implements ByteSource {
  readonly size = undefined;
  readonly format = L.FORMAT_BATCH;
  readonly chunked = true;
  rawBytesRead = 0;
  readonly drops: EngineDrops = { batches: 0, packets: 0, bytes: 0 };
  /** Packets handed to the engine (queued, not dropped). */
  packetsQueued = 0;
  private readonly queue: Uint8Array[] = [];
  private headOff = 0;
  private ended = false;
  private wake: (() => void) | undefined;

  constructor(
    readonly name: string,
    readonly maxQueued = 16,
  ) {}

  /** Queue a batch for the engine; false (and counted) when the queue is full. */
  push(bytes: Uint8Array, packets: number): boolean {
    if (this.ended) return false;
    if (this.queue.length >= this.maxQueued) {
      this.drops.batches++;
      this.drops.packets += packets;
      this.drops.bytes += bytes.length;
      return false;
    }
    this.queue.push(bytes);
    this.packetsQueued += packets;
    this.wakeUp();
    return true;
  }

  /** No more batches: the engine finishes what is queued, then the run ends. */
  end(): void {
    this.ended = true;
    this.wakeUp();
  }

  get queued(): number {
    return this.queue.length;
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  async fill(dst: Uint8Array, off: number, max: number): Promise<number> {
    while (this.queue.length === 0) {
      if (this.ended) return 0;
      await new Promise<void>((r) => (this.wake = r));
    }
    const head = this.queue[0]!;
    const n = Math.min(max, head.length - this.headOff);
    dst.set(head.subarray(this.headOff, this.headOff + n), off);
    this.headOff += n;
    this.rawBytesRead += n;
    if (this.headOff >= head.length) {
      this.queue.shift();
      this.headOff = 0;
    }
    return n;
  }

  async close(): Promise<void> {
    this.end();
  }
}

/** A live capture as an engine source: `engine.run(fromLive(capture.source))`. */
export function fromLive(source: LiveSource): Source {
  return { kind: 'bytes', name: source.name, open: () => source };
}
