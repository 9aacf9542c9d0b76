/** Run capture files through a fresh engine instance and collect packets and stats. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Observable } from 'rxjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFiles, type RunHooks } from '../../src/capture/file-runner.js';
import { readPacketRecords, type DecodedPacket } from '../../src/packets/packet.js';
import { statsFromCounters, type EngineStats } from '../../src/stats/engine-stats.js';
import { EngineInstance } from '../../src/wasm/instance.js';
import { createEngine, fromFile, type Engine, type EngineOptions } from '../../src/engine.js';
import { pcapFile, type PcapRecord } from './capture-builder.js';

export async function decodeFiles(
  paths: readonly string[],
  hooks: Omit<RunHooks, 'emitPackets' | 'onPackets'> = {},
): Promise<{ packets: DecodedPacket[]; stats: EngineStats }> {
  const inst = new EngineInstance();
  const packets: DecodedPacket[] = [];
  await runFiles(inst, paths, {
    ...hooks,
    emitPackets: true,
    onPackets: (r) => packets.push(...readPacketRecords(r)),
  });
  return { packets, stats: statsFromCounters(inst.snapshotCounters()) };
}

/** Stats only, on the hot path (no packet records). */
export async function statsOf(paths: readonly string[], hooks: RunHooks = {}): Promise<EngineStats> {
  const inst = new EngineInstance();
  await runFiles(inst, paths, hooks);
  return statsFromCounters(inst.snapshotCounters());
}

let dir: string | undefined;
let seq = 0;

/** Write bytes to a fresh temporary file and return its path. */
export function tempFile(bytes: Uint8Array, name = 'capture.pcap'): string {
  dir ??= mkdtempSync(join(tmpdir(), 'netsift-test-'));
  const p = join(dir, `${seq++}-${name}`);
  writeFileSync(p, bytes);
  return p;
}

/** Run `records` through a fresh one-worker engine (createEngine) and collect what `pick` emits. */
export async function collect<T>(
  records: readonly PcapRecord[],
  options: EngineOptions,
  pick: (e: Engine) => Observable<T>,
): Promise<T[]> {
  const engine = createEngine({ workers: 1, ...options });
  const out: T[] = [];
  pick(engine).subscribe((x) => out.push(x));
  try {
    await engine.run(fromFile(tempFile(pcapFile(records))));
  } finally {
    await engine.close();
  }
  return out;
}

/** The alerts of `rules` over `records`, as sorted "sid@packet" strings. */
export async function alertsAt(rules: string, records: readonly PcapRecord[]): Promise<string[]> {
  const alerts = await collect(records, { rules: { text: rules } }, (e) => e.alerts$);
  return alerts.map((a) => `${a.rule.sid}@${a.pktNum}`).sort();
}

/** The packet numbers the alerts of `rules` over `records` were raised on, ascending. */
export async function alertPackets(rules: string, records: readonly PcapRecord[]): Promise<number[]> {
  const alerts = await collect(records, { rules: { text: rules } }, (e) => e.alerts$);
  return alerts.map((a) => Number(a.pktNum)).sort((a, b) => a - b);
}
