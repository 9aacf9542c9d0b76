/** `netsift summary FILE... [-c N]`: one Scapy-style line per packet. */
import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { runFiles } from '../../capture/file-runner.js';
import { readPacketRecords } from '../../packets/packet.js';
import { packetSummary } from '../../packets/summary.js';
import { EngineInstance } from '../../wasm/instance.js';
import { LineWriter } from '../output.js';
import { BPF_OPTION_FLAGS, BPF_OPTION_HELP, bpfProgram } from '../../filter/option.js';

export async function printSummaries(
  files: readonly string[],
  max: number | undefined,
  numbered = false,
  filter?: Uint8Array,
): Promise<void> {
  const out = new LineWriter();
  const inst = new EngineInstance();
  let pending: Promise<void> = Promise.resolve();
  // with a filter, -c counts the packets shown (as tcpdump -c does), not the packets read
  const stop = new AbortController();
  let shown = 0;
  await runFiles(inst, files, {
    emitPackets: true,
    filter,
    signal: stop.signal,
    maxPackets: filter ? undefined : max,
    onPackets: (recs) => {
      for (const p of readPacketRecords(recs)) {
        if (max !== undefined && (filter ? shown++ >= max : p.number > max)) {
          stop.abort();
          break;
        }
        const line = p.truncatedRecord
          ? `<record cut short by the end of the file> !! frame.truncated_record`
          : packetSummary(p);
        out.line(numbered ? `${String(p.number).padStart(6)}  ${line}` : line);
      }
      pending = pending.then(() => out.maybeFlush());
    },
  });
  await pending;
  await out.flush();
}

export function registerSummary(program: Command): void {
  program
    .command('summary')
    .description("one line per packet, like Scapy's summary()")
    .argument('<files...>', 'capture files (pcap, pcapng, gzip); - for standard input')
    .option('-c, --count <n>', 'stop after n packets')
    .option('-n, --number', 'prefix each line with its packet number')
    .option(BPF_OPTION_FLAGS, BPF_OPTION_HELP)
    .action(async (files: string[], opts: { count?: string; number?: boolean; bpf?: string }) => {
      if (!files.length) throw new ConfigError('summary: no capture file given');
      const max = opts.count !== undefined ? parseCount(opts.count) : undefined;
      await printSummaries(files, max, opts.number ?? false, bpfProgram(opts.bpf));
    });
}

export function parseCount(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`-c expects a packet count, got "${v}"`);
  return n;
}
