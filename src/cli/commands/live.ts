/**
 * `netsift live -i IFACE [--bpf EXPR] [-S RULES] [-l LOGDIR] [--snaplen N] [--buffer-size MiB]
 * [--duration S] [-c COUNT] [--write-pcap FILE]`: capture on an interface (libpcap through `cap`,
 * on the main thread) and run the engine's worker pool on it. While it runs: a live view on a
 * terminal, one EVE stats event per second otherwise. Ends on -c, --duration or Ctrl-C: the last
 * batch is processed, every flow is flushed, final stats are printed, exit 0.
 */
import type { Command } from 'commander';
import { ANOMALY_OPTION_HELP, MODEL_OPTION_HELP, mlEngineOptions, mlSummary } from '../../ml/read-options.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LiveCapture, loadCap } from '../../capture/live.js';
import { KernelDrops } from '../../capture/live-drops.js';
import { fromLive } from '../../capture/live-source.js';
import { PcapRotatingWriter } from '../../capture/live-pcap.js';
import {
  liveStatsEvent,
  renderLiveView,
  SignatureCounter,
  TalkerCounter,
  type LiveSnapshot,
} from '../../capture/live-view.js';
import { createEngine, type EngineOptions } from '../../engine.js';
import { ConfigError } from '../../errors.js';
import { compileFilter } from '../../filter/index.js';
import { create as createEveJson, type AttachedOutput } from '../../outputs/eve-json.js';
import { formatStatsText } from '../../outputs/stats-text.js';
import { compileRuleset } from '../../rules/compile/ruleset.js';
import { loadRules } from '../../rules/loader.js';
import type { EngineStats } from '../../stats/engine-stats.js';

interface LiveOptions {
  model?: string;
  anomaly?: string;
  interface?: string;
  bpf?: string;
  S: string[];
  logDir?: string;
  snaplen?: string;
  bufferSize?: string;
  duration?: string;
  count?: string;
  workers?: string;
  writePcap?: string;
  pcapMaxSize?: string;
  statsInterval?: string;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

function num(
  name: string,
  v: string | undefined,
  min: number,
  max: number,
  integer = true,
): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    throw new ConfigError(
      `${name} expects ${integer ? 'a whole number' : 'a number'} in ${min}..${max}, got "${v}"`,
    );
  }
  return n;
}

/**
 * The --bpf expression is compiled by libpcap (it also runs in the kernel); netsift's own compiler
 * checks it first so that an error names the column and the token, as for files. An expression
 * only libpcap understands (`tcp[13] & 2 != 0`) is accepted when libpcap accepts it.
 */
