// IPv4 and IPv6 defragmentation: a fragmented datagram carrying a pattern reassembles whatever
// the fragment order, duplicates and overlaps (first data wins); incomplete datagrams time out by
// packet time; the tracker cap evicts (counted); the flow sees one packet per datagram.
import { describe, expect, it } from 'vitest';
import { pcapFile, type PcapRecord } from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';
import { runFiles } from '../../../src/capture/file-runner.js';
import { readStreamChunks } from '../../../src/flows/streams.js';
import { readFlowRecords, type FlowRecord } from '../../../src/flows/record.js';
import { anomalyName } from '../../../src/wasm/anomalies.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import * as L from '../../../src/wasm/layout.js';
import {
  fragmentsOf,
  ipv4FragmentFrames,
  ipv6FragmentFrames,
  shuffle,
  tcpSegment,
  timed,
  udpDatagram,
  type Fragment,
} from './gen.js';

const PATTERN = Buffer.from('FRAGMENTED-EVIL-PATTERN');
const PAYLOAD = Buffer.concat([Buffer.alloc(700, 0x2e), PATTERN, Buffer.alloc(500, 0x2d)]);
const V4 = { src: '10.1.0.1', dst: '10.1.0.2' };
const V6 = { src: '2001:db8::a', dst: '2001:db8::b' };

interface Run {
  flows: FlowRecord[];
  counters: BigUint64Array;
  stream: Buffer;
}

async function run(records: PcapRecord[], cfg: Record<number, number> = {}): Promise<Run> {
  const inst = new EngineInstance();
  inst.configure(cfg);
  const flows: FlowRecord[] = [];
  const parts: [number, Buffer][] = [];
  await runFiles(inst, [tempFile(pcapFile(records))], {
    reassemble: true,
    onFlows: (r) => flows.push(...readFlowRecords(r.mem, r.ptr, r.count)),
    onStreams: (r) => {
      for (const c of readStreamChunks(r.mem, r.ptr, r.count, r.dataPtr))
        parts.push([c.offset, Buffer.from(c.data)]);
    },
  });
  const stream = Buffer.alloc(Math.max(0, ...parts.map(([o, b]) => o + b.length)));
  for (const [o, b] of parts) b.copy(stream, o);
  return { flows, counters: inst.snapshotCounters(), stream };
}

function anomaly(c: BigUint64Array, name: string): bigint {
  for (let i = 0; i < L.ANOMALY_COUNTERS; i++)
    if (anomalyName(i) === name) return c[L.ANOMALY_COUNTERS_BASE + i] ?? 0n;
  throw new Error(name);
}

/** A TCP segment (mid-stream, seq 1000) carrying PAYLOAD, as fragments of 256 bytes. */
function tcpFragments(v6: boolean): Fragment[] {
  const a = v6 ? V6 : V4;
  return fragmentsOf(
    tcpSegment({ ip: a.src, port: 4000 }, { ip: a.dst, port: 80 }, { seq: 1000, payload: PAYLOAD }),
    256,
  );
}

function frames(v6: boolean, frags: Fragment[], id = 77): Uint8Array[] {
  const a = v6 ? V6 : V4;
  return v6 ? ipv6FragmentFrames(a.src, a.dst, 6, id, frags) : ipv4FragmentFrames(a.src, a.dst, 6, id, frags);
}

