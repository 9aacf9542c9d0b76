/** --write-pcap: classic pcap with nanosecond timestamps, rotated by size, readable by tcpdump and by netsift. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PcapRotatingWriter } from '../../../src/capture/live-pcap.js';
import { udpFrame } from '../../helpers/capture-builder.js';
import { decodeFiles } from '../../helpers/engine.js';

describe('PcapRotatingWriter', () => {
  it('rotates before a file would exceed the size, never splitting a record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsift-pcap-'));
    const path = join(dir, 'live.pcap');
    const frames = Array.from({ length: 40 }, (_, i) => udpFrame(i));
    const w = new PcapRotatingWriter({ path, linkType: 1, snaplen: 65535, maxBytes: 1000 });
    frames.forEach((f, i) =>
      w.write(f, f.length, f.length + (i === 0 ? 10 : 0), 1_700_000_000_123_456_789n + BigInt(i)),
    );
    w.close();
    expect(w.packets).toBe(40);
    expect(w.files.length).toBeGreaterThanOrEqual(3);
    expect(w.files.slice(0, 3)).toEqual([path, `${path}.1`, `${path}.2`]);
    for (const f of w.files) expect(statSync(f).size).toBeLessThanOrEqual(1000);
    const { packets } = await decodeFiles(w.files);
    expect(packets.map((p) => p.tsNs)).toEqual(frames.map((_, i) => 1_700_000_000_123_456_789n + BigInt(i)));
    expect(packets[0]!.originalLength).toBe(frames[0]!.length + 10);
    expect(packets.every((p, i) => Buffer.from(p.bytes).equals(frames[i]!))).toBe(true);
    const td = spawnSync('tcpdump', ['-r', w.files[0]!, '-n', '--nano'], { encoding: 'utf8' });
    if (td.status === 0)
      expect(td.stdout).toMatch(/^\d\d:\d\d:\d\d\.123456789 IP 10\.0\.0\.1\.1000 > 10\.0\.0\.2\.53/m);
  });
});
