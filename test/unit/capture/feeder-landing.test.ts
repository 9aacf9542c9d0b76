/**
 * StreamFeeder's landing path (what a pool worker does with its read-ahead): each chunk lands in
 * the half of the input region the previous one is not in, and the partial record the previous
 * one left moves in front of it. The packets must be exactly those of the plain window path, for
 * chunk sizes that cut records anywhere, records of up to MAX_CAPLEN bytes, landed bytes written
 * before or after the previous chunk is processed (a read finishes at any time), and a carried
 * remainder longer than the room kept in front of a landing.
 */
import { describe, expect, it } from 'vitest';
import { StreamFeeder } from '../../../src/capture/file-runner.js';
import { readPacketRecords } from '../../../src/packets/packet.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import * as L from '../../../src/wasm/layout.js';
import { pcapFile } from '../../helpers/capture-builder.js';

/** Records of varied sizes, a few near MAX_CAPLEN (bytes, not frames: framing is what is tested). */
function capture(): Buffer {
  const sizes = [60, 1500, 200_000, 9000, 64, L.MAX_CAPLEN - 100, 3000, 70_000, 1, 150_000, 600];
  const records = [];
  for (let i = 0; i < 60; i++) {
    const data = Buffer.alloc(sizes[i % sizes.length]!, i & 0xff);
    data.fill(0xee, 0, Math.min(data.length, 14)); // an ethernet header of sorts
    records.push({ tsNs: 1_700_000_000_000_000_000n + BigInt(i) * 1000n, data });
  }
  return pcapFile(records, { snaplen: L.MAX_CAPLEN });
}

type Seen = [number, string, number, number];

function collector(): { seen: Seen[]; onPackets: ConstructorParameters<typeof StreamFeeder>[2] } {
  const seen: Seen[] = [];
  return {
    seen,
    onPackets: {
      emitPackets: true,
      onPackets: (r) => {
        for (const p of readPacketRecords(r))
          seen.push([p.number, String(p.tsNs), p.captureLength, p.bytes[p.bytes.length - 1] ?? -1]);
      },
    },
  };
}

/** The plain path: every chunk written after the carried bytes. */
function viaWindow(file: Buffer, chunk: number): Seen[] {
  const { seen, onPackets } = collector();
  const f = new StreamFeeder(new EngineInstance(), 'window.pcap', onPackets);
  for (let off = 0; off < file.length; off += chunk) {
    const part = file.subarray(off, off + chunk);
    f.window(part.length).set(part);
    f.commit(part.length, off + chunk >= file.length);
  }
  return seen;
}

/**
 * The worker's path: the next chunk lands while this one is processed (written before or after
 * process(), as a read may finish at any time); `holdFirst` appends that many bytes without
 * processing them first, so the carried remainder outgrows the room in front of a landing.
 */
function viaLanding(file: Buffer, chunk: number, writeAfter: boolean, holdFirst = 0): Seen[] {
  const { seen, onPackets } = collector();
  const f = new StreamFeeder(new EngineInstance(), 'landing.pcap', onPackets);
  let off = 0;
  if (holdFirst > 0) {
    f.window(holdFirst).set(file.subarray(0, holdFirst));
    f.append(holdFirst);
    off = holdFirst;
  }
  let landed: { at: number; n: number } | undefined;
  let landings = 0;
  for (;;) {
    let n: number;
    if (landed) {
      n = landed.n;
      f.adopt(landed.at, n);
    } else {
      n = Math.min(chunk, file.length - off);
      f.window(n).set(file.subarray(off, off + n));
      f.append(n);
    }
    off += n;
    const final = off >= file.length;
    const next = final ? undefined : f.landing(chunk);
    landed = undefined;
    let write = (): void => {};
    if (next) {
      const m = Math.min(chunk, file.length - off);
      write = () => next.view.set(file.subarray(off, off + m));
      landed = { at: next.at, n: m };
      landings++;
    }
    if (!writeAfter) write();
    f.process(final);
    if (writeAfter) write();
    if (final) break;
  }
  if (file.length > 2 * chunk) expect(landings).toBeGreaterThan(0);
  return seen;
}

describe('StreamFeeder landing (a worker read-ahead into the other half of the input region)', () => {
  const file = capture();

  for (const chunk of [4 << 20, 1 << 20, 333_333, 65_537]) {
    it(`frames the same packets as the window path, ${chunk}-byte chunks`, () => {
      const expected = viaWindow(file, chunk);
      expect(expected).toHaveLength(60);
      expect(expected.map((s) => s[0])).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      expect(viaLanding(file, chunk, false)).toEqual(expected);
      expect(viaLanding(file, chunk, true)).toEqual(expected);
    });
  }

  it('copies a landed chunk after a carried remainder longer than the room in front of it', () => {
    const expected = viaWindow(file, 1 << 20);
    expect(viaLanding(file, 1 << 20, true, 600_000)).toEqual(expected);
  });

  it('offers no landing for a chunk longer than half the region', () => {
    const f = new StreamFeeder(new EngineInstance(), 'big.pcap');
    expect(f.landing(L.INPUT_CAPACITY / 2)).toBeUndefined();
    expect(f.landing(1 << 20)).toMatchObject({ at: L.INPUT_CAPACITY / 2 + (512 << 10) });
  });
});
