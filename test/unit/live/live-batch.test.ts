/**
 * Live batches: BatchWriter's records are what assembly/frame/batch.ts frames (FORMAT_BATCH), and
 * a LiveSource carries them through the worker pool, dropping whole batches (counted) when the
 * engine is behind. No capture device needed.
 */
import { describe, expect, it } from 'vitest';
import { BatchWriter, batchRecordSize } from '../../../src/capture/live-batch.js';
import { fromLive, LiveSource } from '../../../src/capture/live-source.js';
import { StreamFeeder } from '../../../src/capture/file-runner.js';
import { createEngine } from '../../../src/engine.js';
import { readPacketRecords, type DecodedPacket } from '../../../src/packets/packet.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import * as L from '../../../src/wasm/layout.js';
import { udpFrame } from '../../helpers/capture-builder.js';

function batchOf(frames: Buffer[], capacity = 1 << 20): BatchWriter {
  const w = new BatchWriter(capacity);
  frames.forEach((f, i) =>
    w.add(f, f.length, f.length + (i === 1 ? 100 : 0), 1_000_000_000n * BigInt(i + 1), 1, 3),
  );
  return w;
}

describe('BatchWriter', () => {
  it('writes records the engine frames as FORMAT_BATCH', () => {
    const frames = [udpFrame(0), udpFrame(1), udpFrame(2)];
    const w = batchOf(frames);
    expect(w.size).toBe(frames.reduce((n, f) => n + batchRecordSize(f.length), 0));
    const b = w.take()!;
    expect(b.packets).toBe(3);
    expect(w.take()).toBeUndefined();
    const inst = new EngineInstance();
    const packets: DecodedPacket[] = [];
    const feeder = new StreamFeeder(
      inst,
      'batch',
      { emitPackets: true, onPackets: (r) => packets.push(...readPacketRecords(r)) },
      L.FORMAT_BATCH,
    );
    feeder.feed(b.bytes, true);
    expect(
      packets.map((p) => [p.number, p.tsNs, p.captureLength, p.originalLength, p.linkType, p.interfaceId]),
    ).toEqual([
      [1, 1_000_000_000n, frames[0]!.length, frames[0]!.length, 1, 3],
      [2, 2_000_000_000n, frames[1]!.length, frames[1]!.length + 100, 1, 3],
      [3, 3_000_000_000n, frames[2]!.length, frames[2]!.length, 1, 3],
    ]);
    expect(packets.every((p) => p.anomaly === undefined)).toBe(true);
  });

  it('says when a record no longer fits', () => {
    const w = new BatchWriter(batchRecordSize(L.MAX_CAPLEN));
    expect(w.fits(L.MAX_CAPLEN)).toBe(true);
    w.add(udpFrame(0), 60, 60, 1n, 1);
    expect(w.fits(L.MAX_CAPLEN)).toBe(false);
    expect(() => new BatchWriter(1000)).toThrow(RangeError);
  });
});

describe('LiveSource', () => {
  it('queues batches, drops whole batches beyond maxQueued, ends with 0', async () => {
    const s = new LiveSource('live:test', 2);
    const a = new Uint8Array([1, 2, 3]);
    expect(s.push(a, 1)).toBe(true);
    expect(s.push(new Uint8Array([4]), 2)).toBe(true);
    expect(s.push(new Uint8Array([5, 6]), 7)).toBe(false);
    expect(s.drops).toEqual({ batches: 1, packets: 7, bytes: 2 });
    const dst = new Uint8Array(8);
    expect(await s.fill(dst, 0, 2)).toBe(2);
    expect(await s.fill(dst, 2, 8)).toBe(1);
    expect(await s.fill(dst, 3, 8)).toBe(1);
    expect([...dst.subarray(0, 4)]).toEqual([1, 2, 3, 4]);
    const pending = s.fill(dst, 0, 8);
    s.end();
    expect(await pending).toBe(0);
    expect(s.push(a, 1)).toBe(false);
  });

  it('runs through the worker pool: every packet counted once, flows for any worker count', async () => {
    const frames = Array.from({ length: 50 }, (_, i) => udpFrame(i));
    for (const workers of [1, 3]) {
      const source = new LiveSource('live:test');
      const engine = createEngine({ workers, flows: true, ordered: true });
      let flows = 0;
      engine.flows$.subscribe(() => flows++);
      const run = engine.run(fromLive(source));
      for (let i = 0; i < frames.length; i += 10) {
        const b = batchOf(frames.slice(i, i + 10)).take()!;
        source.push(b.bytes, b.packets);
        await new Promise((r) => setTimeout(r, 5));
      }
      source.end();
      const stats = await run;
      await engine.close();
      expect(stats.packets).toBe(50);
      expect(stats.decoded).toBe(50);
      expect(flows).toBe(50); // a source port per packet: 50 UDP flows
    }
  });
});
