/**
 * The dispatcher: cuts capture input into large chunks and gets every chunk to every worker.
 * Each worker frames the stream itself — all see the same bytes in the same order, so all frame
 * it identically and number packets identically — and keeps the packets of its shard. The main
 * thread does no per-packet work at all. A regular file is not even read here: each worker reads
 * the chunk's byte range itself through the descriptor the main thread opened (threads share it),
 * the next range ahead while it processes this one (src/pool/read-ahead.ts); other sources (gzip,
 * pipes, stdin, live, memory) are read here and every worker gets its own transferred copy. At
 * most `inFlight` chunks are in flight: a file source simply waits. Results come back in chunk
 * order, one packed result per worker.
 */
import { openByteSource, type ByteSource } from '../capture/byte-source.js';
import { DEFAULT_CHUNK_SIZE } from '../capture/file-runner.js';
import * as L from '../wasm/layout.js';
import type { WorkerPool } from './pool.js';

export interface DispatchOptions {
  inFlight?: number;
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?: (p: { file: string; rawBytes: number; size: number | undefined }) => void;
}

/** Per chunk: the packed result of every worker, in worker order. */
export type ChunkResults = ArrayBuffer[];

export class Dispatcher {
  private readonly inFlight: Promise<ChunkResults>[] = [];
  private readonly limit: number;
  private readonly chunkSize: number;

  constructor(
    private readonly pool: WorkerPool,
    private readonly opts: DispatchOptions = {},
  ) {
    this.limit = Math.max(1, opts.inFlight ?? 4);
    // a worker appends a chunk after its carried partial record: both must fit its input region
    this.chunkSize = Math.min(opts.chunkSize ?? DEFAULT_CHUNK_SIZE, L.INPUT_CAPACITY / 2);
  }

  /** Dispatch files (or one byte source); `onResults` gets every chunk's results in order. */
  async run(
    input: { paths: readonly string[] } | { source: ByteSource },
    onResults: (r: ChunkResults) => void,
  ): Promise<void> {
    let readError: unknown;
    try {
      if ('paths' in input) {
        for (const path of input.paths) {
          const src = await openByteSource(path);
          try {
            if (!(await this.stream(src, onResults))) break;
          } finally {
            await src.close();
          }
        }
      } else {
        await this.stream(input.source, onResults);
      }
    } catch (err) {
      readError = err;
    }
    // settle everything in flight, even after an error, so no worker is left mid-chunk
    const rest = await Promise.allSettled(this.inFlight.splice(0));
    for (const r of rest) if (r.status === 'fulfilled') onResults(r.value);
    const failed = rest.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    // a worker failure (bad capture, dead worker) explains a read that stopped: report it first
    if (failed) throw failed.reason;
    if (readError) throw readError;
  }

  /** Stream one source to every worker. False when the run was aborted. */
  private async stream(src: ByteSource, onResults: (r: ChunkResults) => void): Promise<boolean> {
    if (src.positional && src.size !== undefined)
      return this.streamPositional(src, src.positional.fd, onResults);
    let newFile = true;
    for (;;) {
      if (this.opts.signal?.aborted) return false;
      const buf = new Uint8Array(this.chunkSize);
      let n = 0;
      let eof = false;
      while (n < buf.length) {
        const got = await src.fill(buf, n, buf.length - n);
        if (got === 0) {
          eof = true;
          break;
        }
        n += got;
        if (src.chunked) break; // live: a batch goes out as soon as it is full
      }
      this.send(src.name, buf, n, newFile, eof, src.format);
      newFile = false;
      this.opts.onProgress?.({ file: src.name, rawBytes: src.rawBytesRead, size: src.size });
      while (this.inFlight.length >= this.limit) onResults(await this.inFlight.shift()!);
      if (eof) return true;
    }
  }

  /**
   * A regular file: send byte ranges; each worker reads its range through `fd`. The size is the
   * one seen at open (a file that shrinks meanwhile ends at the short read, in every worker
   * alike). Everything in flight settles before returning: the caller closes `fd` next.
   */
  private async streamPositional(
    src: ByteSource,
    fd: number,
    onResults: (r: ChunkResults) => void,
  ): Promise<boolean> {
    const size = src.size ?? 0;
    let offset = 0;
    let aborted = false;
    do {
      if (this.opts.signal?.aborted) {
        aborted = true;
        break;
      }
      const len = Math.min(this.chunkSize, size - offset);
      const final = offset + len >= size;
      this.track(
        this.pool.all({
          op: 'read',
          name: src.name,
          fd,
          offset,
          len,
          newFile: offset === 0,
          final,
          format: src.format,
        }),
      );
      offset += len;
      this.opts.onProgress?.({ file: src.name, rawBytes: offset, size });
      while (this.inFlight.length >= this.limit) onResults(await this.inFlight.shift()!);
    } while (offset < size);
    while (this.inFlight.length) onResults(await this.inFlight.shift()!);
    return !aborted;
  }

  private track(done: Promise<ChunkResults>): void {
    done.catch(() => {}); // observed when drained; avoid an unhandled rejection meanwhile
    this.inFlight.push(done);
  }

  private send(
    name: string,
    buf: Uint8Array,
    len: number,
    newFile: boolean,
    final: boolean,
    format?: number,
  ): void {
    const n = this.pool.size;
    const copies = Array.from({ length: n }, (_, i) => (i === n - 1 ? buf : buf.slice(0, len)));
    const done = Promise.all(
      copies.map((c, i) =>
        this.pool.run(i, { op: 'chunk', name, bytes: c.buffer as ArrayBuffer, len, newFile, final, format }, [
          c.buffer as ArrayBuffer,
        ]),
      ),
    );
    this.track(done);
  }
}
