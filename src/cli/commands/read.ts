/**
 * `netsift read FILE... [-S RULES...] [-l LOGDIR] [--workers N] [--ordered]`: the main job, on the
 * worker pool. With -S (rule files or directories; --vars FILE, --set NAME=VALUE for variables)
 * it matches the rules and writes EVE alert events and LOGDIR/fast.log, then prints the alerts
 * by signature. Writes LOGDIR/eve.json (alerts, flows, stats) as Suricata users know it, shows a progress bar on
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
import { loadRuleset, type LoadedRuleset } from '../../alerts/load.js';
import { create as createFast } from '../../outputs/fast.js';
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
  rules: string[];
  vars?: string;
  threshold?: string;
}

/** --set keys that are rule variables (the rest are Suricata settings). */
function isVarSetting(s: string): boolean {
  const key = s.slice(0, Math.max(0, s.indexOf('='))).trim();
  return key.startsWith('vars.') || /^\$?[A-Z][A-Z0-9_]*$/.test(key);
}

function loadRulesOrFail(paths: string[], opts: ReadOptions): LoadedRuleset {
  const rs = loadRuleset(paths, {
    vars: opts.vars,
    set: opts.set.filter(isVarSetting),
    threshold: opts.threshold,
  });
  const { load, compiled } = rs;
  process.stderr.write(
    `netsift: rules: ${load.rules.length} of ${load.total} loaded from ${load.files.length} files, ` +
      `${compiled.rules.length} compiled (${compiled.skipped.length} not compilable yet) in ` +
      `${rs.loadMs.toFixed(0)} ms\n`,
  );
  for (const e of load.ioErrors) process.stderr.write(`netsift: warning: ${e.file}: ${e.message}\n`);
  const noticed = load.rules.filter((r) => r.notices?.length);
  if (noticed.length) {
    const kinds = [...new Set(noticed.flatMap((r) => r.notices ?? []))];
    process.stderr.write(
      `netsift: note: ${noticed.length} rules load with a part not done: ${kinds.join('; ')}\n`,
    );
  }
  if (rs.threshold) {
    process.stderr.write(
      `netsift: ${rs.threshold.file}: ${rs.threshold.applied} rule thresholds/suppressions\n`,
    );
    for (const w of rs.threshold.ignored) process.stderr.write(`netsift: warning: ${w}\n`);
  }
  if (load.files.length === 0) throw new ConfigError(`-S ${paths.join(' ')}: no rule file could be read`);
  return rs;
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
    .option('-S, --rules <paths...>', 'rule files or directories of *.rules to match', collect, [])
    .option('--vars <file>', 'rule variables from a JSON or YAML (suricata.yaml-shaped) file')
    .option('--threshold <file>', 'threshold.config (default: the one beside the rules)')
    .option('--model <file>', MODEL_OPTION_HELP)
    .option('--anomaly <file>', ANOMALY_OPTION_HELP)
    .action(async (files: string[], opts: ReadOptions) => {
      const settings = parseSuricataOptions(
        opts.k,
        opts.set.filter((s) => !isVarSetting(s)),
      );
      const rules = opts.rules.length ? loadRulesOrFail(opts.rules.flat(), opts) : undefined;
      for (const w of settings.warnings) process.stderr.write(`netsift: warning: ${w}\n`);
      const engine = createEngine({
        workers: parseWorkers(opts.workers),
        ordered: opts.ordered ?? false,
        flows: opts.flows,
        // HTTP/DNS/TLS events in eve.json (issue 7); with rules the engine runs the parsers anyway
        app: opts.flows || rules !== undefined,
        flowConfig: settings.flowConfig,
        ml: mlEngineOptions(opts),
        statsIntervalMs: 500,
        filter: bpfProgram(opts.bpf),
        rules: rules?.compiled,
      });
      const outputs: AttachedOutput[] = [];
      if (opts.logDir) {
        mkdirSync(opts.logDir, { recursive: true });
        outputs.push(
          createEveJson({ path: join(opts.logDir, 'eve.json'), classifications: rules?.classifications })(
            engine,
          ),
        );
        if (rules) {
          outputs.push(
            createFast({ path: join(opts.logDir, 'fast.log'), classifications: rules.classifications })(
              engine,
            ),
          );
        }
      }
      let flows = 0;
      engine.flows$.subscribe(() => flows++);
      const ml = mlSummary(engine);
      const bySig = new Map<string, number>();
      let alerts = 0;
      engine.alerts$.subscribe((a) => {
        alerts++;
        const k = `[${a.rule.gid}:${a.rule.sid}:${a.rule.rev}] ${a.rule.msg}`;
        bySig.set(k, (bySig.get(k) ?? 0) + 1);
      });
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
          onProgress: (p) => progress.update({ bytes: p.rawBytes, packets, alerts }),
        });
        progress.stop();
        const elapsedNs = Number(process.hrtime.bigint() - t0);
        process.stdout.write(formatStatsText(stats, { files, elapsedNs, fileBytes: size ?? stats.bytes }));
        process.stdout.write(`workers:      ${engine.workers}\n`);
        if (opts.flows) process.stdout.write(`flows:        ${flows.toLocaleString('en-US')}\n`);
        if (opts.logDir) process.stdout.write(`eve.json:     ${join(opts.logDir, 'eve.json')}\n`);
        process.stdout.write(ml.line() ?? '');
        if (rules) {
          if (opts.logDir) process.stdout.write(`fast.log:     ${join(opts.logDir, 'fast.log')}\n`);
          process.stdout.write(`alerts:       ${alerts.toLocaleString('en-US')}\n`);
          const sorted = [...bySig].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
          for (const [sig, n] of sorted) process.stdout.write(`  ${String(n).padStart(8)}  ${sig}\n`);
        }
      } finally {
        progress.stop();
        await Promise.all(outputs.map((o) => o.close()));
        await engine.close();
      }
    });
}
