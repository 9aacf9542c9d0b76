// Scale: a SYN scan with more concurrent flows than the table holds. The flow table, stream states
// and page pool are carved once at configure time, so WASM memory must not grow while the capture
// runs; flows beyond the cap are evicted (counted) and every packet still ends in exactly one flow
// record. The default size keeps `npm test` fast; NETSIFT_SCALE_FLOWS=1000000 runs the issue's
// 1,000,000-concurrent-flow case (cap NETSIFT_SCALE_CAP, default half the flows).
import { describe, expect, it } from 'vitest';
import { tempFile } from '../../helpers/engine.js';
import { runFiles } from '../../../src/capture/file-runner.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import * as L from '../../../src/wasm/layout.js';

const FLOWS = Number(process.env.NETSIFT_SCALE_FLOWS ?? 200_000);
const CAP = Number(process.env.NETSIFT_SCALE_CAP ?? Math.floor(FLOWS / 2));

/** A pcap of `n` TCP SYNs from distinct (source address, port) to one server, 1 µs apart. */
function synScan(n: number): Buffer {
  const rec = 16 + 54;
  const b = Buffer.alloc(24 + n * rec);
  b.writeUInt32LE(0xa1b2c3d4, 0);
  b.writeUInt16LE(2, 4);
  b.writeUInt16LE(4, 6);
  b.writeUInt32LE(65535, 16);
  b.writeUInt32LE(1, 20);
  const frame = Buffer.alloc(54);
  frame.writeUInt16BE(0x0800, 12);
  frame[14] = 0x45;
  frame.writeUInt16BE(40, 16);
  frame[22] = 64;
  frame[23] = 6;
  frame.writeUInt32BE(0xc0a80001, 30); // 192.168.0.1
  frame.writeUInt16BE(80, 36);
  frame[46] = 0x50;
  frame[47] = 0x02; // SYN
  frame.writeUInt16BE(1024, 48);
  for (let i = 0; i < n; i++) {
    const o = 24 + i * rec;
    b.writeUInt32LE(1_700_000_000 + Math.floor(i / 1_000_000), o);
    b.writeUInt32LE(i % 1_000_000, o + 4);
    b.writeUInt32LE(54, o + 8);
    b.writeUInt32LE(54, o + 12);
    frame.copy(b, o + 16);
    b.writeUInt32BE((0x0a000000 + (i >>> 6)) >>> 0, o + 16 + 26); // 10.x.y.z
    b.writeUInt16BE(1024 + (i & 63), o + 16 + 34);
    b.writeUInt32BE(i >>> 0, o + 16 + 38); // seq
  }
  return b;
}

describe(`flow table at scale (${FLOWS} SYN-scan flows, cap ${CAP})`, () => {
  it('keeps WASM memory fixed while running, evicts beyond the cap (counted), loses no packet', async () => {
    const inst = new EngineInstance();
    inst.configure({ [L.CFG_FLOW_MAX]: CAP });
    const memBefore = inst.ex.memory.buffer.byteLength;
    let records = 0;
    let packets = 0;
    await runFiles(inst, [tempFile(synScan(FLOWS), 'syn-scan.pcap')], {
      reassemble: true,
      onFlows: (r) => {
        records += r.count;
        const dv = new DataView(r.mem.buffer, r.mem.byteOffset);
        for (let i = 0; i < r.count; i++)
          packets += dv.getUint32(r.ptr + i * L.FLOW_RECORD_SIZE + L.FLOW_PKTS_TS_OFF, true);
      },
    });
    const c = inst.snapshotCounters();
    expect(inst.ex.memory.buffer.byteLength).toBe(memBefore);
    expect(records).toBe(FLOWS);
    expect(packets).toBe(FLOWS);
    expect(c[L.COUNTER_FLOWS_ACTIVE_MAX]).toBe(BigInt(CAP));
    expect(c[L.COUNTER_FLOWS_EVICTED]).toBe(BigInt(FLOWS - CAP));
    console.log(
      `scale: ${FLOWS} flows, cap ${CAP}: wasm memory ${(memBefore / 2 ** 20).toFixed(0)} MiB, ` +
        `evicted ${c[L.COUNTER_FLOWS_EVICTED]}, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
    );
  }, 300_000);
});
