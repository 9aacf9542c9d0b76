/**
 * `netsift stats FILE... [--json]`: packets, bytes, layers decoded per protocol, anomalies by
 * name, the capture's time span, and how fast netsift read it. The hot path only: framing,
 * decoding and counting run in WASM and no per-packet JavaScript object is created.
 */
import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { runFiles } from '../../capture/file-runner.js';
import { eveStatsEvent } from '../../outputs/eve-stats.js';
import { formatStatsText } from '../../outputs/stats-text.js';
import { statsFromCounters } from '../../stats/engine-stats.js';
import { EngineInstance } from '../../wasm/instance.js';
import { BPF_OPTION_FLAGS, BPF_OPTION_HELP, bpfProgram } from '../../filter/option.js';

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('count packets, bytes, protocols and anomalies in capture files')
    .argument('<files...>', 'capture files (pcap, pcapng, gzip); - for standard input')
    .option('--json', 'print a Suricata-EVE-style stats event')
    .option(BPF_OPTION_FLAGS, BPF_OPTION_HELP)
    .action(async (files: string[], opts: { json?: boolean; bpf?: string }) => {
      const filter = bpfProgram(opts.bpf);
      if (!files.length) throw new ConfigError('stats: no capture file given');
      const inst = new EngineInstance();
      const t0 = process.hrtime.bigint();
      let rawBytes = 0;
      let done = 0;
      await runFiles(inst, files, {
        filter,
        onProgress: (p) => {
          rawBytes = done + p.rawBytes;
        },
        onFileDone: (p) => {
          done += p.rawBytes;
        },
      });
      const elapsedNs = Number(process.hrtime.bigint() - t0);
      const stats = statsFromCounters(inst.snapshotCounters());
      if (opts.json) {
        const ev = eveStatsEvent(stats, { uptimeS: elapsedNs / 1e9, tsNs: stats.lastTsNs });
        process.stdout.write(JSON.stringify(ev) + '\n');
        return;
      }
      process.stdout.write(formatStatsText(stats, { files, elapsedNs, fileBytes: Math.max(rawBytes, done) }));
    });
}
