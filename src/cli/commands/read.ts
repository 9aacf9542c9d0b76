/**
 * `netsift read FILE... [-l LOGDIR] [--workers N] [--ordered]`: the main job, on the worker
 * pool. Writes LOGDIR/eve.json (flows, stats) as Suricata users know it, shows a progress bar on
 * a TTY, and prints a summary. Accepts the Suricata options suricata-verify passes (`-k none`,
 * `--set key=value`) and warns about those netsift has no setting for.
 */
import type { Command } from 'commander';
import { ANOMALY_OPTION_HELP, MODEL_OPTION_HELP, mlEngineOptions, mlSummary } from '../../ml/read-options.js';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, fromFile } from '../../engine.js';
import { ConfigError } from '../../errors.js';
import { create as createEveJson } from '../../outputs/eve-json.js';
import type { AttachedOutput } from '../../outputs/eve-json.js';
import { formatStatsText } from '../../outputs/stats-text.js';
import { createProgress } from '../progress.js';
import { parseSuricataOptions } from '../suricata-options.js';
import { BPF_OPTION_FLAGS, BPF_OPTION_HELP, bpfProgram } from '../../filter/option.js';

interface ReadOptions {
  model?: string;
  anomaly?: string;
  logDir?: string;
  workers?: string;
  ordered?: boolean;
  k?: string;
  set: string[];
  progress: boolean;
  flows: boolean;
  bpf?: string;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

function parseWorkers(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new ConfigError(`--workers expects 1..256, got "${v}"`);
  return n;
}

function totalSize(files: readonly string[]): number | undefined {
  let total = 0;
  for (const f of files) {
    if (f === '-') return undefined;
    try {
      total += statSync(f).size;
    } catch {
      return undefined; // the reader reports the missing file with its own error
    }
  }
  return total;
}

export function registerRead(program: Command): void {
  program
    .command('read')
    .description('run the engine over capture files on all cores; write LOGDIR/eve.json')
    .argument('<files...>', 'capture files (pcap, pcapng, gzip); - for standard input')
    .option('-l, --log-dir <dir>', 'write eve.json here (created if missing)')
    .option('-w, --workers <n>', 'worker threads (default: the number of cores)')
    .option('--ordered', 'emit events in packet order: byte-identical eve.json for any --workers')
    .option('-k <mode>', 'checksum validation (Suricata option): none | all | auto')
    .option(
      '--set <key=value>',
      'a Suricata setting (repeatable), e.g. stream.reassembly.depth=1mb',
      collect,
      [],
    )
    .option('--no-progress', 'no progress bar even on a terminal')
    .option('--no-flows', 'do not track flows')
    .option(BPF_OPTION_FLAGS, BPF_OPTION_HELP)
    .option('--model <file>', MODEL_OPTION_HELP)
    .option('--anomaly <file>', ANOMALY_OPTION_HELP)
    .action(async (files: string[], opts: ReadOptions) => {
      const settings = parseSuricataOptions(opts.k, opts.set);
      for (const w of settings.warnings) process.stderr.write(`netsift: warning: ${w}\n`);
      const engine = createEngine({
        workers: parseWorkers(opts.workers),
        ordered: opts.ordered ?? false,
        flows: opts.flows,
        flowConfig: settings.flowConfig,
        ml: mlEngineOptions(opts),
        statsIntervalMs: 500,
        filter: bpfProgram(opts.bpf),
      });
      const outputs: AttachedOutput[] = [];
      if (opts.logDir) {
        mkdirSync(opts.logDir, { recursive: true });
        outputs.push(createEveJson({ path: join(opts.logDir, 'eve.json') })(engine));
      }
      let flows = 0;
      engine.flows$.subscribe(() => flows++);
      const ml = mlSummary(engine);
      const size = totalSize(files);
      const progress = createProgress(
        opts.progress ? size : undefined,
        opts.progress ? process.stderr : undefined,
      );
      let packets = 0;
      engine.stats$.subscribe((s) => (packets = s.packets));
      const t0 = process.hrtime.bigint();
      try {
        const stats = await engine.run(fromFile(files), {
          onProgress: (p) => progress.update({ bytes: p.rawBytes, packets, alerts: 0 }),
        });
        progress.stop();
        const elapsedNs = Number(process.hrtime.bigint() - t0);
        process.stdout.write(formatStatsText(stats, { files, elapsedNs, fileBytes: size ?? stats.bytes }));
        process.stdout.write(`workers:      ${engine.workers}\n`);
        if (opts.flows) process.stdout.write(`flows:        ${flows.toLocaleString('en-US')}\n`);
        if (opts.logDir) process.stdout.write(`eve.json:     ${join(opts.logDir, 'eve.json')}\n`);
        process.stdout.write(ml.line() ?? '');
      } finally {
        progress.stop();
        await Promise.all(outputs.map((o) => o.close()));
        await engine.close();
      }
    });
}
