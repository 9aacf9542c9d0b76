// Flow table: symmetric keys and hash, client side, per-direction counters, timeouts by packet
// time, TCP port reuse, and the memory cap with emergency eviction.
import { describe, expect, it } from 'vitest';
import * as L from '../../../src/wasm/layout.js';
import { eveFlowEvent } from '../../../src/outputs/eve-flow.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import { runFiles } from '../../../src/capture/file-runner.js';
import { readFlowRecords, type FlowRecord } from '../../../src/flows/record.js';
import { pcapFile } from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';
import { ACK, icmpEchoFrame, SYN, tcpFrame, tcpSession, timed, udpFrame, vxlanFrame } from './gen.js';
import { runFlows } from './run.js';

const A = { ip: '10.0.0.1', port: 40000 };
const B = { ip: '10.0.0.2', port: 80 };
const S = 1_700_000_000n * 1_000_000_000n;
const at = (sec: number, data: Uint8Array) => ({ tsNs: S + BigInt(Math.round(sec * 1e6)) * 1000n, data });

describe('flow table', () => {
  it('puts both directions of a TCP session in one flow, client = SYN sender', async () => {
    const frames = tcpSession({ client: A, server: B, toServer: [{ off: 0, data: Buffer.from('GET /') }] });
    const { flows, counters } = await runFlows(timed(frames));
    expect(flows).toHaveLength(1);
    const f = flows[0]!;
    expect([f.srcIp, f.srcPort, f.destIp, f.destPort]).toEqual(['10.0.0.1', 40000, '10.0.0.2', 80]);
    expect(f.pktsToServer).toBe(5);
    expect(f.pktsToClient).toBe(2);
    expect(Number(f.bytesToServer)).toBe(
      frames.filter((_, i) => [0, 2, 3, 4, 6].includes(i)).reduce((n, x) => n + x.length, 0),
    );
    expect(f.tcpState).toBe('closed');
    expect(f.state).toBe('closed');
    expect(f.reason).toBe('shutdown');
    expect(f.tcpFlagsTs).toBe(0x1b);
    expect(f.tcpFlagsTc).toBe(0x13);
    expect(counters[L.COUNTER_FLOWS_CREATED]).toBe(1n);
  });

  it('takes the SYN/ACK sender as the server when the SYN was not captured', async () => {
    const { flows } = await runFlows(
      timed([
        tcpFrame(B, A, { seq: 1, ack: 2, flags: SYN | ACK }),
        tcpFrame(A, B, { seq: 2, ack: 2, flags: ACK }),
      ]),
    );
    expect(flows).toHaveLength(1);
    expect([flows[0]!.srcIp, flows[0]!.srcPort]).toEqual(['10.0.0.1', 40000]);
    expect(flows[0]!.pktsToServer).toBe(1);
    expect(flows[0]!.pktsToClient).toBe(1);
  });

  it('hashes both directions alike (exported packetFlowHash) and tells flows apart by VLAN', () => {
    const inst = new EngineInstance();
    const hashOf = (frame: Uint8Array): number => {
      inst.inputView().set(frame, 0);
      return inst.ex.packetFlowHash(frame.length, 1) >>> 0;
    };
    const ab = hashOf(tcpFrame(A, B));
    const ba = hashOf(tcpFrame(B, A));
    expect(ab).toBe(ba);
    expect(ab).not.toBe(0);
    expect(hashOf(tcpFrame(A, B, {}, 7))).not.toBe(ab);
    const v6a = { ip: '2001:db8::1', port: 1 };
    const v6b = { ip: '2001:db8::2', port: 2 };
    expect(hashOf(udpFrame(v6a, v6b))).toBe(hashOf(udpFrame(v6b, v6a)));
  });

  it('pairs an ICMP echo request and reply by id', async () => {
    const { flows } = await runFlows(
      timed([
        icmpEchoFrame('10.0.0.1', '10.0.0.2', 8, 7, 1),
        icmpEchoFrame('10.0.0.2', '10.0.0.1', 0, 7, 1),
        icmpEchoFrame('10.0.0.1', '10.0.0.2', 8, 8, 1),
      ]),
    );
    expect(flows.map((f) => [f.pktsToServer, f.pktsToClient, f.icmpId])).toEqual([
      [1, 1, 7],
      [1, 0, 8],
    ]);
    expect(eveFlowEvent(flows[0]!)).toMatchObject({ proto: 'ICMP', icmp_type: 8, icmp_code: 0 });
  });

  it('tracks a tunnel as its own flow besides the inner flow (VXLAN, as Suricata)', async () => {
    const vtepA = { ip: '192.0.2.1', port: 50000 };
    const vtepB = { ip: '192.0.2.2', port: 4789 };
    const inner = tcpSession({ client: A, server: B, toServer: [{ off: 0, data: Buffer.from('hello') }] });
    const frames = inner.map((f, i) =>
      i % 2 === 0 ? vxlanFrame(vtepA, vtepB, 42, f) : vxlanFrame(vtepB, vtepA, 42, f),
    );
    const { flows } = await runFlows(timed(frames));
    const outer = flows.find((f) => f.destPort === 4789 || f.srcPort === 4789);
    const tcp = flows.find((f) => f.proto === 6);
    expect(flows).toHaveLength(2); // the inner TCP flow and the outer UDP flow (both directions)
    expect([outer?.srcIp, outer?.pktsToServer, outer?.pktsToClient]).toEqual(['192.0.2.1', 4, 3]);
    expect((tcp?.pktsToServer ?? 0) + (tcp?.pktsToClient ?? 0)).toBe(inner.length);
    expect(Number(tcp?.bytesToServer) + Number(tcp?.bytesToClient)).toBe(
      frames.reduce((n, f) => n + f.length, 0),
    );
  });

  it('separates VLANs', async () => {
    const { flows } = await runFlows(
      timed([udpFrame(A, B, 'x', 10), udpFrame(A, B, 'x', 20), udpFrame(B, A, 'y', 10)]),
    );
    expect(flows.map((f) => [f.vlan, f.pktsToServer, f.pktsToClient])).toEqual([
      [10, 1, 1],
      [20, 1, 0],
    ]);
  });

  describe('timeouts by packet time', () => {
    it('UDP new flow: 30 s; a packet 31 s later starts a new flow', async () => {
      const { flows } = await runFlows([
        at(0, udpFrame(A, B, 'a')),
        at(29, udpFrame(A, B, 'b')),
        at(60, udpFrame(A, B, 'c')),
      ]);
      expect(flows.map((f) => [f.pktsToServer, f.reason])).toEqual([
        [2, 'timeout'],
        [1, 'shutdown'],
      ]);
    });

    it('UDP established: 300 s', async () => {
      const pk = [
        at(0, udpFrame(A, B)),
        at(1, udpFrame(B, A)),
        at(250, udpFrame(A, B)),
        at(551, udpFrame(A, B)),
      ];
      const { flows } = await runFlows(pk);
      expect(flows.map((f) => f.pktsToServer + f.pktsToClient)).toEqual([3, 1]);
    });

    it('TCP established 600 s, configurable', async () => {
      const pk = [
        at(0, tcpFrame(A, B, { flags: SYN })),
        at(1, tcpFrame(B, A, { flags: SYN | ACK })),
        at(2, tcpFrame(A, B)),
      ];
      pk.push(at(500, tcpFrame(A, B)), at(1101, tcpFrame(A, B)));
      expect((await runFlows(pk)).flows.map((f) => f.pktsToServer)).toEqual([3, 1]);
      expect((await runFlows(pk, { [L.CFG_TCP_EST_S]: 5000 })).flows).toHaveLength(1);
      expect((await runFlows(pk, { [L.CFG_TCP_EST_S]: 100 })).flows).toHaveLength(3);
    });

    it('expires idle flows while other traffic flows (amortised scan), in order of packet time', async () => {
      const pk = [at(0, udpFrame(A, B))];
      for (let i = 0; i < 200; i++)
        pk.push(at(100 + i * 0.01, udpFrame({ ip: '10.9.0.1', port: 1000 + i }, B)));
      const { flows, counters } = await runFlows(pk, { [L.CFG_FLOW_MAX]: 8 });
      const first = flows.find((f) => f.srcIp === '10.0.0.1')!;
      expect(first.reason).toBe('timeout');
      expect(counters[L.COUNTER_FLOWS_ENDED_TIMEOUT]).toBeGreaterThanOrEqual(1n);
    });

    it('the sweep ends an idle flow mid-run, paced by packet time, not at the end of input', async () => {
      const pk = [at(0, udpFrame(A, B))];
      // 100 s later: the sweep is a whole period behind and catches up over the next packets
      for (let i = 0; i < 100; i++)
        pk.push(at(100 + i * 0.01, udpFrame({ ip: '10.9.0.1', port: 1000 + i }, B)));
      const inst = new EngineInstance();
      inst.configure({ [L.CFG_FLOW_MAX]: 1000 });
      const ended: { src: string; reason: string; atPacket: bigint }[] = [];
      await runFiles(inst, [tempFile(pcapFile(pk))], {
        flows: true,
        chunkSize: 256, // a few packets per engine call, so emission time is visible
        onFlows: (r) => {
          for (const f of readFlowRecords(r.mem, r.ptr, r.count))
            ended.push({ src: f.srcIp, reason: f.reason, atPacket: inst.packetNumber });
        },
      });
      const idle = ended.find((f) => f.src === '10.0.0.1')!;
      expect(idle.reason).toBe('timeout');
      expect(idle.atPacket).toBeLessThan(BigInt(pk.length));
      // the 100 live flows end only at the end of input
      expect(ended.filter((f) => f.reason === 'shutdown')).toHaveLength(100);
    });

    it('time stepping back (a second, older capture file) splits no flow of the older time', async () => {
      const inst = new EngineInstance();
      inst.configure({});
      const later = tempFile(pcapFile([at(1000, udpFrame(A, B, 'late'))]));
      const older = tempFile(
        pcapFile([
          at(0, udpFrame(A, { ...B, port: 53 }, 'q')),
          at(0.1, udpFrame({ ...B, port: 53 }, A, 'r')),
        ]),
      );
      const flows: FlowRecord[] = [];
      await runFiles(inst, [later, older], {
        flows: true,
        onFlows: (r) => flows.push(...readFlowRecords(r.mem, r.ptr, r.count)),
      });
      const dns = flows.filter((f) => f.destPort === 53);
      expect(dns.map((f) => [f.pktsToServer, f.pktsToClient])).toEqual([[1, 1]]);
    });

    it('a SYN on a closed TCP flow (port reuse) starts a new flow', async () => {
      const one = tcpSession({ client: A, server: B });
      const two = tcpSession({ client: A, server: B, clientIsn: 99999 });
      const { flows } = await runFlows(timed([...one, ...two]));
      expect(flows.map((f) => [f.pktsToServer, f.pktsToClient])).toEqual([
        [4, 2],
        [4, 2],
      ]);
    });
  });

  it('stays under the cap: evicts (counted), every packet in exactly one flow record', async () => {
    const pk = [];
    for (let i = 0; i < 3000; i++) pk.push(udpFrame({ ip: `10.1.${i >> 8}.${i & 255}`, port: 5000 }, B, 'q'));
    const { flows, counters } = await runFlows(timed(pk, 1_700_000_000, 10), { [L.CFG_FLOW_MAX]: 100 });
    expect(flows).toHaveLength(3000);
    expect(flows.reduce((n, f) => n + f.pktsToServer, 0)).toBe(3000);
    expect(counters[L.COUNTER_FLOWS_ACTIVE_MAX]).toBe(100n);
    expect(counters[L.COUNTER_FLOWS_EVICTED]).toBe(2900n);
    expect(flows.filter((f) => f.reason === 'forced')).toHaveLength(2900);
  });

  it('drains more flow records than one region holds (OUTPUT_FULL, flush in batches)', async () => {
    const pk = [];
    const n = L.FLOW_RECORD_CAPACITY * 2 + 17;
    for (let i = 0; i < n; i++) pk.push(udpFrame({ ip: `10.2.${i >> 8}.${i & 255}`, port: 1 }, B));
    const { flows } = await runFlows(timed(pk, 1_700_000_000, 1), {
      [L.CFG_FLOW_MAX]: 3 * L.FLOW_RECORD_CAPACITY,
    });
    expect(flows).toHaveLength(n);
    expect(new Set(flows.map((f) => f.srcIp)).size).toBe(n);
  });
});
