/**
 * `netsift features FILE... [-o flows.csv] [--format csv|jsonl] [--labels labels.csv]`: one row of
 * CICFlowMeter-style features per flow, computed in WASM at flow end (src/ml/FEATURES.md), with
 * the flow's identity columns first and, when labels are given, a `label` column joined by
 * 5-tuple and time window (src/ml/labels.ts). Rows in flow start order.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { extractFeatures } from '../../ml/extract.js';
import { LabelIndex, readLabels } from '../../ml/labels.js';
import { csvHeader, csvLine, jsonLine } from '../../ml/table.js';
import { flowConfig } from './flows.js';

interface FeaturesOptions {
  output?: string;
  format: string;
  labels?: string;
  maxFlows?: string;
  timeout?: string[];
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

export async function featuresText(files: string[], opts: FeaturesOptions): Promise<string> {
  if (!['csv', 'jsonl'].includes(opts.format)) {
    throw new ConfigError(`features: unknown --format ${opts.format} (csv, jsonl)`);
  }
  const index = opts.labels ? new LabelIndex(readLabels(opts.labels)) : undefined;
  const rows = await extractFeatures(files, { config: flowConfig(opts) });
  const missing = rows.filter((r) => !r.valid).length;
  if (missing) {
    process.stderr.write(
      `netsift: warning: ${missing} flows have no features (more concurrent flows than the feature pool holds); their columns are 0\n`,
    );
  }
  const lines: string[] = [];
  if (opts.format === 'csv') lines.push(csvHeader(index !== undefined));
  for (const r of rows) {
    const label = index?.labelOf(r.flow);
    lines.push(opts.format === 'csv' ? csvLine(r, label) : jsonLine(r, label));
  }
  return lines.join('\n') + '\n';
}

export function registerFeatures(program: Command): void {
  program
    .command('features')
    .description('CICFlowMeter-style flow features (CSV or JSON lines), optionally labelled')
    .argument('<files...>', 'capture files (pcap, pcapng, gzip); - for standard input')
    .option('-o, --output <file>', 'write to FILE instead of standard output')
    .option('--format <fmt>', 'csv | jsonl', 'csv')
    .option('--labels <file>', 'labels.csv (label,src_ip,src_port,dest_ip,dest_port,proto,start_s,end_s)')
    .option('--max-flows <n>', 'flow table cap')
    .option('--timeout <kind=s>', 'flow timeout in seconds (as `netsift flows`)', collect, [])
    .action(async (files: string[], opts: FeaturesOptions) => {
      const text = await featuresText(files, opts);
      if (opts.output) writeFileSync(opts.output, text);
      else process.stdout.write(text);
    });
}
