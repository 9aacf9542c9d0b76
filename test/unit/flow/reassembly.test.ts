// TCP reassembly: the evasion shapes of the issue made by the generator (a pattern split over
// 2..N segments, sent out of order, duplicated, overlapping), per overlap policy; gaps, depth,
// sequence wrap-around, mid-stream pickup and the page-pool cap.
import { describe, expect, it } from 'vitest';
import { pcapFile, type PcapRecord } from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';
import { runFiles } from '../../../src/capture/file-runner.js';
import { readStreamChunks } from '../../../src/flows/streams.js';
import { readFlowRecords, type FlowRecord } from '../../../src/flows/record.js';
import { anomalyName } from '../../../src/wasm/anomalies.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import * as L from '../../../src/wasm/layout.js';
import { shuffle, splitInto, tcpSession, timed, type Segment } from './gen.js';

const C = { ip: '192.168.0.1', port: 33000 };
const S = { ip: '192.168.0.2', port: 80 };
const PATTERN = Buffer.from('EVIL-PATTERN-0123456789');
const REQUEST = Buffer.concat([
  Buffer.from('POST /upload HTTP/1.1\r\n\r\n'),
  PATTERN,
  Buffer.from(' trailer bytes'),
]);

interface Direction {
  bytes: Buffer;
  /** [offset, length] of every chunk handed on, in delivery order. */
  chunks: [number, number][];
}

interface Result {
  toServer: Direction;
  toClient: Direction;
  counters: BigUint64Array;
  flows: FlowRecord[];
}

function anomaly(counters: BigUint64Array, name: string): bigint {
  const id = Array.from({ length: L.ANOMALY_COUNTERS }, (_, i) => i).find((i) => anomalyName(i) === name);
  if (id === undefined) throw new Error(`no anomaly ${name}`);
  return counters[L.ANOMALY_COUNTERS_BASE + id] ?? 0n;
}

async function reassemble(records: PcapRecord[], cfg: Record<number, number> = {}): Promise<Result> {
  const inst = new EngineInstance();
  inst.configure(cfg);
  const dirs = {
    s: { parts: [] as [number, Buffer][], chunks: [] as [number, number][] },
    c: { parts: [] as [number, Buffer][], chunks: [] as [number, number][] },
  };
  const flows: FlowRecord[] = [];
  await runFiles(inst, [tempFile(pcapFile(records))], {
    reassemble: true,
    onFlows: (r) => flows.push(...readFlowRecords(r.mem, r.ptr, r.count)),
    onStreams: (r) => {
      for (const c of readStreamChunks(r.mem, r.ptr, r.count, r.dataPtr)) {
        const d = c.toServer ? dirs.s : dirs.c;
        d.parts.push([c.offset, Buffer.from(c.data)]);
        d.chunks.push([c.offset, c.data.length]);
      }
    },
  });
  const build = (d: typeof dirs.s): Direction => {
    const len = Math.max(0, ...d.parts.map(([o, b]) => o + b.length));
    const bytes = Buffer.alloc(len);
    for (const [o, b] of d.parts) b.copy(bytes, o);
    return { bytes, chunks: d.chunks };
  };
  return { toServer: build(dirs.s), toClient: build(dirs.c), counters: inst.snapshotCounters(), flows };
}

function session(toServer: Segment[], extra: Partial<Parameters<typeof tcpSession>[0]> = {}): PcapRecord[] {
  return timed(tcpSession({ client: C, server: S, toServer, ...extra }));
}

/** The chunks are handed on in order: each starts where the previous ended (no gaps in these cases). */
function expectInOrder(d: Direction): void {
  let next = 0;
  for (const [off, len] of d.chunks) {
    expect(off).toBe(next);
    next = off + len;
  }
}

