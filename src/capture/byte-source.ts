/**
 * Byte sources: a capture file (or standard input) as a pull stream that fills a caller's
 * buffer, so plain files are read straight into WASM memory with no intermediate copy. Gzip is
 * recognised by its magic (1f 8b) and inflated by zlib in large chunks. Memory stays bounded
 * whatever the file size.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { PcapError } from '../errors.js';

export interface ByteSource {
  /** A name for messages: the path, or `-` for standard input. */
  readonly name: string;
  /** Size in bytes when known (plain files), for progress; undefined otherwise. */
  readonly size: number | undefined;
  /** Fill dst[off, off + max) with the next bytes; resolves to the count, 0 at end of input. */
  fill(dst: Uint8Array, off: number, max: number): Promise<number>;
  /** Bytes of the underlying file consumed so far (compressed bytes for gzip). */
  readonly rawBytesRead: number;
  /** How the bytes are framed: FORMAT_BATCH for netsift batch records (live capture); default: detect a file format. */
  readonly format?: number;
  /** Each fill returns whole records that should be processed now (live): send them without waiting for a full chunk. */
  readonly chunked?: boolean;
  /**
   * A regular, uncompressed file: its descriptor, which any thread of this process may read at
   * any offset (the pool's workers read their chunks themselves, with no copy on the main
   * thread). Valid until close(); absent for gzip, pipes, stdin and memory.
   */
  readonly positional?: { fd: number };
  close(): Promise<void>;
}

const GZIP_MAGIC0 = 0x1f;
const GZIP_MAGIC1 = 0x8b;
const STREAM_CHUNK = 1 << 20;

class PlainFileSource implements ByteSource {
  rawBytesRead = 0;
  readonly positional: { fd: number } | undefined;
  constructor(
    readonly name: string,
    private readonly fh: fsp.FileHandle,
    readonly size: number,
    regular: boolean,
  ) {
    this.positional = regular ? { fd: fh.fd } : undefined;
  }
  async fill(dst: Uint8Array, off: number, max: number): Promise<number> {
    const { bytesRead } = await this.fh.read(dst, off, max, null);
    this.rawBytesRead += bytesRead;
    return bytesRead;
  }
  close(): Promise<void> {
    return this.fh.close();
  }
}

/** Pulls from a Node stream (gunzip output, stdin) and copies into the caller's buffer. */
class StreamSource implements ByteSource {
  private pending: Buffer[] = [];
  private pendingOff = 0;
  private ended = false;
  private error: Error | undefined;
  private wake: (() => void) | undefined;
  constructor(
    readonly name: string,
    private readonly stream: Readable,
    private readonly raw: () => number,
    readonly size: number | undefined,
    prefix?: Buffer,
  ) {
    if (prefix && prefix.length) this.pending.push(prefix);
    stream.on('data', (b: Buffer) => {
      this.pending.push(b);
      if (this.pending.length > 8) stream.pause();
      this.wake?.();
    });
    stream.on('end', () => {
      this.ended = true;
      this.wake?.();
    });
    stream.on('error', (e: Error) => {
      this.error = e;
      this.wake?.();
    });
  }
  get rawBytesRead(): number {
    return this.raw();
  }
  async fill(dst: Uint8Array, off: number, max: number): Promise<number> {
    for (;;) {
      if (this.pending.length) break;
      if (this.error) throw ioError(this.name, this.error);
      if (this.ended) return 0;
      this.stream.resume();
      await new Promise<void>((r) => (this.wake = r));
      this.wake = undefined;
    }
    let n = 0;
    while (n < max && this.pending.length) {
      const head = this.pending[0]!;
      const take = Math.min(max - n, head.length - this.pendingOff);
      dst.set(head.subarray(this.pendingOff, this.pendingOff + take), off + n);
      n += take;
      this.pendingOff += take;
      if (this.pendingOff === head.length) {
        this.pending.shift();
        this.pendingOff = 0;
      }
    }
    if (this.pending.length <= 2) this.stream.resume();
    return n;
  }
  async close(): Promise<void> {
    this.stream.destroy();
  }
}

