/**
 * decode.stats: the framing + decode + stats stage in-process, one worker: a fresh
 * EngineInstance per iteration and runFiles with no hooks (no per-packet JavaScript), after one
 * untimed warm-up pass that also brings the file into the page cache.
 */
import { runFiles } from '../../src/capture/file-runner.js';
import { EngineInstance } from '../../src/wasm/instance.js';
import * as L from '../../src/wasm/layout.js';
import { compileEngineModule } from '../../src/wasm/module.js';
import type { Fixture } from '../lib/fixtures.js';
import { makeCase, nowNs, type BenchCase } from '../lib/measure.js';

/** One timed decode.stats pass over the fixture: a fresh instance of `module`, no hooks. */
export async function decodeStatsOnce(
  fx: Fixture,
  module: WebAssembly.Module,
): Promise<{ ns: number; packets: number; decoded: number }> {
  const inst = new EngineInstance(module);
  const t0 = nowNs();
  await runFiles(inst, [fx.path]);
  const ns = nowNs() - t0;
  return {
    ns,
    packets: Number(inst.counter(L.COUNTER_PACKETS)),
    decoded: Number(inst.counter(L.COUNTER_DECODED)),
  };
}

export async function benchDecodeStats(fx: Fixture, iterations: number): Promise<BenchCase> {
  const module = compileEngineModule();
  const runOnce = (): ReturnType<typeof decodeStatsOnce> => decodeStatsOnce(fx, module);
  const warm = await runOnce();
  if (warm.packets !== fx.manifest.packets) {
    throw new Error(
      `decode.stats: engine counted ${warm.packets} packets, manifest says ${fx.manifest.packets}`,
    );
  }
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) times.push((await runOnce()).ns);
  return makeCase(
    {
      id: 'decode.stats',
      stage: 'decode',
      input: fx.name,
      packets: warm.packets,
      bytes: fx.manifest.bytes,
      note: `decoded ${warm.decoded}/${warm.packets}`,
    },
    times,
  );
}
