/**
 * Feature tables: the CSV / JSON-lines form of flow features (`netsift features`), and reading it
 * back for training (`netsift train`). CSV: a header row of ID_COLUMNS, FEATURE_NAMES and, when
 * labels were joined, `label`; numbers in JavaScript's shortest round-trip form (so a value read
 * back is bit-identical to the one the engine computed).
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { FEATURE_NAMES, ID_COLUMNS } from './columns.js';
import type { FlowFeatures } from './extract.js';

export interface FeatureTable {
  /** Feature column names (the numeric columns used for learning). */
  columns: string[];
  rows: Float64Array[];
  labels: string[] | undefined;
}

function idValues(r: FlowFeatures): (string | number)[] {
  const f = r.flow;
  return [
    String(f.flowId),
    String(f.startNs),
    String(f.endNs),
    f.srcIp,
    f.srcPort,
    f.destIp,
    f.destPort,
    f.proto,
  ];
}

export function csvHeader(withLabel: boolean): string {
  return [...ID_COLUMNS, ...FEATURE_NAMES, ...(withLabel ? ['label'] : [])].join(',');
}

export function csvLine(r: FlowFeatures, label?: string): string {
  const v: (string | number)[] = [...idValues(r), ...Array.from(r.features)];
  if (label !== undefined) v.push(label);
  return v.join(',');
}

export function jsonLine(r: FlowFeatures, label?: string): string {
  const o: Record<string, unknown> = {};
  const ids = idValues(r);
  ID_COLUMNS.forEach((c, i) => (o[c] = ids[i]));
  FEATURE_NAMES.forEach((c, i) => (o[c] = r.features[i]));
  if (label !== undefined) o.label = label;
  return JSON.stringify(o);
}

const ID_SET = new Set<string>(ID_COLUMNS);

/** Parse a feature CSV: every column that is not an id column or the label column is a feature. */
export function parseFeatureCsv(text: string, labelCol = 'label', file = 'features.csv'): FeatureTable {
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const header = (lines.shift() ?? '').split(',');
  const li = header.indexOf(labelCol);
  const featIdx: number[] = [];
  header.forEach((h, i) => {
    if (i !== li && !ID_SET.has(h)) featIdx.push(i);
  });
  if (featIdx.length === 0) throw new ConfigError(`${file}: no feature columns`);
  const rows: Float64Array[] = [];
  const labels: string[] = [];
  lines.forEach((l, n) => {
    const f = l.split(',');
    const row = new Float64Array(featIdx.length);
    featIdx.forEach((c, k) => {
      const v = Number(f[c]);
      if (Number.isNaN(v)) throw new ConfigError(`${file}:${n + 2}: column ${header[c]} is not a number`);
      row[k] = v;
    });
    rows.push(row);
    if (li >= 0) labels.push(f[li] ?? '');
  });
  return { columns: featIdx.map((i) => header[i] ?? ''), rows, labels: li >= 0 ? labels : undefined };
}

export function readFeatureCsv(path: string, labelCol = 'label'): FeatureTable {
  return parseFeatureCsv(readFileSync(path, 'utf8'), labelCol, path);
}
