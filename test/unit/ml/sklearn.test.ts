/**
 * scikit-learn interoperability: models trained with scikit-learn (LogisticRegression,
 * MLPClassifier, RandomForestClassifier) and exported by examples/export-sklearn.py score the
 * same flows inline, in WASM, within 1e-6 of scikit-learn's predict_proba. Needs python3 with
 * scikit-learn (Debian python3-sklearn; CI installs it): without it this test FAILS, by design.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileModelBlob } from '../../../src/ml/blob.js';
import { extractFeatures } from '../../../src/ml/extract.js';
import { columnIndices, predictProba, readModel } from '../../../src/ml/model.js';
import { csvHeader, csvLine } from '../../../src/ml/table.js';
import { labelledCapture, type Labelled } from './helpers.js';

const SCRIPT = join(import.meta.dirname, '../../../examples/export-sklearn.py');
const KINDS = ['logistic', 'mlp', 'forest'] as const;
let cap: Labelled;
let dir: string;

/**
 * The python3 that has scikit-learn: $NETSIFT_PYTHON, else `python3` on the PATH, else Debian's
 * /usr/bin/python3 (where python3-sklearn installs, when a pyenv python3 comes first on the PATH).
 */
function pythonWithSklearn(): string {
  const tried: string[] = [];
  const candidates = process.env.NETSIFT_PYTHON
    ? [process.env.NETSIFT_PYTHON]
    : ['python3', '/usr/bin/python3'];
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', 'import sklearn, numpy; print(sklearn.__version__)'], {
      encoding: 'utf8',
    });
    if (r.status === 0) return py;
    tried.push(`${py}: ${r.error?.message ?? r.stderr.trim().split('\n').pop()}`);
  }
  throw new Error(
    'this test needs python3 with scikit-learn (Debian: apt-get install -y python3-sklearn; CI installs it); ' +
      `tried ${tried.join('; ')}`,
  );
}

beforeAll(async () => {
  const python = pythonWithSklearn();
  cap = await labelledCapture(5, 6000, { spanS: 60, scale: 0.3 });
  dir = dirname(cap.pcap);
  const csv = join(dir, 'flows.csv');
  writeFileSync(
    csv,
    [csvHeader(true), ...cap.rows.map((r, i) => csvLine(r, cap.labels[i]))].join('\n') + '\n',
  );
  const r = spawnSync(
    python,
    [
      SCRIPT,
      'train',
      csv,
      '--model',
      KINDS.join(','),
      '-o',
      join(dir, '{model}.json'),
      '--proba',
      join(dir, '{model}.proba.csv'),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`export-sklearn.py failed: ${r.stderr}`);
}, 120_000);

function readProba(path: string): { classes: string[]; rows: number[][] } {
  const [head = '', ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  return { classes: head.split(','), rows: lines.map((l) => l.split(',').map(Number)) };
}

describe('scikit-learn models exported by examples/export-sklearn.py', () => {
  for (const kind of KINDS) {
    it(`${kind}: inline WASM scores and TypeScript probabilities within 1e-6 of predict_proba`, async () => {
      const m = readModel(join(dir, `${kind}.json`));
      const p = readProba(join(dir, `${kind}.proba.csv`));
      expect(m.classes).toEqual(p.classes);
      const benign = m.classes.indexOf('benign');
      const rows = await extractFeatures([cap.pcap], { model: compileModelBlob(m) });
      expect(rows).toHaveLength(p.rows.length);
      const cols = columnIndices(m);
      let maxWasm = 0;
      let maxTs = 0;
      rows.forEach((r, i) => {
        const want = p.rows[i]!;
        maxWasm = Math.max(maxWasm, Math.abs(r.score - (1 - want[benign]!)));
        const got = predictProba(
          m,
          cols.map((c) => r.features[c]!),
        );
        got.forEach((v, c) => (maxTs = Math.max(maxTs, Math.abs(v - want[c]!))));
      });
      console.log(
        `sklearn ${kind}: max |WASM score - sklearn| = ${maxWasm.toExponential(2)}, max |TS proba - sklearn| = ${maxTs.toExponential(2)}`,
      );
      expect(maxWasm).toBeLessThan(1e-6);
      expect(maxTs).toBeLessThan(1e-6);
    }, 30_000);
  }
});
