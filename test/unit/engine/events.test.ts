/**
 * anomalies$ and packets$: the packets of a capture built byte by byte here, with malformed ones
 * at known positions. anomalies$ names each malformed packet by number, in packet order, the
 * same for 1 and 2 workers, and agrees with the stats counters; packets$ (opt-in) yields every
 * packet, in order, with exactly the bytes the capture file holds.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, fromFile } from '../../../src/engine.js';
import type { AnomalyEvent } from '../../../src/anomalies/events.js';
import type { DecodedPacket } from '../../../src/packets/packet.js';
import {
  block,
  epb,
  ethernet,
  idb,
  ipv4Udp,
  pcapFile,
  shb,
  udpFrame,
} from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';

const T0 = 1_700_000_000_000_000_000n;

/** 40 packets between 8 hosts; packet 7 has a cut IPv4 header, 23 an IPv4 header length of 4 words, 31 a cut UDP header. */
function capture(): { path: string; frames: Buffer[] } {
  const frames: Buffer[] = [];
  for (let i = 1; i <= 40; i++) {
    const host = `10.0.${i % 8}.1`;
    let f = ethernet(ipv4Udp(host, '10.9.9.9', 1000 + i, 53, Buffer.from(`packet ${i}`)));
    if (i === 7) f = f.subarray(0, 14 + 12);
    if (i === 23) {
      f = Buffer.from(f);
      f[14] = 0x44;
    }
    if (i === 31) f = f.subarray(0, 14 + 20 + 4);
    frames.push(i === 40 ? udpFrame(i) : f);
  }
  const path = tempFile(pcapFile(frames.map((data, i) => ({ tsNs: T0 + BigInt(i) * 1_000_000n, data }))));
  return { path, frames };
}

async function collect(workers: number, path: string, packets = false) {
  const engine = createEngine({ workers, packets });
  const anomalies: AnomalyEvent[] = [];
  const pkts: DecodedPacket[] = [];
  engine.anomalies$.subscribe((a) => anomalies.push(a));
  engine.packets$.subscribe((p) => pkts.push(p));
  try {
    const stats = await engine.run(fromFile(path));
    return { anomalies, pkts, stats };
  } finally {
    await engine.close();
  }
}

describe('engine anomalies$ and packets$', () => {
  it('anomalies$ names each malformed packet, in packet order, for 1 and 2 workers', async () => {
    const { path } = capture();
    const one = await collect(1, path);
    expect(one.anomalies.map((a) => [a.packet, a.name, a.type])).toEqual([
      [7, 'ipv4.trunc_hdr', 'decode'],
      [23, 'ipv4.bad_hlen', 'decode'],
      [31, 'udp.trunc_hdr', 'decode'],
    ]);
    expect(one.anomalies[1]!.tsNs).toBe(T0 + 22n * 1_000_000n);
    // the counters say the same
    const counted = Object.values(one.stats.anomalies).reduce((a, b) => a + b, 0);
    expect(counted).toBe(one.anomalies.length);
    const two = await collect(2, path);
    expect(two.anomalies).toEqual(one.anomalies);
    expect(one.pkts).toHaveLength(0); // packets$ is opt-in
  }, 30_000);

  it('more anomalies at once than the event region holds: the rest are counted as dropped, never lost silently', async () => {
    // 5,000 blocks of an unknown type are framed in one engine call: each raises pcapng.unknown_block
    const unknown = Array.from({ length: 5000 }, () => block(0x0bad0001, Buffer.alloc(4)));
    const path = tempFile(
      Buffer.concat([shb(), idb(1), ...unknown, epb(0, 1n, udpFrame(1))]),
      'unknown.pcapng',
    );
    for (const workers of [1, 2]) {
      const { anomalies, stats } = await collect(workers, path);
      expect(stats.anomalies['pcapng.unknown_block']).toBe(5000);
      expect(
        anomalies.every((a) => a.name === 'pcapng.unknown_block' && a.type === 'capture' && a.packet === 0),
      ).toBe(true);
      expect(anomalies.length).toBeGreaterThan(0);
      expect(stats.anomalyEventsDropped).toBeGreaterThan(0);
      expect(anomalies.length + stats.anomalyEventsDropped).toBe(5000);
    }
  }, 30_000);

  it('packets$ (opt-in) yields every packet in order with the bytes of the file', async () => {
    const { path, frames } = capture();
    for (const workers of [1, 2]) {
      const { pkts } = await collect(workers, path, true);
      expect(pkts.map((p) => p.number)).toEqual(frames.map((_, i) => i + 1));
      pkts.forEach((p, i) => expect(Buffer.from(p.bytes).equals(frames[i]!), `packet ${i + 1}`).toBe(true));
      expect(pkts[6]!.anomaly).toBe('ipv4.trunc_hdr');
      expect(pkts[0]!.summary()).toContain('10.0.1.1');
    }
  }, 30_000);
});
