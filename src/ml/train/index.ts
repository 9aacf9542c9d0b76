/**
 * Training entry point: a labelled feature table → dataset → model of the chosen kind, evaluated
 * on a stratified held-out split (or a separate test table), the report attached to the model.
 */
import { ConfigError } from '../../errors.js';
import { FEATURE_NAMES } from '../columns.js';
import { classificationReport, type Report } from '../metrics.js';
import { predictProba, type ModelJson } from '../model.js';
import type { FeatureTable } from '../table.js';
import { stratifiedSplit, type Dataset } from './common.js';
import { trainLogistic } from './logistic.js';
import { trainMlp } from './mlp.js';
import { trainForest } from './trees.js';

export const MODEL_KINDS = ['logistic', 'mlp', 'trees'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export interface TrainOptions {
  kind: ModelKind;
  benign?: string;
  seed?: number;
  holdout?: number;
  hidden?: number[];
  trees?: number;
}

/** Dataset over the table's feature columns (engine feature names only), classes benign first. */
export function toDataset(t: FeatureTable, classes?: string[], benign = 'benign'): Dataset {
  if (!t.labels) throw new ConfigError('the feature table has no label column');
  const keep = t.columns
    .map((c, i) => ((FEATURE_NAMES as readonly string[]).includes(c) ? i : -1))
    .filter((i) => i >= 0);
  const cls =
    classes ??
    [...new Set(t.labels)].sort((a, b) => (a === benign ? -1 : b === benign ? 1 : a.localeCompare(b)));
  const X: Float64Array[] = [];
  const y: number[] = [];
  t.rows.forEach((row, i) => {
    const c = cls.indexOf(t.labels![i]!);
    if (c < 0) return; // a class the model does not know (test table)
    X.push(Float64Array.from(keep, (k) => row[k]!));
    y.push(c);
  });
  return { X, y, classes: cls, columns: keep.map((i) => t.columns[i]!) };
}

export function fit(ds: Dataset, o: TrainOptions): ModelJson {
  const benign = ds.classes.includes(o.benign ?? 'benign') ? (o.benign ?? 'benign') : null;
  if (o.kind === 'logistic') return trainLogistic(ds, benign);
  if (o.kind === 'mlp') return trainMlp(ds, benign, { hidden: o.hidden, seed: o.seed });
  return trainForest(ds, benign, { trees: o.trees, seed: o.seed });
}

export function evaluate(m: ModelJson, ds: Dataset): Report {
  return classificationReport(
    m.classes,
    ds.y,
    ds.X.map((x) => predictProba(m, x)),
  );
}

/** Train on `train` (held-out split of it when no `test`), report on the evaluation side. */
export function trainAndReport(
  train: FeatureTable,
  test: FeatureTable | undefined,
  o: TrainOptions,
): { model: ModelJson; report: Report } {
  const full = toDataset(train, undefined, o.benign);
  let tr = full;
  let te: Dataset;
  if (test) te = toDataset(test, full.classes, o.benign);
  else ({ train: tr, test: te } = stratifiedSplit(full, o.holdout ?? 0.25, o.seed ?? 1));
  if (test && te.columns.join() !== tr.columns.join())
    throw new ConfigError('--test table has different feature columns');
  const model = fit(tr, o);
  const report = evaluate(model, te);
  model.report = { evaluated_on: test ? 'test' : `holdout ${o.holdout ?? 0.25}`, ...report };
  return { model, report };
}
