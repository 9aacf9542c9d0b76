/** Run capture files through a fresh engine instance and collect packets and stats. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFiles, type RunHooks } from '../../src/capture/file-runner.js';
import { readPacketRecords, type DecodedPacket } from '../../src/packets/packet.js';
import { statsFromCounters, type EngineStats } from '../../src/stats/engine-stats.js';
import { EngineInstance } from '../../src/wasm/instance.js';

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
