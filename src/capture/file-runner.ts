/**
 * Drive capture files through one engine instance: read each file in large chunks straight into
 * the input region, call processChunk once per chunk, carry the partial record at the end of a
 * chunk into the next, and turn framing failures into PcapErrors that name the file and the
 * byte offset. Several files form one run: packet numbers continue from file to file.
 */
import { PcapError, type PcapErrorCode } from '../errors.js';
import * as L from '../wasm/layout.js';
import type { EngineInstance } from '../wasm/instance.js';
import { openByteSource, type ByteSource } from './byte-source.js';

/** Bytes read per chunk: large enough to amortise the call, small enough to stay cache-friendly. */
export const DEFAULT_CHUNK_SIZE = 4 << 20;

export interface RunHooks {
  /** Emit packet records (slow path) and receive them after each processChunk call. */
  emitPackets?: boolean;
  /** Called with the records of one processChunk call; the packet bytes are valid only during the call. */
  onPackets?: (records: PacketRecords) => void;
  /** Run the flow stage; flow-end records go to onFlows (and the table is flushed at the end of the run). */
  flows?: boolean;
  /** Run TCP reassembly too (implies flows). */
  reassemble?: boolean;
  /** Run the app-layer stage (detection, HTTP/DNS/TLS parsers; implies reassemble). */
  app?: boolean;
  /** Record anomaly events (which packet raised which anomaly) and hand them to onAnomalies. */
  anomalyEvents?: boolean;
  /** Called with the anomaly event records of one engine call; valid only during the call. */
  onAnomalies?: (records: { mem: Uint8Array; ptr: number; count: number }) => void;
  /** Called with the flow-end records of one engine call; valid only during the call. */
  onFlows?: (records: FlowRecords) => void;
  /** Emit reassembled TCP stream chunks (implies reassemble) to onStreams; valid only during the call. */
  onStreams?: (chunks: StreamChunks) => void;
  /** Called after every chunk with the bytes of the current file read so far. */
  onProgress?: (p: { file: string; rawBytes: number; size: number | undefined }) => void;
  /** Stop reading (quietly) once aborted; checked after every chunk. */
  signal?: AbortSignal;
  /** Awaited after every chunk: lets a slow consumer hold the reader back (backpressure). */
  afterChunk?: () => Promise<void>;
  /** Called when a file has been read to its end. */
  onFileDone?: (p: { file: string; rawBytes: number; size: number | undefined }) => void;
  /** A compiled --bpf program (src/filter): records it rejects are counted as filtered and skip every stage. */
  filter?: Uint8Array;
  /** Called after every engine call, before the unconsumed input moves (the match stage verifies its candidates). */
  afterCall?: () => void;
  /** Stop after this many packets in total (like tcpdump -c). */
  maxPackets?: number;
  chunkSize?: number;
}

/** The packet records of one processChunk call, over WASM memory. */
export interface PacketRecords {
  readonly mem: Uint8Array;
  readonly ptr: number;
  readonly count: number;
  /** Memory offset of the chunk the records' dataOff values are relative to. */
  readonly chunkPtr: number;
}

/** Flow-end records of one engine call, over WASM memory (layout: FLOW_* in src/wasm/layout.ts). */
export interface FlowRecords {
  readonly mem: Uint8Array;
  readonly ptr: number;
  readonly count: number;
}

/** Stream chunk records of one engine call (layout: STREAM_* in src/wasm/layout.ts) and their bytes. */
export interface StreamChunks {
  readonly mem: Uint8Array;
  readonly ptr: number;
  readonly count: number;
  /** Memory offset of the stream data region the records' data offsets are relative to. */
  readonly dataPtr: number;
}

const STATUS_MESSAGES: Record<number, [PcapErrorCode, string]> = {
  [L.STATUS_BAD_MAGIC]: ['ERR_PCAP_BAD_MAGIC', 'not a capture file (no pcap, pcapng or gzip magic)'],
  [L.STATUS_BAD_VERSION]: ['ERR_PCAP_UNSUPPORTED_VERSION', 'unsupported capture file format version'],
  [L.STATUS_TRUNCATED_HEADER]: ['ERR_PCAP_TRUNCATED_HEADER', 'the file ends inside its file header'],
  [L.STATUS_BAD_RECORD]: [
    'ERR_PCAP_BAD_RECORD',
    `corrupt record header (length beyond ${L.MAX_CAPLEN} bytes or an impossible block length)`,
  ],
};

class StopRun extends Error {}

