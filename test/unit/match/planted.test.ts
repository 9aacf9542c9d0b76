/**
 * End to end over generated captures (bench/gen): every planted attack of the manifest is found by
 * bench/gen/attack.rules (the split ones only through stream reassembly), on the packet that
 * completes it, whatever the number of workers; a clean capture raises no alert.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCapture, type Manifest } from '../../../bench/gen/generate.js';
import type { Alert } from '../../../src/alerts/record.js';
import { createEngine, fromFile } from '../../../src/engine.js';
import { loadRules } from '../../../src/rules/loader.js';
import { compileRuleset } from '../../../src/rules/compile/ruleset.js';

const RULES = new URL('../../../bench/gen/attack.rules', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'netsift-planted-'));
const compiled = compileRuleset(loadRules([RULES]).rules);

async function alertsOf(pcap: Uint8Array, name: string, workers: number): Promise<Alert[]> {
  const path = join(dir, name);
  writeFileSync(path, pcap);
  const engine = createEngine({ workers, rules: compiled, ordered: true });
  const out: Alert[] = [];
  engine.alerts$.subscribe((a) => out.push(a));
  try {
    await engine.run(fromFile(path));
  } finally {
    await engine.close();
  }
  return out;
}

function key(sid: number, pkt: number | bigint): string {
  return `${sid}@${pkt}`;
}

describe('planted attacks of generated captures', () => {
  it.each([
    [11, 1],
    [12, 2],
    [13, 4],
  ])('seed %i: every planted attack alerts once, on its last packet (%i workers)', async (seed, workers) => {
    const { pcap, manifest } = generateCapture({ seed, packets: 6000 }) as {
      pcap: Uint8Array;
      manifest: Manifest;
    };
    expect(manifest.attacks.length).toBeGreaterThan(0);
    expect(manifest.attacks.some((a) => a.split)).toBe(true);
    const alerts = await alertsOf(pcap, `seed${seed}.pcap`, workers);
    const got = alerts.map((a) => key(a.rule.sid, a.pktNum)).sort();
    const want = manifest.attacks.map((a) => key(a.sid, Math.max(...a.packets))).sort();
    expect(got).toEqual(want);
  });

  it('a clean capture raises no alert', async () => {
    const { pcap } = generateCapture({ seed: 21, packets: 6000, clean: true }) as { pcap: Uint8Array };
    expect(await alertsOf(pcap, 'clean.pcap', 2)).toEqual([]);
  });
});