function ioError(name: string, err: Error): PcapError {
  const msg =
    (err as NodeJS.ErrnoException).code === 'Z_DATA_ERROR'
      ? `corrupt gzip data (${err.message})`
      : err.message;
  return new PcapError('ERR_PCAP_IO', name, 0, msg);
}

async function readPrefix(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const onReadable = (): void => {
      const b = stream.read() as Buffer | null;
      if (b !== null) {
        cleanup();
        resolve(b);
      }
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.alloc(0));
    };
    const onError = (e: Error): void => {
      cleanup();
      reject(e);
    };
    const cleanup = (): void => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    stream.on('readable', onReadable);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

/** Open a capture file path, or `-` for standard input; gzip is detected and inflated. */
export async function openByteSource(path: string): Promise<ByteSource> {
  if (path === '-') {
    const stdin = process.stdin;
    const prefix = await readPrefix(stdin);
    let raw = prefix.length;
    stdin.on('data', (b: Buffer) => (raw += b.length));
    if (prefix.length >= 2 && prefix[0] === GZIP_MAGIC0 && prefix[1] === GZIP_MAGIC1) {
      const gunzip = createGunzip({ chunkSize: STREAM_CHUNK });
      gunzip.write(prefix);
      stdin.pipe(gunzip);
      return new StreamSource('-', gunzip, () => raw, undefined);
    }
    return new StreamSource('-', stdin, () => raw, undefined, prefix);
  }
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(path, 'r');
  } catch (err) {
    throw ioError(path, err as Error);
  }
  const st = await fh.stat();
  const size = st.size;
  const magic = Buffer.alloc(2);
  const { bytesRead } = await fh.read(magic, 0, 2, 0);
  if (bytesRead === 2 && magic[0] === GZIP_MAGIC0 && magic[1] === GZIP_MAGIC1) {
    await fh.close();
    const file = createReadStream(path, { highWaterMark: STREAM_CHUNK });
    const gunzip = createGunzip({ chunkSize: STREAM_CHUNK });
    file.on('error', (e) => gunzip.destroy(e));
    file.pipe(gunzip);
    return new StreamSource(path, gunzip, () => file.bytesRead, size);
  }
  return new PlainFileSource(path, fh, size, st.isFile());
}

/** A capture already in memory (tests, fuzzing, `fromBuffers`). */
export function memorySource(name: string, bytes: Uint8Array): ByteSource {
  let off = 0;
  return {
    name,
    size: bytes.length,
    get rawBytesRead() {
      return off;
    },
    async fill(dst: Uint8Array, at: number, max: number): Promise<number> {
      const n = Math.min(max, bytes.length - off);
      dst.set(bytes.subarray(off, off + n), at);
      off += n;
      return n;
    },
    async close(): Promise<void> {},
  };
}

/** A capture arriving as an async iterable of byte chunks (`fromBuffers`): pcap or pcapng bytes. */
export function iterableSource(
  name: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): ByteSource {
  const it: AsyncIterator<Uint8Array> | Iterator<Uint8Array> =
    Symbol.asyncIterator in chunks
      ? chunks[Symbol.asyncIterator]()
      : (chunks as Iterable<Uint8Array>)[Symbol.iterator]();
  let head: Uint8Array | undefined;
  let headOff = 0;
  let raw = 0;
  let ended = false;
  return {
    name,
    size: undefined,
    get rawBytesRead() {
      return raw;
    },
    async fill(dst: Uint8Array, at: number, max: number): Promise<number> {
      while (!head || headOff >= head.length) {
        if (ended) return 0;
        const r = await it.next();
        if (r.done) {
          ended = true;
          return 0;
        }
        head = r.value;
        headOff = 0;
        raw += head.length;
      }
      const n = Math.min(max, head.length - headOff);
      dst.set(head.subarray(headOff, headOff + n), at);
      headOff += n;
      return n;
    },
    async close(): Promise<void> {
      ended = true;
      await it.return?.();
    },
  };
}
