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
  /** Called with the flow-end records of one engine call; valid only during the call. */
  onFlows?: (records: FlowRecords) => void;
  /** Emit reassembled TCP stream chunks (implies reassemble) to onStreams; valid only during the call. */
  onStreams?: (chunks: StreamChunks) => void;
  /** Called after every chunk with the bytes of the current file read so far. */
  onProgress?: (p: { file: string; rawBytes: number; size: number | undefined }) => void;
  /**
   * Only frame (FLAG_FRAME_ONLY): no decoding; `onFramed` receives each run of complete records
   * (the worker-pool dispatcher cuts shared chunks there).
   */
  frameOnly?: boolean;
  /** Called with input[0, len): complete records, before the partial tail is moved. */
  onFramed?: (input: Uint8Array, len: number, final: boolean) => void;
  /** Stop reading (quietly) once aborted; checked after every chunk. */
  signal?: AbortSignal;
  /** Awaited after every chunk: lets a slow consumer hold the reader back (backpressure). */
  afterChunk?: () => Promise<void>;
  /** Called when a file has been read to its end. */
  onFileDone?: (p: { file: string; rawBytes: number; size: number | undefined }) => void;
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
  if (hooks.flows || hooks.reassemble || hooks.onStreams) {
    inst.flushFlows(
      (mem, ptr, count) => hooks.onFlows?.({ mem, ptr, count }),
      hooks.onStreams && ((mem, ptr, count, dataPtr) => hooks.onStreams?.({ mem, ptr, count, dataPtr })),
    );
  }
}

export async function runSource(inst: EngineInstance, src: ByteSource, hooks: RunHooks = {}): Promise<void> {
  const chunkSize = Math.min(hooks.chunkSize ?? DEFAULT_CHUNK_SIZE, L.INPUT_CAPACITY / 2);
  const flags =
    (hooks.emitPackets ? L.FLAG_EMIT_PACKETS : 0) |
    (hooks.flows ? L.FLAG_FLOWS : 0) |
    (hooks.reassemble ? L.FLAG_REASSEMBLE : 0) |
    (hooks.onStreams ? L.FLAG_EMIT_STREAMS : 0) |
    (hooks.frameOnly ? L.FLAG_FRAME_ONLY : 0);
  inst.beginFile(L.FORMAT_DETECT);
  let tail = 0; // bytes carried at the start of the input region
  let fileOffset = 0; // file offset of input[0]
  let eof = false;
  while (!eof) {
    const input = inst.inputView();
    let n = 0;
    // fill up to chunkSize; a short read is not the end until fill returns 0
    while (n < chunkSize) {
      const got = await src.fill(input, tail + n, chunkSize - n);
      if (got === 0) {
        eof = true;
        break;
      }
      n += got;
    }
    const { tail: left, consumed } = processAll(
      inst,
      src.name,
      fileOffset,
      tail + n,
      flags | (eof ? L.FLAG_FINAL : 0),
      hooks,
    );
    tail = left;
    fileOffset += consumed;
    hooks.onProgress?.({ file: src.name, rawBytes: src.rawBytesRead, size: src.size });
    if (hooks.afterChunk) await hooks.afterChunk();
    if (hooks.signal?.aborted) throw new StopRun();
  }
}

/** processChunk until the chunk is consumed up to a partial record; drains OUTPUT_FULL. */
function processAll(
  inst: EngineInstance,
  name: string,
  fileOffset: number,
  len: number,
  flags: number,
  hooks: RunHooks,
): { tail: number; consumed: number } {
  let total = 0;
  let cur = len;
  for (;;) {
    const status = inst.process(cur, flags);
    const consumed = inst.ex.consumedBytes();
    if (hooks.onPackets) {
      const { ptr, count } = inst.packetRecordsAt();
      if (count > 0) hooks.onPackets({ mem: inst.memoryView(), ptr, count, chunkPtr: inst.inputPtr });
    }
    if (hooks.onStreams) {
      const { ptr, count, dataPtr } = inst.streamRecordsAt();
      if (count > 0) hooks.onStreams({ mem: inst.memoryView(), ptr, count, dataPtr });
    }
    if (hooks.onFlows) {
      const { ptr, count } = inst.flowRecordsAt();
      if (count > 0) hooks.onFlows({ mem: inst.memoryView(), ptr, count });
    }
    if (hooks.maxPackets !== undefined && Number(inst.packetNumber) >= hooks.maxPackets) throw new StopRun();
    if (status === L.STATUS_OK || status === L.STATUS_OUTPUT_FULL) {
      if (hooks.onFramed && (consumed > 0 || (flags & L.FLAG_FINAL) !== 0)) {
        hooks.onFramed(inst.inputView(), consumed, status === L.STATUS_OK && (flags & L.FLAG_FINAL) !== 0);
      }
      total += consumed;
      // keep the unconsumed bytes at the start of the input region
      if (consumed > 0 && consumed < cur) inst.inputView().copyWithin(0, consumed, cur);
      cur -= consumed;
      if (status === L.STATUS_OK) return { tail: cur, consumed: total };
      continue;
    }
    const entry = STATUS_MESSAGES[status];
    const at = fileOffset + total + inst.ex.errorChunkOffset();
    if (!entry) throw new PcapError('ERR_PCAP_BAD_RECORD', name, at, `engine status ${status}`);
    throw new PcapError(entry[0], name, at, entry[1]);
  }
}
