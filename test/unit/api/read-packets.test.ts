import { describe, expect, it } from 'vitest';
import { captureStats, packetSummary, readPackets } from '../../../src/index.js';
import { pcapFile, udpFrame } from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';

const N = 40_000; // more than one packet-record region, so the reader has to wait for the consumer

describe('readPackets', () => {
  const path = tempFile(
    pcapFile(Array.from({ length: N }, (_, i) => ({ tsNs: BigInt(i) * 1000n, data: udpFrame(i % 100) }))),
  );

  it('yields every packet in order with its layers', async () => {
    let n = 0;
    for await (const p of readPackets(path)) {
      n++;
      expect(p.number).toBe(n);
      if (n === 1) expect(packetSummary(p)).toBe('Ether / IP / UDP 10.0.0.1:1000 > 10.0.0.2:domain / Raw');
    }
    expect(n).toBe(N);
  });

  it('stops early when the consumer breaks, without reading on', async () => {
    let n = 0;
    for await (const p of readPackets(path)) {
      if (++n === 10) {
        expect(p.number).toBe(10);
        break;
      }
    }
    expect(n).toBe(10);
  });

  it('honours count', async () => {
    const got: number[] = [];
    for await (const p of readPackets([path, path], { count: N + 5 })) got.push(p.number);
    expect(got.length).toBe(N + 5);
    expect(got.at(-1)).toBe(N + 5);
  });

  it('captureStats counts the same packets on the hot path', async () => {
    const s = await captureStats(path);
    expect(s).toMatchObject({ packets: N, decoded: N, invalid: 0 });
    expect(s.protocols).toMatchObject({ ethernet: N, ipv4: N, udp: N });
  });
});