export async function runFiles(
  inst: EngineInstance,
  paths: readonly string[],
  hooks: RunHooks = {},
): Promise<void> {
  if (hooks.filter) inst.setFilter(hooks.filter);
  for (const path of paths) {
    const src = await openByteSource(path);
    try {
      await runSource(inst, src, hooks);
      hooks.onFileDone?.({ file: src.name, rawBytes: src.rawBytesRead, size: src.size });
    } catch (err) {
      if (err instanceof StopRun) break;
      throw err;
    } finally {
      await src.close();
    }
  }
  // end of input: every remaining flow ends (reason shutdown)
  if (hooks.flows || hooks.reassemble || hooks.onStreams || hooks.app) {
    const { onAnomalies } = hooks;
    inst.flushFlows(
      (mem, ptr, count) => hooks.onFlows?.({ mem, ptr, count }),
      hooks.onStreams && ((mem, ptr, count, dataPtr) => hooks.onStreams?.({ mem, ptr, count, dataPtr })),
      () => {
        if (onAnomalies) deliverAnomalies(inst, onAnomalies);
        if (hooks.app) hooks.afterCall?.();
      },
    );
  }
}

/** Hand the anomaly events of the last engine call to `on` (when there are any). */
export function deliverAnomalies(inst: EngineInstance, on: NonNullable<RunHooks['onAnomalies']>): void {
  const { ptr, count } = inst.anomalyEventsAt();
  if (count > 0) on({ mem: inst.memoryView(), ptr, count });
}

/** Half the input region: a read-ahead lands in the half the bytes being processed are not in. */
const INPUT_HALF = L.INPUT_CAPACITY / 2;
/** Room kept before a landed chunk for the partial record the chunk before it leaves. */
const CARRY_ROOM = 512 << 10;

/**
 * One capture stream framed through an engine instance. The unprocessed bytes (the partial
 * record the last call ended in, then whatever is appended) stay where they are in the input
 * region, from `base`: new bytes are written after them (window + append), or land ahead of time
 * in the other half of the region while this half is processed (landing + adopt: the partial
 * record then moves just in front of them). process() frames them. Used by runSource (reading a
 * file straight into WASM memory) and by the pool's workers.
 */
export class StreamFeeder {
  /** Offset of the unprocessed bytes in the input region, and their count. */
  private base = 0;
  private held = 0;
  private fileOffset = 0;
  /** The stream's final bytes have been processed: nothing may follow. */
  ended = false;
  readonly flags: number;

  constructor(
    private readonly inst: EngineInstance,
    readonly name: string,
    private readonly hooks: RunHooks = {},
    format: number = L.FORMAT_DETECT,
  ) {
    this.flags =
      (hooks.emitPackets ? L.FLAG_EMIT_PACKETS : 0) |
      (hooks.flows ? L.FLAG_FLOWS : 0) |
      (hooks.reassemble ? L.FLAG_REASSEMBLE : 0) |
      (hooks.onStreams ? L.FLAG_EMIT_STREAMS : 0) |
      (hooks.app ? L.FLAG_APP : 0) |
      (hooks.anomalyEvents ? L.FLAG_ANOMALY_EVENTS : 0);
    inst.beginFile(format);
  }

  /** Where the next bytes go, `max` at most: after the unprocessed ones, moved to the region's start first. */
  window(max: number): Uint8Array {
    const input = this.inst.inputView();
    if (this.base > 0) {
      input.copyWithin(0, this.base, this.base + this.held);
      this.base = 0;
    }
    const room = Math.min(max, L.INPUT_CAPACITY - this.held);
    return input.subarray(this.held, this.held + room);
  }

  /** `n` bytes were written into window(). */
  append(n: number): void {
    this.held += n;
  }

  /**
   * Where `len` bytes read ahead may land while the unprocessed bytes are processed: the other
   * half of the input region, after room for the partial record they may leave. Undefined when
   * `len` does not fit there or the unprocessed bytes do not lie in one half.
   */
  landing(len: number): { at: number; view: Uint8Array } | undefined {
    if (len > INPUT_HALF - CARRY_ROOM) return undefined;
    const inFirst = this.base + this.held <= INPUT_HALF;
    if (!inFirst && this.base < INPUT_HALF) return undefined;
    const at = (inFirst ? INPUT_HALF : 0) + CARRY_ROOM;
    return { at, view: this.inst.inputView().subarray(at, at + len) };
  }

