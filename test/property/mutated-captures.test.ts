/**
 * Hostile input: 10,000 mutated captures (bit flips, truncation, garbage lengths, spliced
 * garbage) built from every capture of the decode corpus and from synthetic ones. For each:
 * nothing but a typed PcapError leaves the engine, nothing hangs, and every packet read is
 * accounted for (decoded + invalid == packets). Deterministic (seeded), so a failure replays.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memorySource } from '../../src/capture/byte-source.js';
import { runSource } from '../../src/capture/file-runner.js';
import { PcapError } from '../../src/errors.js';
import { statsFromCounters } from '../../src/stats/engine-stats.js';
import { EngineInstance } from '../../src/wasm/instance.js';
import { epb, idb, pcapFile, shb, udpFrame } from '../helpers/capture-builder.js';
import { rng } from '../helpers/rng.js';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus/decode');

function seeds(): Buffer[] {
  const out: Buffer[] = [];
  for (const f of readdirSync(CORPUS)) if (/\.pcap(ng)?$/.test(f)) out.push(readFileSync(join(CORPUS, f)));
  const frames = Array.from({ length: 6 }, (_, i) => udpFrame(i));
  out.push(pcapFile(frames.map((data, i) => ({ tsNs: BigInt(i) * 1000n, data }))));
  out.push(Buffer.concat([shb(), idb(1, { tsresol: 9 }), ...frames.map((f, i) => epb(0, BigInt(i), f))]));
  return out;
}

function mutate(base: Buffer, r: () => number): Buffer {
  const b = Buffer.from(base);
  const kind = r() % 5;
  const n = 1 + (r() % 8);
  if (kind === 0) {
    for (let i = 0; i < n; i++) {
      const at = r() % b.length;
      b[at] = (b[at] ?? 0) ^ (1 << (r() % 8)); // bit flips
    }
    return b;
  }
  if (kind === 1) return b.subarray(0, r() % (b.length + 1)); // truncation anywhere
  if (kind === 2) {
    // garbage 32-bit length at a random aligned offset past the file header
    for (let i = 0; i < n; i++) {
      const at = 24 + 4 * (r() % Math.max(1, (b.length - 28) >> 2));
      if (at + 4 <= b.length) b.writeUInt32LE(r(), at);
    }
    return b;
  }
  if (kind === 3) {
    for (let i = 0; i < n * 8; i++) b[r() % b.length] = r() & 0xff; // random bytes
    return b;
  }
  const at = r() % b.length; // splice garbage into the middle
  const junk = Buffer.alloc(1 + (r() % 64));
  for (let i = 0; i < junk.length; i++) junk[i] = r() & 0xff;
  return Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]);
}

describe('mutated captures', () => {
  it('never throw anything but PcapError, never hang, and account for every packet (10,000 cases)', async () => {
    const bases = seeds();
    const inst = new EngineInstance();
    const r = rng(0x5eed);
    let errors = 0;
    let packets = 0;
    for (let i = 0; i < 10_000; i++) {
      const base = bases[i % bases.length]!;
      const input = mutate(base, r);
      inst.resetStats();
      inst.packetNumber = 0n;
      const t0 = performance.now();
      try {
        await runSource(inst, memorySource(`case-${i}`, input), {
          emitPackets: (i & 7) === 0,
          onPackets: () => {},
        });
      } catch (err) {
        if (!(err instanceof PcapError)) {
          throw new Error(
            `case ${i}: ${(err as Error).stack}\ninput (hex): ${input.toString('hex').slice(0, 400)}`,
          );
        }
        errors++;
      }
      expect(performance.now() - t0, `case ${i} took too long`).toBeLessThan(2000);
      const s = statsFromCounters(inst.snapshotCounters()); // throws if accounting is broken
      expect(s.decoded + s.invalid).toBe(s.packets);
      packets += s.packets;
    }
    // the mutations must exercise both outcomes, or the test proves nothing
    console.log(
      `mutated captures: ${bases.length} seeds, ${errors} rejected as PcapError, ${packets} packets accounted`,
    );
    expect(errors).toBeGreaterThan(100);
    expect(packets).toBeGreaterThan(100_000);
  }, 120_000);
});
