/**
 * The dispatcher: reads capture input on the main thread, cuts it into chunks of whole records
 * (a framing-only pass of a main-thread engine instance: no decoding here), copies each chunk
 * once into a slot of a SharedArrayBuffer ring, and hands the same slot to every worker. Each
 * worker keeps the packets of its shard. At most `inFlight` chunks are in flight: a file source
 * simply waits. Results come back in chunk order, one packed result per worker.
 */
import { runFiles, runSource, DEFAULT_CHUNK_SIZE } from '../capture/file-runner.js';
import type { ByteSource } from '../capture/byte-source.js';
import * as L from '../wasm/layout.js';
import { EngineInstance } from '../wasm/instance.js';
import type { WorkerPool } from './pool.js';

export interface DispatchOptions {
  inFlight?: number;
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?: (p: { file: string; rawBytes: number; size: number | undefined }) => void;
  onFileDone?: (p: { file: string; rawBytes: number; size: number | undefined }) => void;
}

/** Per chunk: the packed result of every worker, in worker order. */
export type ChunkResults = ArrayBuffer[];

export class Dispatcher {
  private readonly framer = new EngineInstance();
  private readonly slots: SharedArrayBuffer[];
  private readonly free: number[];
  private readonly inFlight: Array<{ slot: number; done: Promise<ChunkResults> }> = [];
  private readonly chunkSize: number;
  private newFile = true;

  constructor(
    private readonly pool: WorkerPool,
    private readonly opts: DispatchOptions = {},
  ) {
    const k = Math.max(1, opts.inFlight ?? 4);
    this.chunkSize = Math.min(opts.chunkSize ?? DEFAULT_CHUNK_SIZE, L.INPUT_CAPACITY / 2);
    // a chunk is at most what one framing pass consumed: the read size plus a carried record
    const slotSize = this.chunkSize + L.INPUT_CAPACITY / 2;
    this.slots = Array.from({ length: k }, () => new SharedArrayBuffer(slotSize));
    this.free = this.slots.map((_, i) => i);
  }

  /** Dispatch files (or one byte source); `onResults` gets every chunk's results in order. */
  async run(
    input: { paths: readonly string[] } | { source: ByteSource },
    onResults: (r: ChunkResults) => void,
  ): Promise<void> {
    const hooks = {
      frameOnly: true,
      chunkSize: this.chunkSize,
      signal: this.opts.signal,
      onProgress: this.opts.onProgress,
      onFramed: (bytes: Uint8Array, len: number, final: boolean) => this.send(bytes, len, final),
      afterChunk: () => this.drain(onResults, false),
      onFileDone: (p: { file: string; rawBytes: number; size: number | undefined }) => {
        this.newFile = true;
        this.opts.onFileDone?.(p);
      },
    };
    let readError: unknown;
    try {
      if ('paths' in input) await runFiles(this.framer, input.paths, hooks);
      else {
        this.newFile = true;
        await runSource(this.framer, input.source, hooks);
      }
    } catch (err) {
      readError = err;
    }
    // settle everything in flight, even after an error, so no worker is left mid-chunk
    const rest = await Promise.allSettled(this.inFlight.map((f) => f.done));
    this.inFlight.length = 0;
    for (const r of rest) if (r.status === 'fulfilled') onResults(r.value);
    const failed = rest.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    // a worker failure explains a read that stopped; report it first
    if (failed) throw failed.reason;
    if (readError) throw readError;
  }

  private send(bytes: Uint8Array, len: number, final: boolean): void {
    const slot = this.free.pop();
    if (slot === undefined) throw new Error('dispatcher: no free slot (drain was skipped)');
    const sab = this.slots[slot]!;
    new Uint8Array(sab, 0, len).set(bytes.subarray(0, len));
    const newFile = this.newFile;
    this.newFile = false;
    const done = this.pool.all({ op: 'chunk', sab, offset: 0, len, newFile, final });
    done.catch(() => {}); // observed in drain/run; avoid an unhandled rejection meanwhile
    this.inFlight.push({ slot, done });
  }

  /** Wait for the oldest chunks until a slot is free (or for all, at the end). */
  private async drain(onResults: (r: ChunkResults) => void, all: boolean): Promise<void> {
    while (this.inFlight.length && (all || this.free.length === 0)) {
      const head = this.inFlight.shift()!;
      const results = await head.done;
      this.free.push(head.slot);
      onResults(results);
    }
  }
}
