/**
 * The ML commands end to end, in-process: `netsift features` (CSV with labels, JSON lines),
 * `netsift train --json` (the report shape of issue 8) with `-o model.json`, `netsift baseline`,
 * and their usage errors.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCapture } from '../../../bench/gen/generate.js';
import { SCENARIO_NAMES } from '../../../bench/gen/scenarios/index.js';
import { FEATURE_NAMES, ID_COLUMNS } from '../../../src/ml/columns.js';
import { readModel } from '../../../src/ml/model.js';
import { runCli } from '../../helpers/cli.js';

let dir: string;
let pcap: string;
let labels: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netsift-mlcli-'));
  pcap = join(dir, 'x.pcap');
  labels = join(dir, 'x.labels.csv');
  generateCapture({
    seed: 9,
    packets: 6000,
    clean: true,
    out: pcap,
    scenarios: SCENARIO_NAMES,
    labels,
    spanS: 40,
    scenarioScale: 0.3,
  });
});

describe('netsift features / train / baseline', () => {
  it('writes a labelled feature CSV and JSON lines', async () => {
    const csv = join(dir, 'x.csv');
    const r = await runCli(['features', pcap, '--labels', labels, '-o', csv]);
    expect(r.code).toBe(0);
    const [head = '', ...rows] = readFileSync(csv, 'utf8').trim().split('\n');
    expect(head.split(',')).toEqual([...ID_COLUMNS, ...FEATURE_NAMES, 'label']);
    const seen = new Set(rows.map((l) => l.slice(l.lastIndexOf(',') + 1)));
    expect([...seen].sort()).toEqual(['benign', ...SCENARIO_NAMES].sort());
    const j = await runCli(['features', pcap, '--format', 'jsonl']);
    const first = JSON.parse(j.stdout.split('\n')[0]!) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([...ID_COLUMNS, ...FEATURE_NAMES]);
    expect(j.stdout.trim().split('\n')).toHaveLength(rows.length);
  });

  it('trains and prints the JSON report', async () => {
    const csv = join(dir, 'x.csv');
    const model = join(dir, 'm.json');
    const r = await runCli(['train', csv, '--model', 'trees', '--trees', '10', '-o', model, '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as {
      per_class: Record<string, Record<string, number>>;
      confusion_matrix: number[][];
    };
    for (const c of ['benign', ...SCENARIO_NAMES]) {
      expect(Object.keys(rep.per_class[c]!)).toEqual(
        expect.arrayContaining(['precision', 'recall', 'f1', 'support']),
      );
    }
    expect(rep.confusion_matrix).toHaveLength(SCENARIO_NAMES.length + 1);
    expect(readModel(model).kind).toBe('forest');
    const text = await runCli(['train', csv, '--model', 'logistic']);
    expect(text.stdout).toMatch(/precision\s+recall\s+f1\s+roc_auc\s+support/);
    expect(text.stdout).toContain('confusion matrix');
  });

  it('fits a baseline and rejects bad options', async () => {
    const out = join(dir, 'b.json');
    const r = await runCli(['baseline', pcap, '-o', out]);
    expect(r.code).toBe(0);
    expect(readModel(out).kind).toBe('iforest');
    const logs = join(dir, 'logs');
    const read = await runCli(['read', pcap, '--anomaly', out, '-l', logs, '--no-progress', '-w', '1']);
    expect(read.code).toBe(0);
    expect(read.stdout).toMatch(/ml: +iforest: [\d,]+ flows scored, \d+ flagged/);
    const ml = readFileSync(join(logs, 'eve.json'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"event_type":"ml"'))
      .map((l) => JSON.parse(l) as { ml: { kind: string; score: number } });
    expect(ml.length).toBeGreaterThan(0);
    expect(ml.every((e) => e.ml.kind === 'iforest' && e.ml.score >= 0.5)).toBe(true);
    const wrong = await runCli(['read', pcap, '--model', out]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('a baseline goes with --anomaly');
    const robust = await runCli(['baseline', pcap, '-o', out, '--method', 'robust']);
    expect(robust.stdout).toContain('baseline (baseline)');
    expect(readModel(out).kind).toBe('baseline');
    const bad = await runCli(['train', join(dir, 'x.csv'), '--model', 'svm']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown --model svm');
    const badFmt = await runCli(['features', pcap, '--format', 'xml']);
    expect(badFmt.code).toBe(2);
  });
});
