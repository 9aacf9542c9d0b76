/**
 * `netsift demo`: the main job on the capture and rules bundled in examples/demo/ (made by the
 * project's generator, see examples/demo/README.md), with no arguments: what is in the
 * capture (stats) and the first packets, one line each. Later stages add their part here
 * (alerts, flows) so a newcomer sees the whole engine after `npm install`.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { runFiles } from '../../capture/file-runner.js';
import { EngineError } from '../../errors.js';
import { formatStatsText } from '../../outputs/stats-text.js';
import { packagePath } from '../../paths.js';
import { statsFromCounters } from '../../stats/engine-stats.js';
import { EngineInstance } from '../../wasm/instance.js';
import { printSummaries } from './summary.js';
import { createEngine, fromFile } from '../../engine.js';
import type { FlowRecord } from '../../flows/record.js';
import { protoName } from '../../outputs/eve-flow.js';
import { loadRuleset } from '../../alerts/load.js';
import type { Alert } from '../../alerts/record.js';
import { fastLine } from '../../outputs/fast.js';

export const DEMO_CAPTURE = (): string => packagePath('examples', 'demo', 'demo.pcap');
export const DEMO_RULES = (): string => packagePath('examples', 'demo', 'demo.rules');

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run netsift on its bundled demo capture (examples/demo/) and show what it finds')
    .option('-c, --count <n>', 'packet summaries to show', '12')
    .action(async (opts: { count: string }) => {
      const capture = DEMO_CAPTURE();
      if (!existsSync(capture)) {
        throw new EngineError('ERR_PCAP_IO', `the demo capture ${capture} is missing from this installation`);
      }
      const out = process.stdout;
      out.write(`netsift demo: ${capture}\n\n== stats (netsift stats) ==\n`);
      const inst = new EngineInstance();
      const t0 = process.hrtime.bigint();
      let bytes = 0;
      await runFiles(inst, [capture], { onFileDone: (p) => (bytes += p.rawBytes) });
      const stats = statsFromCounters(inst.snapshotCounters());
      out.write(
        formatStatsText(stats, {
          files: [capture],
          elapsedNs: Number(process.hrtime.bigint() - t0),
          fileBytes: bytes,
        }),
      );
      out.write(`\n== first ${opts.count} packets (netsift summary -c ${opts.count}) ==\n`);
      await printSummaries([capture], Number(opts.count), true);
      out.write('\n== largest flows (netsift flows; the engine on 2 workers) ==\n');
      const engine = createEngine({ workers: 2 });
      const flows: FlowRecord[] = [];
      engine.flows$.subscribe((f) => flows.push(f));
      try {
        await engine.run(fromFile([capture]));
      } finally {
        await engine.close();
      }
      const size = (f: FlowRecord): bigint => f.bytesToServer + f.bytesToClient;
      flows.sort((a, b) => (size(b) > size(a) ? 1 : size(b) < size(a) ? -1 : 0));
      out.write(`${flows.length} flows; the 5 largest:\n`);
      for (const f of flows.slice(0, 5)) {
        out.write(
          `  ${protoName(f.proto).padEnd(5)} ${`${f.srcIp}:${f.srcPort}`.padEnd(44)} -> ${`${f.destIp}:${f.destPort}`.padEnd(44)} ${String(f.pktsToServer + f.pktsToClient).padStart(4)} pkts ${String(size(f)).padStart(8)} bytes  ${f.tcpState}\n`,
        );
      }
      out.write(`\n== alerts (netsift read demo.pcap -S demo.rules; the engine on 2 workers) ==\n`);
      const rs = loadRuleset([DEMO_RULES()]);
      const alerting = createEngine({ workers: 2, rules: rs.compiled, ordered: true });
      const alerts: Alert[] = [];
      alerting.alerts$.subscribe((a) => alerts.push(a));
      try {
        await alerting.run(fromFile([capture]));
      } finally {
        await alerting.close();
      }
      out.write(`${rs.compiled.rules.length} rules, ${alerts.length} alerts (fast.log lines):\n`);
      for (const a of alerts) out.write(`  ${fastLine(a, { classifications: rs.classifications })}\n`);
      out.write(
        '\nNext: netsift decode FILE -T fields -e ip.src -e tcp.dstport · netsift stats FILE --json · netsift --help\n',
      );
    });
}
