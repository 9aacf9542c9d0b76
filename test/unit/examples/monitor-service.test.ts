import { describe, expect, it } from 'vitest';
import { generateCapture } from '../../../bench/gen/generate.js';
import { startMonitor } from '../../../examples/monitor-service.js';
import { captureStats } from '../../../src/index.js';
import { tempFile } from '../../helpers/engine.js';

describe('examples/monitor-service', () => {
  it('serves the counts of an embedded engine over HTTP', async () => {
    const path = tempFile(generateCapture({ seed: 3, packets: 3000 }).pcap!, 'monitor.pcap');
    const monitor = await startMonitor({ files: [path], workers: 2 });
    try {
      const final = await monitor.done;
      const body = (await (await fetch(`${monitor.url}/stats`)).json()) as {
        packets: number;
        flows: number;
        flowsByProto: Record<string, number>;
        topTalkers: { key: string; weight: number }[];
      };
      const expected = await captureStats(path);
      expect(body.packets).toBe(expected.packets);
      expect(final.packets).toBe(expected.packets);
      expect(body.flows).toBeGreaterThan(10);
      expect(Object.values(body.flowsByProto).reduce((a, b) => a + b, 0)).toBe(body.flows);
      expect(body.topTalkers.length).toBeGreaterThan(0);
      expect(body.topTalkers[0]!.weight).toBeGreaterThanOrEqual(body.topTalkers.at(-1)!.weight);
      expect((await fetch(`${monitor.url}/nope`)).status).toBe(404);
    } finally {
      await monitor.close();
    }
  }, 60_000);
});
