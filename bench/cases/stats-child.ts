/**
 * Child process for the peak-RSS case when the built CLI is not available: exactly what
 * `netsift stats` does on the hot path (one EngineInstance, runFiles with no per-packet hooks),
 * then the counters as one JSON line. Run: node --import tsx bench/cases/stats-child.ts FILE...
 */
import { runFiles } from '../../src/capture/file-runner.js';
import { EngineInstance } from '../../src/wasm/instance.js';
import * as L from '../../src/wasm/layout.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: stats-child.ts FILE...\n');
  process.exit(2);
}
const inst = new EngineInstance();
await runFiles(inst, files);
process.stdout.write(
  JSON.stringify({
    packets: Number(inst.counter(L.COUNTER_PACKETS)),
    bytes: Number(inst.counter(L.COUNTER_BYTES)),
    decoded: Number(inst.counter(L.COUNTER_DECODED)),
    invalid: Number(inst.counter(L.COUNTER_INVALID)),
  }) + '\n',
);
