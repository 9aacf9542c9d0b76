/**
 * `netsift train flows.csv --label COL --model logistic|mlp|trees [-o model.json] [--test other.csv] [--json]`:
 * train a built-in model on a labelled feature table (`netsift features --labels`), print the
 * classification report (per-class precision, recall, F1, ROC-AUC, support; confusion matrix)
 * on a stratified held-out split or on --test, and write the model JSON (src/ml/MODELS.md).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { formatReport } from '../../ml/metrics.js';
import { readFeatureCsv } from '../../ml/table.js';
import { MODEL_KINDS, trainAndReport, type ModelKind } from '../../ml/train/index.js';

interface TrainCliOptions {
  label: string;
  model: string;
  output?: string;
  test?: string;
  json?: boolean;
  benign: string;
  seed: string;
  holdout: string;
  hidden?: string;
  trees?: string;
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train a flow classifier (logistic, mlp, trees) on a labelled feature CSV')
    .argument('<csv>', 'feature table from `netsift features --labels`')
    .option('--label <col>', 'label column', 'label')
    .option('--model <kind>', MODEL_KINDS.join(' | '), 'trees')
    .option('-o, --output <file>', 'write the model JSON here')
    .option('--test <csv>', 'evaluate on this table instead of a held-out split')
    .option('--json', 'print the report as JSON')
    .option('--benign <label>', 'the benign class (score = 1 − P(benign))', 'benign')
    .option('--seed <n>', 'random seed', '1')
    .option('--holdout <fraction>', 'held-out fraction without --test', '0.25')
    .option('--hidden <sizes>', 'mlp hidden layer sizes, e.g. 32 or 32,16')
    .option('--trees <n>', 'trees in the forest')
    .action((csv: string, o: TrainCliOptions) => {
      if (!(MODEL_KINDS as readonly string[]).includes(o.model)) {
        throw new ConfigError(`train: unknown --model ${o.model} (${MODEL_KINDS.join(', ')})`);
      }
      const train = readFeatureCsv(csv, o.label);
      const test = o.test ? readFeatureCsv(o.test, o.label) : undefined;
      const { model, report } = trainAndReport(train, test, {
        kind: o.model as ModelKind,
        benign: o.benign,
        seed: Number(o.seed),
        holdout: Number(o.holdout),
        hidden: o.hidden?.split(',').map(Number),
        trees: o.trees !== undefined ? Number(o.trees) : undefined,
      });
      if (o.output) writeFileSync(o.output, JSON.stringify(model) + '\n');
      process.stdout.write(o.json ? JSON.stringify(report, null, 1) + '\n' : formatReport(report) + '\n');
    });
}
