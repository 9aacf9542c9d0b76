/** `captureStats(paths)`: the `netsift stats` numbers as a value, from the hot path. */
import { runFiles } from '../capture/file-runner.js';
import { EngineInstance } from '../wasm/instance.js';
import { statsFromCounters, type EngineStats } from './engine-stats.js';

export async function captureStats(paths: string | readonly string[]): Promise<EngineStats> {
  const inst = new EngineInstance();
  await runFiles(inst, typeof paths === 'string' ? [paths] : paths);
  return statsFromCounters(inst.snapshotCounters());
}