describe.each([
  ['IPv4', false],
  ['IPv6', true],
])('%s defragmentation', (_name, v6) => {
  it('reassembles a fragmented TCP segment carrying a pattern: in order, reversed, shuffled, duplicated', async () => {
    const frags = tcpFragments(v6);
    expect(frags.length).toBeGreaterThan(3);
    for (const order of [
      frags,
      [...frags].reverse(),
      shuffle(frags, 3),
      shuffle([...frags, frags[1]!, frags[2]!], 4),
    ]) {
      const r = await run(timed(frames(v6, order)));
      expect(r.stream.equals(PAYLOAD)).toBe(true);
      expect(r.stream.indexOf(PATTERN)).toBe(700);
      expect(r.flows).toHaveLength(1);
      expect(r.flows[0]!.pktsToServer).toBe(1);
      expect(r.counters[L.COUNTER_DEFRAG_REASSEMBLED]).toBe(1n);
      expect(r.counters[L.COUNTER_DEFRAG_FRAGMENTS]).toBe(BigInt(order.length));
    }
  });

  it('first data wins on overlapping fragments (counted, defrag.overlap_diff)', async () => {
    const frags = tcpFragments(v6);
    const evil = Buffer.from(frags[3]!.data);
    evil.fill(0x58);
    const r = await run(
      timed(
        frames(v6, [
          frags[0]!,
          frags[1]!,
          frags[2]!,
          frags[3]!,
          { ...frags[3]!, data: evil },
          ...frags.slice(4),
        ]),
      ),
    );
    expect(r.stream.equals(PAYLOAD)).toBe(true);
    expect(r.counters[L.COUNTER_DEFRAG_OVERLAP]).toBe(1n);
    expect(anomaly(r.counters, 'defrag.overlap_diff')).toBe(1n);
  });

  it('drops an incomplete datagram at its timeout (packet time), then reassembles a later one', async () => {
    const frags = tcpFragments(v6);
    const fr = frames(v6, frags);
    const S = 1_700_000_000n * 1_000_000_000n;
    const recs: PcapRecord[] = [{ tsNs: S, data: fr[0]! }];
    fr.forEach((data, i) => recs.push({ tsNs: S + 61_000_000_000n + BigInt(i) * 1000n, data }));
    const r = await run(recs);
    expect(r.counters[L.COUNTER_DEFRAG_TIMEOUT]).toBe(1n);
    expect(r.counters[L.COUNTER_DEFRAG_REASSEMBLED]).toBe(1n);
    expect(r.stream.equals(PAYLOAD)).toBe(true);
  });

  it('stays under the tracker cap: interleaved datagrams beyond it are evicted (counted)', async () => {
    const frags = tcpFragments(v6);
    const a = frames(v6, frags, 1);
    const b = frames(v6, frags, 2);
    const c = frames(v6, frags, 3);
    const r = await run(timed([a[0]!, b[0]!, c[0]!, ...a.slice(1), ...b.slice(1), ...c.slice(1)]), {
      [L.CFG_DEFRAG_MAX]: 2,
    });
    expect(r.counters[L.COUNTER_DEFRAG_EVICTED]).toBeGreaterThan(0n);
    expect(r.counters[L.COUNTER_DEFRAG_REASSEMBLED]).toBeLessThan(3n);
  });

  it("a UDP datagram in fragments is one flow packet with the completing fragment's wire bytes", async () => {
    const a = v6 ? V6 : V4;
    const udp = udpDatagram({ ip: a.src, port: 53 }, { ip: a.dst, port: 53 }, PAYLOAD);
    const fr = v6
      ? ipv6FragmentFrames(a.src, a.dst, 17, 9, fragmentsOf(udp, 512))
      : ipv4FragmentFrames(a.src, a.dst, 17, 9, fragmentsOf(udp, 512));
    const r = await run(timed(fr));
    expect(r.flows).toHaveLength(1);
    expect([r.flows[0]!.srcPort, r.flows[0]!.pktsToServer, Number(r.flows[0]!.bytesToServer)]).toEqual([
      53,
      1,
      fr.at(-1)!.length,
    ]);
  });
});

it('defragmentation off (CFG_DEFRAG_MAX 0): fragments have no flow but the first', async () => {
  const r = await run(timed(frames(false, tcpFragments(false))), { [L.CFG_DEFRAG_MAX]: 0 });
  expect(r.counters[L.COUNTER_DEFRAG_FRAGMENTS]).toBe(0n);
  expect(r.flows).toHaveLength(1);
});
