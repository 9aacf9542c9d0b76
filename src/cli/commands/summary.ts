/** `netsift summary FILE... [-c N]`: one Scapy-style line per packet. */
import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { packetSummary } from '../../packets/summary.js';
import { printPacketLines } from '../packet-lines.js';
import { BPF_OPTION_FLAGS, BPF_OPTION_HELP, bpfProgram } from '../../filter/option.js';

export async function printSummaries(
  files: readonly string[],
  max: number | undefined,
  numbered = false,
  filter?: Uint8Array,
): Promise<void> {
  await printPacketLines(files, { max, filter }, (p) => {
    const line = p.truncatedRecord
      ? `<record cut short by the end of the file> !! frame.truncated_record`
      : packetSummary(p);
    return numbered ? `${String(p.number).padStart(6)}  ${line}` : line;
  });
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
