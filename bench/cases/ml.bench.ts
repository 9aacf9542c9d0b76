/**
 * ml.*: the cost of inline ML on the full path (flows + reassembly + 1,000 content rules +
 * alerts) through the worker pool, 1 worker, on the generator fixture:
 *   ml.base.w1       no ML
 *   ml.features.w1   flow features computed in WASM (updated per packet, finalised per flow)
 *   ml.<kind>.w1     features + inline scoring with a built-in model (logistic, mlp, trees)
 * and the overhead of each against ml.base (issue 8: < 10%), two ways: the pool runs' minimum
 * CPU time, and the WASM cost measured alone (single instance, minimum over runs: the robust
 * figure on a loaded machine) as a share of ml.base. The models are trained on a small labelled
 * scenario capture first (seconds). Run alone:
 *   npx tsx bench/cases/ml.bench.ts [--size 20M] [--iterations 8] [--json]
 * The 1,000 rules are drawn like match.bench.ts's makeContentRules (random 6-20 byte contents,
 * 30% nocase, on port 80 or any).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCapture } from '../gen/generate.js';
import { SCENARIO_NAMES } from '../gen/scenarios/index.js';
import { parseSize } from '../gen.js';
import { compileRuleset } from '../../src/rules/compile/ruleset.js';
import { loadRuleText } from '../../src/rules/loader.js';
import { extractFeatures } from '../../src/ml/extract.js';
import { LabelIndex, readLabels } from '../../src/ml/labels.js';
import { FEATURE_NAMES } from '../../src/ml/columns.js';
import { trainAndReport, MODEL_KINDS } from '../../src/ml/train/index.js';
import type { ModelJson } from '../../src/ml/model.js';
import { ensureFixture, type Fixture } from '../lib/fixtures.js';
import { makeCase, nowNs, type BenchCase } from '../lib/measure.js';
import { runFiles } from '../../src/capture/file-runner.js';
import { EngineInstance } from '../../src/wasm/instance.js';
import { enableFeatures, loadModelBlob } from '../../src/wasm/features.js';
import { compileModelBlob } from '../../src/ml/blob.js';
import { createEngine, fromFile } from '../../src/engine.js';
import type { EngineMlOptions } from '../../src/ml/engine-ml.js';

function contentRules(n: number, seed: number): string {
  let s = seed >>> 0 || 1;
  const r = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  const alpha = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-=?&%';
  const word = (min: number, max: number): string => {
    let w = '';
    for (let i = min + Math.floor(r() * (max - min + 1)); i > 0; i--)
      w += alpha[Math.floor(r() * alpha.length)];
    return w;
  };
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    let opts = `content:"${word(6, 20)}";`;
    if (r() < 0.3) opts += ' nocase;';
    lines.push(
      `alert tcp any any -> any ${r() < 0.5 ? '80' : 'any'} (msg:"ml bench ${i}"; ${opts} sid:${9000000 + i}; rev:1;)`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Built-in models trained on a small labelled scenario capture. */
export async function trainBenchModels(): Promise<Record<string, ModelJson>> {
  const dir = mkdtempSync(join(tmpdir(), 'netsift-mlbench-'));
  const pcap = join(dir, 'train.pcap');
  const labels = join(dir, 'labels.csv');
  generateCapture({
    seed: 3,
    packets: 12000,
    clean: true,
    out: pcap,
    scenarios: SCENARIO_NAMES,
    labels,
    spanS: 60,
  });
  const rows = await extractFeatures([pcap]);
  const idx = new LabelIndex(readLabels(labels));
  const table = {
    columns: [...FEATURE_NAMES],
    rows: rows.map((r) => r.features),
    labels: rows.map((r) => idx.labelOf(r.flow)),
  };
  const out: Record<string, ModelJson> = {};
  for (const kind of MODEL_KINDS) out[kind] = trainAndReport(table, undefined, { kind }).model;
  return out;
}

/**
 * The WASM cost alone, single instance, no rules (flows + reassembly): minimum wall time over
 * `iterations` runs per variant (the minimum filters out other load), so the added milliseconds
 * of features and of each model are measured without the pool's noise.
 */
async function wasmCost(
  fx: Fixture,
  models: Record<string, ModelJson>,
  iterations: number,
): Promise<Map<string, number>> {
  const setups: [string, (i: EngineInstance) => void][] = [
    ['flows', () => {}],
    ['features', (i) => enableFeatures(i)],
    ...Object.entries(models).map(
      ([k, m]) =>
        [
          k,
          (i: EngineInstance) => {
            enableFeatures(i);
            loadModelBlob(i, compileModelBlob(m));
          },
        ] as [string, (i: EngineInstance) => void],
    ),
  ];
  const insts = setups.map(([, f]) => {
    const i = new EngineInstance();
    f(i);
    return i;
  });
  const best = new Map<string, number>();
  for (let it = 0; it < Math.max(iterations, 10); it++) {
    for (let v = 0; v < setups.length; v++) {
      const t0 = nowNs();
      await runFiles(insts[v]!, [fx.path], { flows: true, reassemble: true, onFlows: () => {} });
      const t = nowNs() - t0;
      const k = setups[v]![0];
      best.set(k, Math.min(best.get(k) ?? Infinity, t));
    }
  }
  return best;
}