  /**
   * `n` bytes landed at `at` (landing()) follow the unprocessed ones: those move just in front of
   * them, or, longer than the room kept there, the landed bytes are copied after them instead.
   */
  adopt(at: number, n: number): void {
    const input = this.inst.inputView();
    if (this.held <= CARRY_ROOM) {
      input.copyWithin(at - this.held, this.base, this.base + this.held);
      this.base = at - this.held;
      this.held += n;
      return;
    }
    const landed = input.slice(at, at + n); // a partial record that long: a rare copy
    this.window(n).set(landed);
    this.held += n;
  }

  /** Frame the unprocessed bytes; `final` when the stream ends with them. */
  process(final: boolean): void {
    if (final) this.ended = true;
    const { consumed, left } = processAll(
      this.inst,
      this.name,
      this.fileOffset,
      this.base,
      this.held,
      this.flags | (final ? L.FLAG_FINAL : 0),
      this.hooks,
    );
    this.base += consumed;
    this.held = left;
    this.fileOffset += consumed;
  }

  /** append(n) then process(final). */
  commit(n: number, final: boolean): void {
    this.append(n);
    this.process(final);
  }

  /** Append a chunk that arrived from elsewhere (a worker's task). */
  feed(bytes: Uint8Array, final: boolean): void {
    const w = this.window(bytes.length);
    if (w.length < bytes.length) {
      throw new PcapError(
        'ERR_PCAP_BAD_RECORD',
        this.name,
        this.fileOffset,
        'chunk larger than the input region',
      );
    }
    w.set(bytes);
    this.commit(bytes.length, final);
  }
}

export async function runSource(inst: EngineInstance, src: ByteSource, hooks: RunHooks = {}): Promise<void> {
  const chunkSize = Math.min(hooks.chunkSize ?? DEFAULT_CHUNK_SIZE, L.INPUT_CAPACITY / 2);
  const feeder = new StreamFeeder(inst, src.name, hooks);
  let eof = false;
  while (!eof) {
    const window = feeder.window(chunkSize);
    let n = 0;
    // fill up to chunkSize; a short read is not the end until fill returns 0
    while (n < chunkSize) {
      const got = await src.fill(window, n, chunkSize - n);
      if (got === 0) {
        eof = true;
        break;
      }
      n += got;
    }
    feeder.commit(n, eof);
    hooks.onProgress?.({ file: src.name, rawBytes: src.rawBytesRead, size: src.size });
    if (hooks.afterChunk) await hooks.afterChunk();
    if (hooks.signal?.aborted) throw new StopRun();
  }
}

function processAll(
  inst: EngineInstance,
  name: string,
  fileOffset: number,
  base: number,
  len: number,
  flags: number,
  hooks: RunHooks,
): { consumed: number; left: number } {
  let total = 0;
  let cur = len;
  for (;;) {
    const at = base + total;
    const status = inst.process(at, cur, flags);
    const consumed = inst.ex.consumedBytes();
    if (hooks.onPackets) {
      const { ptr, count } = inst.packetRecordsAt();
      if (count > 0) hooks.onPackets({ mem: inst.memoryView(), ptr, count, chunkPtr: inst.inputPtr + at });
    }
    if (hooks.onStreams) {
      const { ptr, count, dataPtr } = inst.streamRecordsAt();
      if (count > 0) hooks.onStreams({ mem: inst.memoryView(), ptr, count, dataPtr });
    }
    if (hooks.onFlows) {
      const { ptr, count } = inst.flowRecordsAt();
      if (count > 0) hooks.onFlows({ mem: inst.memoryView(), ptr, count });
    }
    if (hooks.onAnomalies) deliverAnomalies(inst, hooks.onAnomalies);
    hooks.afterCall?.();
    if (hooks.maxPackets !== undefined && Number(inst.packetNumber) >= hooks.maxPackets) throw new StopRun();
    if (status === L.STATUS_OK || status === L.STATUS_OUTPUT_FULL) {
      // the unconsumed bytes stay where they are: the next call starts after the consumed ones
      total += consumed;
      cur -= consumed;
      if (status === L.STATUS_OK) return { consumed: total, left: cur };
      continue;
    }
    const entry = STATUS_MESSAGES[status];
    const errAt = fileOffset + total + inst.ex.errorChunkOffset();
    if (!entry) throw new PcapError('ERR_PCAP_BAD_RECORD', name, errAt, `engine status ${status}`);
    throw new PcapError(entry[0], name, errAt, entry[1]);
  }
}
