/**
 * engine.*: the full path through the worker pool (dispatcher → N workers → records →
 * observables), with flows and TCP reassembly on, for 1 and 2 workers on the same capture. The
 * pool is started and warmed by one untimed run; each timed iteration is one `engine.run`.
 * Scaling efficiency = (throughput with N workers) / (N × throughput with 1 worker).
 */
import { createEngine, fromFile, type EngineOptions } from '../../src/engine.js';
import type { Fixture } from '../lib/fixtures.js';
import { makeCase, nowNs, type BenchCase } from '../lib/measure.js';

export interface EngineBenchOptions {
  /** Extra engine options (rules, once the rule stage exists). */
  engine?: Partial<EngineOptions>;
  /** Case id prefix: `engine.flows` → engine.flows.w1, engine.flows.w2. */
  id?: string;
  stage?: string;
  /**
   * Run before each timed iteration, untimed with it; its times (ns) land in the case's
   * `paired_ns`: a ratio of the two then compares runs that met the same moment of a shared machine.
   */
  paired?: () => Promise<number>;
}

export async function benchEngine(
  fx: Fixture,
  workers: number,
  iterations: number,
  opts: EngineBenchOptions = {},
): Promise<BenchCase> {
  const engine = createEngine({ workers, flows: true, reassemble: true, ...opts.engine });
  let flows = 0;
  engine.flows$.subscribe(() => flows++);
  try {
    const warm = await engine.run(fromFile([fx.path]));
    if (warm.packets !== fx.manifest.packets) {
      throw new Error(
        `${opts.id ?? 'engine'}: ${warm.packets} packets counted, manifest says ${fx.manifest.packets}`,
      );
    }
    const flowsPerRun = flows;
    const times: number[] = [];
    const paired: number[] = [];
    for (let i = 0; i < iterations; i++) {
      if (opts.paired) paired.push(await opts.paired());
      const t0 = nowNs();
      await engine.run(fromFile([fx.path]));
      times.push(nowNs() - t0);
    }
    return makeCase(
      {
        id: `${opts.id ?? 'engine.flows'}.w${workers}`,
        stage: opts.stage ?? 'flow+reassemble',
        input: fx.name,
        packets: fx.manifest.packets,
        bytes: fx.manifest.bytes,
        workers,
        note: `${workers} worker(s), ${flowsPerRun} flows per run`,
        ...(opts.paired ? { paired_ns: paired } : {}),
      },
      times,
    );
  } finally {
    await engine.close();
  }
}

/** Scaling efficiency of the N-worker case against the 1-worker case, 0..1. */
export function scalingEfficiency(one: BenchCase, n: BenchCase): number {
  const w = n.workers ?? 1;
  return one.bytes_per_s > 0 ? n.bytes_per_s / (w * one.bytes_per_s) : 0;
}