describe('TCP reassembly', () => {
  for (let n = 2; n <= 12; n += 2) {
    it(`a pattern split over ${n} segments, in order, out of order and duplicated, reassembles`, async () => {
      const segs = splitInto(REQUEST, n, n);
      for (const order of [
        segs,
        shuffle(segs, n * 31),
        shuffle([...segs, ...segs.slice(0, n >> 1)], n * 17),
      ]) {
        const r = await reassemble(session(order));
        expect(r.toServer.bytes.toString('latin1')).toBe(REQUEST.toString('latin1'));
        expect(r.toServer.bytes.indexOf(PATTERN)).toBe(REQUEST.indexOf(PATTERN));
        expectInOrder(r.toServer);
        expect(r.counters[L.COUNTER_REASM_GAPS]).toBe(0n);
      }
    });
  }

  it('recognises retransmissions of delivered data', async () => {
    const segs = splitInto(REQUEST, 4, 1);
    const r = await reassemble(session([...segs, segs[0]!, segs[2]!]));
    expect(r.toServer.bytes.equals(REQUEST)).toBe(true);
    expect(r.counters[L.COUNTER_REASM_RETRANSMIT]).toBe(2n);
  });

  describe('overlaps with different bytes', () => {
    // bytes 0..9 "AAAAAAAAAA" arrive first; then 20..29 "CCCCCCCCCC" (queued, out of order); then
    // 15..24 "XXXXXXXXXX" overlaps the queued 20..24; then 5..14 "YYYYYYYYYY" overlaps the delivered 5..9
    const shapes: Segment[] = [
      { off: 0, data: Buffer.from('AAAAAAAAAA') },
      { off: 20, data: Buffer.from('CCCCCCCCCC') },
      { off: 15, data: Buffer.from('XXXXXXXXXX') },
      { off: 5, data: Buffer.from('YYYYYYYYYY') },
    ];
    it('first wins (default): queued bytes stay, delivered bytes are final', async () => {
      const r = await reassemble(session(shapes));
      expect(r.toServer.bytes.toString()).toBe('AAAAAAAAAAYYYYYXXXXXCCCCCCCCCC');
      expect(anomaly(r.counters, 'tcp.reassembly_overlap_diff')).toBe(1n);
      expect(r.counters[L.COUNTER_REASM_OVERLAP]).toBe(2n);
    });
    it('last wins: a later segment overwrites queued bytes, delivered bytes are still final', async () => {
      const r = await reassemble(session(shapes), { [L.CFG_REASM_POLICY]: 1 });
      expect(r.toServer.bytes.toString()).toBe('AAAAAAAAAAYYYYYXXXXXXXXXXCCCCC');
    });
    it('a pattern hidden by an overlapping segment is seen only as the policy keeps it', async () => {
      // "EVIL" queued at 4..7, then "GOOD" over the same bytes, then the hole 0..3 fills
      const segs: Segment[] = [
        { off: 4, data: Buffer.from('EVIL') },
        { off: 4, data: Buffer.from('GOOD') },
        { off: 0, data: Buffer.from('GET ') },
      ];
      expect((await reassemble(session(segs))).toServer.bytes.toString()).toBe('GET EVIL');
      expect((await reassemble(session(segs), { [L.CFG_REASM_POLICY]: 1 })).toServer.bytes.toString()).toBe(
        'GET GOOD',
      );
    });
  });

  it('skips a hole: the gap is counted (tcp.reassembly_gap) and later bytes keep their offsets', async () => {
    const segs = splitInto(REQUEST, 5, 4);
    const r = await reassemble(session([segs[0]!, segs[2]!, segs[3]!, segs[4]!]));
    const hole = segs[1]!;
    const want = Buffer.from(REQUEST);
    want.fill(0, hole.off, hole.off + hole.data.length);
    expect(r.toServer.bytes.equals(want)).toBe(true);
    expect(r.counters[L.COUNTER_REASM_GAPS]).toBe(1n);
    expect(anomaly(r.counters, 'tcp.reassembly_gap')).toBe(1n);
    expect(r.flows[0]!.reassemblyGaps).toBe(1);
  });

  it('skips a hole the peer acknowledges past', async () => {
    const segs = splitInto(REQUEST, 3, 9);
    // the server's FIN/ACK in tcpSession acknowledges everything: the hole is given up then, before flow end
    const r = await reassemble(session([segs[0]!, segs[2]!]));
    expect(r.counters[L.COUNTER_REASM_GAPS]).toBe(1n);
    expect(r.toServer.bytes.subarray(segs[2]!.off).equals(segs[2]!.data)).toBe(true);
  });

  it('stops at the depth limit (counted), per direction', async () => {
    const r = await reassemble(session(splitInto(REQUEST, 6, 2)), { [L.CFG_REASM_DEPTH]: 30 });
    expect(r.toServer.bytes.equals(REQUEST.subarray(0, 30))).toBe(true);
    expect(r.counters[L.COUNTER_REASM_DEPTH_REACHED]).toBe(1n);
  });

  it('handles sequence wrap-around with out-of-order data', async () => {
    const segs = shuffle(splitInto(REQUEST, 8, 5), 77);
    const r = await reassemble(session(segs, { clientIsn: 0xfffffff0 }));
    expect(r.toServer.bytes.equals(REQUEST)).toBe(true);
  });

  it('survives sequence numbers 2^31 away (before and after): dropped or counted, never trusted', async () => {
    const segs = splitInto(REQUEST, 3, 1);
    const hostile: Segment[] = [
      segs[0]!,
      { off: segs[0]!.data.length - 2 ** 31, data: Buffer.from('BEFORE') }, // exactly 2^31 behind `next`
      { off: 2 ** 31 - 1, data: Buffer.from('AHEAD') }, // 2^31 - 1 ahead
      { off: 20 << 20, data: Buffer.from('FAR') }, // beyond the 16 MiB window
      segs[1]!,
      segs[2]!,
    ];
    const r = await reassemble(session(hostile));
    expect(r.toServer.bytes.equals(REQUEST)).toBe(true);
    expect(r.counters[L.COUNTER_REASM_OUT_OF_WINDOW]).toBe(2n);
  });

  it('picks up a connection mid-stream (no handshake): offset 0 is the first data seen', async () => {
    const segs = splitInto(REQUEST, 4, 3);
    const r = await reassemble(session(segs, { handshake: false }));
    expect(r.toServer.bytes.equals(REQUEST)).toBe(true);
  });

  it('keeps memory under the page-pool cap: segments beyond it become counted gaps, nothing crashes', async () => {
    const big = Buffer.alloc(200_000, 0x41);
    const segs = splitInto(big, 200, 6);
    const r = await reassemble(session(shuffle(segs, 8)), { [L.CFG_REASM_MEMCAP_PAGES]: 8 });
    expect(
      (r.counters[L.COUNTER_REASM_GAPS] ?? 0n) + (r.counters[L.COUNTER_REASM_MEMCAP_DROP] ?? 0n),
    ).toBeGreaterThan(0n);
    // whatever was delivered sits at its true offset
    for (const [off, len] of r.toServer.chunks)
      expect(r.toServer.bytes.subarray(off, off + len).every((b) => b === 0x41)).toBe(true);
  });

  it('hands the matcher ordered chunks with stream offsets: a split pattern is found without re-scanning', async () => {
    const segs = shuffle(splitInto(REQUEST, 10, 12), 4);
    const r = await reassemble(session(segs));
    // a streaming scan over the chunks in delivery order, carrying only PATTERN.length - 1 bytes
    let carry = Buffer.alloc(0);
    let foundAt = -1;
    for (const [off, len] of r.toServer.chunks) {
      const window = Buffer.concat([carry, r.toServer.bytes.subarray(off, off + len)]);
      const i = window.indexOf(PATTERN);
      if (i >= 0 && foundAt < 0) foundAt = off - carry.length + i;
      carry = window.subarray(Math.max(0, window.length - PATTERN.length + 1));
    }
    expect(foundAt).toBe(REQUEST.indexOf(PATTERN));
  });
});