function checkFilter(expr: string | undefined): ConfigError | undefined {
  if (expr === undefined) return undefined;
  try {
    compileFilter(expr, { option: '--bpf' });
    return undefined;
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
}

/** Rules from -S files, compiled for the engine; load failures are reported, not fatal. */
function rulesFrom(paths: readonly string[]): EngineOptions['rules'] {
  if (!paths.length) return undefined;
  const loaded = loadRules(paths);
  for (const e of loaded.ioErrors) throw new ConfigError(`-S: ${e.file}: ${e.message}`);
  if (loaded.failures.length) {
    process.stderr.write(
      `netsift: warning: ${loaded.failures.length} of ${loaded.total} rules failed to load\n`,
    );
  }
  const compiled = compileRuleset(loaded.rules);
  if (compiled.skipped.length) {
    process.stderr.write(
      `netsift: warning: ${compiled.skipped.length} rules use features the engine does not run\n`,
    );
  }
  return compiled;
}

export interface LiveSummary {
  stats: EngineStats;
  captured: number;
  truncated: number;
  engineDrops: { batches: number; packets: number };
  kernelDrops: number | undefined;
  flows: number;
  alerts: number;
  stopReason: string;
}

export function formatLiveSummary(s: LiveSummary, iface: string, elapsedNs: number): string {
  const n = (v: number): string => v.toLocaleString('en-US');
  const lines = [
    formatStatsText(s.stats, { files: [`live:${iface}`], elapsedNs, fileBytes: s.stats.bytes }).trimEnd(),
    `captured:     ${n(s.captured)} packets from libpcap (after its filter), ${n(s.truncated)} cut by the snap length`,
    `engine drops: ${n(s.engineDrops.packets)} packets in ${n(s.engineDrops.batches)} batches (workers behind)`,
    `kernel drops: ${s.kernelDrops === undefined ? 'not available for this interface' : `${n(s.kernelDrops)} (interface rx_dropped + rx_missed_errors; capture-ring overflows are not counted)`}`,
    `flows:        ${n(s.flows)}`,
    `alerts:       ${n(s.alerts)}`,
    `stopped:      ${s.stopReason}`,
  ];
  return lines.join('\n') + '\n';
}

export function registerLive(program: Command): void {
  program
    .command('live')
    .description('capture on a network interface and run the engine on it (needs libpcap and root)')
    .requiredOption('-i, --interface <name>', 'the interface to capture on (netsift interfaces lists them)')
    .option(
      '--bpf <expr>',
      'capture only packets matching this tcpdump filter expression (libpcap compiles it)',
    )
    .option('-S <rules>', 'a rules file or directory (repeatable)', collect, [])
    .option('-l, --log-dir <dir>', 'write eve.json here (created if missing)')
    .option('--snaplen <n>', 'bytes kept per packet (1..65535)', '65535')
    .option('--buffer-size <MiB>', 'kernel capture ring in MiB (libpcap buffer)', '128')
    .option('--duration <s>', 'stop after this many seconds')
    .option('-c, --count <n>', 'stop after this many packets')
    .option('-w, --workers <n>', 'worker threads (default: the number of cores)')
    .option(
      '--write-pcap <file>',
      'also write the captured packets to FILE (pcap), rotated by size: FILE.1, FILE.2, ...',
    )
    .option('--pcap-max-size <MiB>', 'size of each --write-pcap file before rotating', '100')
    .option('--stats-interval <s>', 'seconds between live view refreshes / EVE stats events (0: none)', '1')
    .option('--model <file>', MODEL_OPTION_HELP)
    .option('--anomaly <file>', ANOMALY_OPTION_HELP)
    .action(async (opts: LiveOptions) => {
      const iface = opts.interface!;
      const maxPackets = num('-c', opts.count, 1, Number.MAX_SAFE_INTEGER);
      const durationS = num('--duration', opts.duration, 0.001, 1e9, false);
      const workers = num('--workers', opts.workers, 1, 256);
      const snaplen = num('--snaplen', opts.snaplen, 1, 65535);
      const bufferSizeMiB = num('--buffer-size', opts.bufferSize, 1, 4096, false);
      const pcapMaxMiB = num('--pcap-max-size', opts.pcapMaxSize, 0.01, 1 << 20, false)!;
      const statsIntervalS = num('--stats-interval', opts.statsInterval, 0, 86400, false)!;
      const filterError = checkFilter(opts.bpf);
      const rules = rulesFrom(opts.S);
      const cap = await loadCap();

      let live: LiveCapture;
      // set once the interface is open (its link type is known); the capture calls onPacket
      const sinks: { talkers?: TalkerCounter; pcap?: PcapRotatingWriter } = {};
      const onPacket = (data: Uint8Array, capLen: number, tsNs: bigint): void => {
        sinks.talkers?.add(data, capLen);
        sinks.pcap?.write(data, capLen, capLen, tsNs);
      };
      try {
        live = new LiveCapture(cap, {
          iface,
          filter: opts.bpf,
          snaplen,
          bufferSizeMiB,
          maxPackets,
          onPacket,
        });
      } catch (err) {
        // libpcap refused the filter: our message names the token
        if (filterError && err instanceof ConfigError) throw filterError;
        throw err;
      }
      const talkers = new TalkerCounter(live.linkType);
      sinks.talkers = talkers;
      let pcapOut: PcapRotatingWriter | undefined;
      if (opts.writePcap) {
        try {
          pcapOut = sinks.pcap = new PcapRotatingWriter({
            path: opts.writePcap,
            linkType: live.linkType,
            snaplen: snaplen ?? 65535,
            maxBytes: Math.round(pcapMaxMiB * 1024 * 1024),
          });
        } catch (err) {
          live.stop('error');
          throw new ConfigError(`--write-pcap: ${(err as Error).message}`);
        }
      }
      const kernel = new KernelDrops(iface);
      const engine = createEngine({
        workers,
        flows: true,
        rules,
        statsIntervalMs: 250,
        ml: mlEngineOptions(opts),
      });
      const ml = mlSummary(engine);
      const outputs: AttachedOutput[] = [];
      if (opts.logDir) {
        mkdirSync(opts.logDir, { recursive: true });
        outputs.push(createEveJson({ path: join(opts.logDir, 'eve.json') })(engine));
      }
      let flows = 0;
      let alerts = 0;
      let latest: EngineStats | undefined;
      const signatures = new SignatureCounter();
      engine.flows$.subscribe(() => flows++);
      engine.alerts$.subscribe((a) => {
        alerts++;
        signatures.add(a.rule.sid, a.rule.msg);
      });
      engine.stats$.subscribe((s) => (latest = s));
      const started = Date.now();
      const snapshot = (): LiveSnapshot => ({
        elapsedMs: Date.now() - started,
        captured: live.captured,
        capturedBytes: live.capturedBytes,
        engineDropPackets: live.source.drops.packets,
        kernelDrops: kernel.read(),
        alerts,
        flows,
        stats: latest,
      });
      const tty = process.stdout.isTTY === true;
      let prev = snapshot();
      const view =
        statsIntervalS > 0
          ? setInterval(() => {
              const now = snapshot();
              if (tty) {
                const lines = renderLiveView(iface, now, prev, talkers.top(5), signatures.top(5));
                process.stdout.write('\x1b[H\x1b[2J' + lines.join('\n') + '\n');
              } else {
                process.stdout.write(
                  JSON.stringify(liveStatsEvent(now, BigInt(Date.now()) * 1_000_000n)) + '\n',
                );
              }
              prev = now;
            }, statsIntervalS * 1000)
          : undefined;
      const onSignal = (): void => live.stop('interrupted');
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const timer =
        durationS !== undefined ? setTimeout(() => live.stop('duration'), durationS * 1000) : undefined;
      const t0 = process.hrtime.bigint();
      try {
        const stats = await engine.run(fromLive(live.source));
        live.stop('end');
        if (view) clearInterval(view);
        const summary: LiveSummary = {
          stats,
          captured: live.captured,
          truncated: live.truncated,
          engineDrops: live.source.drops,
          kernelDrops: kernel.read(),
          flows,
          alerts,
          stopReason: live.stopReason ?? 'end',
        };
        process.stdout.write(formatLiveSummary(summary, iface, Number(process.hrtime.bigint() - t0)));
        if (opts.logDir) process.stdout.write(`eve.json:     ${join(opts.logDir, 'eve.json')}\n`);
        process.stdout.write(ml.line() ?? '');
        if (pcapOut) {
          pcapOut.close();
          process.stdout.write(
            `pcap:         ${pcapOut.packets.toLocaleString('en-US')} packets in ${pcapOut.files.join(', ')}\n`,
          );
        }
      } catch (err) {
        live.stop('error');
        throw err;
      } finally {
        if (timer) clearTimeout(timer);
        if (view) clearInterval(view);
        pcapOut?.close();
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
        await Promise.all(outputs.map((o) => o.close()));
        await engine.close();
      }
    });
}
