/**
 * `readPackets(paths)`: the scripting API (dpkt's `for ts, buf in Reader(f)`, Scapy's
 * `rdpcap`): an async iterable of DecodedPacket over one or more capture files, decoded by the
 * same WASM decoders as the hot path. The reader runs at most one chunk ahead of the consumer.
 */
import { runFiles } from '../capture/file-runner.js';
import { EngineInstance } from '../wasm/instance.js';
import { readPacketRecords, type DecodedPacket } from './packet.js';

export interface ReadPacketsOptions {
  /** Stop after this many packets. */
  count?: number;
}

export async function* readPackets(
  paths: string | readonly string[],
  opts: ReadPacketsOptions = {},
): AsyncGenerator<DecodedPacket, void, undefined> {
  const files = typeof paths === 'string' ? [paths] : paths;
  const inst = new EngineInstance();
  let queue: DecodedPacket[] = [];
  let done = false;
  let failure: unknown;
  let wakeConsumer: (() => void) | undefined;
  let wakeProducer: (() => void) | undefined;
  const abort = new AbortController();
  const producer = runFiles(inst, files, {
    emitPackets: true,
    signal: abort.signal,
    maxPackets: opts.count,
    onPackets: (recs) => {
      for (const p of readPacketRecords(recs)) {
        if (opts.count !== undefined && p.number > opts.count) break;
        queue.push(p);
      }
      wakeConsumer?.();
    },
    afterChunk: () => (queue.length === 0 ? Promise.resolve() : new Promise<void>((r) => (wakeProducer = r))),
  }).then(
    () => {
      done = true;
      wakeConsumer?.();
    },
    (err: unknown) => {
      failure = err;
      done = true;
      wakeConsumer?.();
    },
  );
  try {
    for (;;) {
      if (queue.length) {
        const batch = queue;
        queue = [];
        wakeProducer?.();
        wakeProducer = undefined;
        yield* batch;
        continue;
      }
      if (done) break;
      await new Promise<void>((r) => (wakeConsumer = r));
      wakeConsumer = undefined;
    }
    if (failure) throw failure;
  } finally {
    abort.abort();
    wakeProducer?.();
    await producer;
  }
}
