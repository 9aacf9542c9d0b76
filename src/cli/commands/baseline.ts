/**
 * `netsift baseline FILE... -o baseline.json [--method iforest|robust] [--quantile 0.99]`: fit the
 * unsupervised baseline (src/ml/baseline.ts: an isolation forest, or robust z-score distance) on
 * known-good traffic; `netsift read FILE --anomaly baseline.json` then
 * scores every finished flow against it in WASM and writes EVE `ml` events for outliers.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { fitBaseline, fitIsolationForest } from '../../ml/baseline.js';
import { extractFeatures } from '../../ml/extract.js';

export function registerBaseline(program: Command): void {
  program
    .command('baseline')
    .description('fit an unsupervised flow baseline on known-good traffic (for read --anomaly)')
    .argument('<files...>', 'capture files of known-good traffic')
    .requiredOption('-o, --output <file>', 'write the baseline JSON here')
    .option('--quantile <q>', 'share of good flows under the threshold', '0.99')
    .option('--method <m>', 'iforest (isolation forest) | robust (robust z-score distance)', 'iforest')
    .action(async (files: string[], o: { output: string; quantile: string; method: string }) => {
      if (!['iforest', 'robust'].includes(o.method)) {
        throw new ConfigError(`baseline: unknown --method ${o.method} (iforest, robust)`);
      }
      const q = Number(o.quantile);
      if (!(q > 0.5 && q < 1))
        throw new ConfigError(`baseline: --quantile must be in (0.5, 1), got ${o.quantile}`);
      const rows = (await extractFeatures(files)).filter((r) => r.valid).map((r) => r.features);
      const m = o.method === 'robust' ? fitBaseline(rows, q) : fitIsolationForest(rows, { quantile: q });
      writeFileSync(o.output, JSON.stringify(m) + '\n');
      process.stdout.write(
        `baseline (${m.kind}): ${rows.length} flows, ${m.columns.length} features, k = ${m.k!.toFixed(4)}\n`,
      );
    });
}
