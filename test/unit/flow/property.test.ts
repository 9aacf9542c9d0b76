// Properties (fast-check): reassembly is independent of segment order and duplication under the
// named overlap policy; hostile TCP segments and IP fragments never trap the engine, never grow
// its memory, and the stream handed on is always in order (each chunk starts where the last ended,
// or after a counted gap).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pcapFile, type PcapRecord } from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';
import { runFiles } from '../../../src/capture/file-runner.js';
import { readStreamChunks } from '../../../src/flows/streams.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import * as L from '../../../src/wasm/layout.js';
import {
  ACK,
  FIN,
  fragmentsOf,
  ipv4FragmentFrames,
  ipv6FragmentFrames,
  PSH,
  RST,
  SYN,
  tcpFrame,
  tcpSegment,
  tcpSession,
  timed,
  type Segment,
} from './gen.js';

const inst = new EngineInstance();
const C = { ip: '172.16.0.1', port: 5000 };
const S = { ip: '172.16.0.2', port: 443 };

interface Out {
  toServer: Buffer;
  chunks: { key: string; toServer: boolean; off: number; len: number }[];
  counters: BigUint64Array;
}

async function run(records: PcapRecord[], cfg: Record<number, number> = {}): Promise<Out> {
  inst.configure(cfg);
  inst.resetStats();
  const parts: [number, Buffer][] = [];
  const chunks: Out['chunks'] = [];
  await runFiles(inst, [tempFile(pcapFile(records))], {
    reassemble: true,
    onStreams: (r) => {
      for (const c of readStreamChunks(r.mem, r.ptr, r.count, r.dataPtr)) {
        chunks.push({
          key: `${c.flowId}:${c.firstPacket}:${c.toServer}`,
          toServer: c.toServer,
          off: c.offset,
          len: c.data.length,
        });
        if (c.toServer && c.srcPort === C.port) parts.push([c.offset, Buffer.from(c.data)]);
      }
    },
  });
  const toServer = Buffer.alloc(Math.max(0, ...parts.map(([o, b]) => o + b.length)));
  for (const [o, b] of parts) b.copy(toServer, o);
  return { toServer, chunks, counters: inst.snapshotCounters() };
}

/** A payload, cut points, a permutation and a set of duplicated segments. */
const shapes = fc.uint8Array({ minLength: 1, maxLength: 4000 }).chain((payload) =>
  fc.record({
    payload: fc.constant(Buffer.from(payload)),
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, payload.length - 1) }), { maxLength: 40 }),
    keys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 82, maxLength: 82 }),
    dups: fc.array(fc.nat(), { maxLength: 10 }),
    isn: fc.integer({ min: 0, max: 0xffffffff }),
  }),
);

describe('reassembly properties', () => {
  it('any order and any duplication of the segments gives the same stream (both policies)', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, fc.constantFrom(0, 1), async ({ payload, cuts, keys, dups, isn }, policy) => {
        const pts = [0, ...cuts.filter((c) => c < payload.length).sort((a, b) => a - b), payload.length];
        const segs: Segment[] = [];
        for (let i = 0; i + 1 < pts.length; i++) {
          if (pts[i] !== pts[i + 1]) segs.push({ off: pts[i]!, data: payload.subarray(pts[i], pts[i + 1]) });
        }
        const all = [...segs, ...dups.map((d) => segs[d % segs.length]!)];
        const order = all
          .map((s, i) => ({ s, k: keys[i % keys.length]! + i * 1e-9 }))
          .sort((a, b) => a.k - b.k);
        const out = await run(
          timed(tcpSession({ client: C, server: S, clientIsn: isn, toServer: order.map((x) => x.s) })),
          { [L.CFG_REASM_POLICY]: policy },
        );
        expect(out.toServer.equals(payload)).toBe(true);
        expect(out.counters[L.COUNTER_REASM_GAPS]).toBe(0n);
      }),
      { numRuns: Number(process.env.NETSIFT_PROPERTY_RUNS ?? 100) },
    );
  });

  it('hostile segments and fragments never trap, never grow memory, always hand on an in-order stream', async () => {
    const seg = fc.record({
      toServer: fc.boolean(),
      rel: fc.integer({ min: -3000, max: 80000 }),
      len: fc.integer({ min: 0, max: 1400 }),
      flags: fc.constantFrom(ACK, PSH | ACK, SYN, SYN | ACK, FIN | ACK, RST, RST | ACK, 0),
      fill: fc.integer({ min: 0, max: 255 }),
    });
    const frag = fc.record({
      v6: fc.boolean(),
      id: fc.integer({ min: 0, max: 3 }),
      off: fc.integer({ min: 0, max: 8200 }).map((x) => x & ~7),
      len: fc.integer({ min: 1, max: 1400 }),
      more: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(seg, { maxLength: 60 }),
        fc.array(frag, { maxLength: 20 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.constantFrom(4, 64, 16384),
        async (segs, frags, isn, pages) => {
          const frames: Uint8Array[] = [];
          for (const s of segs) {
            const [src, dst] = s.toServer ? [C, S] : [S, C];
            const payload = Buffer.alloc(s.len, s.fill);
            frames.push(
              tcpFrame(src, dst, {
                seq: (isn + s.rel) >>> 0,
                ack: (isn + 100) >>> 0,
                flags: s.flags,
                payload,
              }),
            );
          }
          for (const f of frags) {
            const body = Buffer.alloc(f.len, 0x41 + f.id);
            const one = [{ off: f.off, data: body, more: f.more }];
            frames.push(
              ...(f.v6
                ? ipv6FragmentFrames('2001:db8::1', '2001:db8::2', 17, f.id, one)
                : ipv4FragmentFrames('10.0.0.1', '10.0.0.2', 6, f.id, one)),
            );
          }
          frames.push(
            ...ipv4FragmentFrames(
              '10.0.0.1',
              '10.0.0.2',
              6,
              9,
              fragmentsOf(tcpSegment(C, S, { payload: 'x' }), 8),
            ),
          );
          const mem = inst.ex.memory.buffer.byteLength;
          const out = await run(timed(frames), { [L.CFG_REASM_MEMCAP_PAGES]: pages, [L.CFG_DEFRAG_MAX]: 2 });
          expect(inst.ex.memory.buffer.byteLength).toBe(mem);
          const next = new Map<string, number>();
          for (const c of out.chunks) {
            const n = next.get(c.key);
            if (n !== undefined) expect(c.off).toBeGreaterThanOrEqual(n);
            next.set(c.key, c.off + c.len);
          }
        },
      ),
      { numRuns: Number(process.env.NETSIFT_PROPERTY_RUNS ?? 300) },
    );
  });
});
