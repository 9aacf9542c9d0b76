/**
 * The slow-path loop shared by `decode` and `summary`: decode packet records, turn each packet
 * into a line, write lines with back-pressure, and stop after `max` packets — packets shown when
 * a --bpf filter is set (as tcpdump -c counts), packets read otherwise.
 */
import { runFiles } from '../capture/file-runner.js';
import { readPacketRecords, type DecodedPacket } from '../packets/packet.js';
import { EngineInstance } from '../wasm/instance.js';
import { LineWriter } from './output.js';

export interface PacketLinesOptions {
  max?: number;
  filter?: Uint8Array;
  /** Lines written before the first packet (a header). */
  header?: readonly string[];
}

/** `lineOf` returns the line for a packet, or undefined to show nothing for it. */
export async function printPacketLines(
  files: readonly string[],
  opts: PacketLinesOptions,
  lineOf: (p: DecodedPacket) => string | undefined,
): Promise<void> {
  const out = new LineWriter();
  for (const h of opts.header ?? []) out.line(h);
  const { max, filter } = opts;
  const stop = new AbortController();
  let shown = 0;
  let pending: Promise<void> = Promise.resolve();
  await runFiles(new EngineInstance(), files, {
    emitPackets: true,
    filter,
    signal: stop.signal,
    maxPackets: filter ? undefined : max,
    onPackets: (recs) => {
      for (const p of readPacketRecords(recs)) {
        if (max !== undefined && (filter ? shown >= max : p.number > max)) {
          stop.abort();
          break;
        }
        const line = lineOf(p);
        if (line === undefined) continue;
        out.line(line);
        shown++;
      }
      pending = pending.then(() => out.maybeFlush());
    },
  });
  await pending;
  await out.flush();
}