interface Variant {
  id: string;
  ml: EngineMlOptions | undefined;
}

/**
 * One engine per variant (1 worker, flows + reassembly + the rules), warmed by one run; then the
 * variants take turns, `iterations` rounds, so load on the machine hits them alike. Wall time per
 * run and the process CPU time (all threads) are kept; the overhead is on the minimum CPU time,
 * the figure least disturbed by other processes.
 */
export async function benchMl(
  fx: Fixture,
  iterations: number,
  log: (s: string) => void,
): Promise<BenchCase[]> {
  const rules = compileRuleset(loadRuleText(contentRules(1000, 1), 'ml-bench.rules').rules);
  log('ml: training the models on a labelled scenario capture');
  const models = await trainBenchModels();
  const variants: Variant[] = [
    { id: 'ml.base', ml: undefined },
    { id: 'ml.features', ml: {} },
    ...Object.entries(models).map(([kind, model]) => ({ id: `ml.${kind}`, ml: { model } })),
  ];
  const engines = variants.map((v) =>
    createEngine({ workers: 1, flows: true, reassemble: true, rules, ml: v.ml }),
  );
  const wall = variants.map(() => [] as number[]);
  const cpu = variants.map(() => [] as number[]);
  const flagged = variants.map(() => 0);
  engines.forEach((e, i) => e.ml$.subscribe((s) => (flagged[i]! += s.flagged ? 1 : 0)));
  try {
    for (const e of engines) await e.run(fromFile([fx.path]));
    const warmFlagged = flagged.slice();
    for (let it = 0; it < iterations; it++) {
      for (let i = 0; i < engines.length; i++) {
        const c0 = process.cpuUsage();
        const t0 = nowNs();
        await engines[i]!.run(fromFile([fx.path]));
        wall[i]!.push(nowNs() - t0);
        const c = process.cpuUsage(c0);
        cpu[i]!.push((c.user + c.system) * 1000);
      }
      log(`ml: round ${it + 1}/${iterations}`);
    }
    const minCpu = cpu.map((xs) => Math.min(...xs));
    log('ml: WASM cost alone (single instance, minimum of the runs)');
    const wasm = await wasmCost(fx, models, iterations);
    const flowsNs = wasm.get('flows')!;
    const added = (k: string | undefined): string => {
      const t = k ? wasm.get(k) : undefined;
      if (t === undefined) return '';
      return `; WASM +${((t - flowsNs) / 1e6).toFixed(2)} ms = +${(((t - flowsNs) / minCpu[0]!) * 100).toFixed(1)}% of ml.base CPU`;
    };
    return variants.map((v, i) =>
      makeCase(
        {
          id: `${v.id}.w1`,
          stage: 'ml',
          input: fx.name,
          packets: fx.manifest.packets,
          bytes: fx.manifest.bytes,
          workers: 1,
          note:
            `1,000 rules; min CPU ${(minCpu[i]! / 1e6).toFixed(1)} ms` +
            (i > 0 ? ` (+${(((minCpu[i]! - minCpu[0]!) / minCpu[0]!) * 100).toFixed(1)}% vs ml.base)` : '') +
            (v.ml?.model ? `; ${warmFlagged[i]} flows flagged per run` : '') +
            added(v.ml === undefined ? undefined : v.ml.model ? v.id.slice(3) : 'features'),
        },
        wall[i]!,
      ),
    );
  } finally {
    await Promise.all(engines.map((e) => e.close()));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '20M' },
      iterations: { type: 'string', default: '8' },
      json: { type: 'boolean' },
    },
  });
  const log = (s: string): void => void process.stderr.write(s + '\n');
  const fx = ensureFixture(parseSize(values.size!), 1, log);
  const cases = await benchMl(fx, Number(values.iterations), log);
  if (values.json) process.stdout.write(JSON.stringify(cases, null, 1) + '\n');
  else
    for (const c of cases)
      process.stdout.write(
        `${c.id.padEnd(16)} ${(c.median_ns / 1e6).toFixed(1).padStart(8)} ms  ±${(c.mad_ns / 1e6).toFixed(1)}  ${(c.bytes_per_s / 1e6).toFixed(0)} MB/s  ${c.note ?? ''}\n`,
      );
}
