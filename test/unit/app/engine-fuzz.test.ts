// Hostile captures through the whole engine with the app layer on: a generated capture (HTTP,
// DNS, TLS) with bytes flipped inside packets (mostly payloads, where the parsers look) and cut
// anywhere. Nothing but a PcapError may leave the engine, WASM memory does not grow after the
// first run (the app regions are carved once), and app records never overflow their region.
import { describe, expect, it } from 'vitest';
import { generateCapture } from '../../../bench/gen/generate.js';
import { readAppRecords } from '../../../src/app/records.js';
import { memorySource } from '../../../src/capture/byte-source.js';
import { runSource } from '../../../src/capture/file-runner.js';
import { PcapError } from '../../../src/errors.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import { rng } from '../../helpers/rng.js';

describe('app layer under mutated captures', () => {
  it('200 mutated captures: no trap, bounded memory, events still well-formed', async () => {
    const base = Buffer.from(generateCapture({ seed: 5, packets: 600 }).pcap ?? new Uint8Array());
    const inst = new EngineInstance();
    inst.configure({});
    let mem = 0;
    let events = 0;
    for (let i = 0; i < 200; i++) {
      const r = rng(i + 1);
      const b = Buffer.from(base);
      const flips = 1 + (r() % 64);
      for (let k = 0; k < flips; k++) {
        const at = 24 + (r() % (b.length - 24));
        // keep pcap record headers mostly intact: flip payload-ish bytes
        b[at] = r() & 0xff;
      }
      const input = i % 3 === 0 ? b.subarray(0, r() % b.length) : b;
      const collect = (): void => {
        const { ptr, count, dataPtr } = inst.appRecordsAt();
        const m = inst.memoryView();
        for (const e of readAppRecords(m, ptr, count, m.subarray(dataPtr))) {
          expect(['http', 'dns', 'tls']).toContain(e.kind);
          events++;
        }
      };
      try {
        await runSource(inst, memorySource(`case-${i}`, input), {
          app: true,
          reassemble: true,
          flows: true,
          afterCall: collect,
        });
      } catch (err) {
        if (!(err instanceof PcapError)) throw err;
      }
      inst.flushFlows(() => undefined, undefined, collect);
      if (i === 0) mem = inst.ex.memory.buffer.byteLength;
      else expect(inst.ex.memory.buffer.byteLength).toBe(mem);
      expect(inst.ex.appRecordsDropped()).toBe(0);
    }
    expect(events).toBeGreaterThan(0);
    expect(inst.ex.appStatesInUse()).toBe(0);
  });
});
