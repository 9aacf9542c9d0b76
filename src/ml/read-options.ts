/**
 * `netsift read --model model.json` / `--anomaly baseline.json`: the engine's ML options from
 * the command line, and the summary line (flows scored, flows flagged by class).
 */
import { ConfigError } from '../errors.js';
import type { Engine } from '../engine.js';
import type { EngineMlOptions } from './engine-ml.js';
import { readModel } from './model.js';

export const MODEL_OPTION_HELP =
  'score every finished flow in WASM with a model JSON (netsift train, examples/export-sklearn.py); EVE "ml" events';
export const ANOMALY_OPTION_HELP =
  'score every finished flow against a baseline (netsift baseline); EVE "ml" events';

export function mlEngineOptions(o: { model?: string; anomaly?: string }): EngineMlOptions | undefined {
  if (o.model && o.anomaly)
    throw new ConfigError('--model and --anomaly cannot be combined (one model per run)');
  const path = o.model ?? o.anomaly;
  if (!path) return undefined;
  const model = readModel(path);
  const unsupervised = model.kind === 'baseline' || model.kind === 'iforest';
  if (o.anomaly && !unsupervised)
    throw new ConfigError(`--anomaly ${path}: not a baseline (kind ${model.kind})`);
  if (o.model && unsupervised) throw new ConfigError(`--model ${path}: a baseline goes with --anomaly`);
  return { model };
}

/** Counts scored and flagged flows; line() is the summary line (undefined without ML). */
export function mlSummary(engine: Engine): { line(): string | undefined } {
  let scored = 0;
  let model: string | undefined;
  const flagged = new Map<string, number>();
  engine.ml$.subscribe((s) => {
    scored++;
    model = s.model;
    if (s.flagged) {
      const k = s.label ?? 'anomaly';
      flagged.set(k, (flagged.get(k) ?? 0) + 1);
    }
  });
  return {
    line() {
      if (!scored || !model) return undefined;
      const total = [...flagged.values()].reduce((a, b) => a + b, 0);
      const by = [...flagged].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
      return `ml:           ${model}: ${scored.toLocaleString('en-US')} flows scored, ${total} flagged${by.length ? ` (${by.join(', ')})` : ''}\n`;
    },
  };
}
