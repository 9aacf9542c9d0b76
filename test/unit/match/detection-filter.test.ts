// detection_filter through the engine: alerts start once the rule matched more than `count`
// times in the window; with unique_on (Suricata 8) once more than `count` distinct ports were seen.
import { describe, expect, it } from 'vitest';
import { ethernet, ipv4Tcp, type PcapRecord } from '../../helpers/capture-builder.js';
import { alertPackets } from '../../helpers/engine.js';

/** SYNs from 10.0.0.9 to 1.1.1.1, one per destination port, one second apart. */
function syns(ports: readonly number[]): PcapRecord[] {
  return ports.map((p, i) => ({
    tsNs: BigInt(1_700_000_000 + i) * 1_000_000_000n,
    data: ethernet(ipv4Tcp('10.0.0.9', '1.1.1.1', 40000 + i, p, 1, 0, 0x02, new Uint8Array())),
  }));
}

/** Packets alerted by a SYN rule to 1.1.1.1 with `filter` (a detection_filter). */
function alertedSyns(filter: string, capture: PcapRecord[]): Promise<number[]> {
  return alertPackets(
    `alert tcp any any -> 1.1.1.1 any (msg:"df"; flags:S; flow:stateless; ${filter} sid:1;)`,
    capture,
  );
}

describe('detection_filter', () => {
  const capture = syns([80, 81, 80, 82, 83, 81]);

  it('counts matches: alerts after the count-th', async () => {
    expect(await alertedSyns('detection_filter: track by_dst, count 2, seconds 60;', capture)).toEqual([
      3, 4, 5, 6,
    ]);
  });

  it('unique_on dst_port counts distinct ports: a repeated port adds nothing', async () => {
    // distinct ports after each packet: 1, 2, 2, 3, 4, 4
    expect(
      await alertedSyns('detection_filter: track by_dst, count 2, seconds 60, unique_on dst_port;', capture),
    ).toEqual([4, 5, 6]);
    // the source ports all differ
    expect(
      await alertedSyns('detection_filter: track by_dst, count 4, seconds 60, unique_on src_port;', capture),
    ).toEqual([5, 6]);
  });

  it('a new window starts with the port of the packet that opens it', async () => {
    // 2 s windows: packets 1-2 (80, 81), then 3-4 (80, 82), then 5-6 (83, 81)
    expect(
      await alertedSyns('detection_filter: track by_dst, count 1, seconds 2, unique_on dst_port;', capture),
    ).toEqual([2, 4, 6]);
  });
});
