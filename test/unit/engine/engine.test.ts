/**
 * The parallel engine: the same input gives the same stats and the same set of flow records for
 * 1, 2 and 4 workers (and, ordered, the same sequence); a killed worker fails the run loudly and
 * quickly; fromBuffers reads a capture arriving in pieces.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCapture } from '../../../bench/gen/generate.js';
import { createEngine, fromBuffers, fromFile } from '../../../src/engine.js';
import { WorkerFailedError } from '../../../src/errors.js';
import type { FlowRecord } from '../../../src/flows/record.js';
import { statsOf, tempFile } from '../../helpers/engine.js';

const CORPUS = join(import.meta.dirname, '../../../../shared/corpus/decode');
const corpusFiles = readdirSync(CORPUS)
  .filter((f) => /\.pcap(ng)?$/.test(f))
  .map((f) => join(CORPUS, f));

function flowLine(f: FlowRecord): string {
  return [
    f.firstPacket,
    `${f.srcIp}:${f.srcPort}`,
    `${f.destIp}:${f.destPort}`,
    f.proto,
    f.vlan,
    f.pktsToServer,
    f.pktsToClient,
    f.bytesToServer,
    f.bytesToClient,
    f.startNs,
    f.endNs,
    f.tcpFlagsTs,
    f.tcpFlagsTc,
    f.state,
    f.reason,
  ].join(' ');
}

async function runWith(workers: number, paths: readonly string[], ordered = true) {
  const engine = createEngine({ workers, ordered, inFlight: 3, chunkSize: 64 * 1024 });
  const flows: string[] = [];
  engine.flows$.subscribe((f) => flows.push(flowLine(f)));
  try {
    const stats = await engine.run(fromFile(paths));
    return { stats, flows };
  } finally {
    await engine.close();
  }
}

describe('engine across workers', () => {
  let generated: string;
  beforeAll(() => {
    const { pcap } = generateCapture({ seed: 7, packets: 20_000 });
    generated = tempFile(pcap!, 'gen.pcap');
  });

  it('gives the same stats and the same ordered flow records for 1, 2 and 4 workers', async () => {
    const inputs = [...corpusFiles, generated];
    const one = await runWith(1, inputs);
    expect(one.stats.packets).toBeGreaterThan(20_000);
    expect(one.stats.decoded + one.stats.invalid).toBe(one.stats.packets);
    expect(one.flows.length).toBeGreaterThan(400);
    for (const n of [2, 4]) {
      const other = await runWith(n, inputs);
      expect(other.stats, `${n} workers`).toEqual(one.stats);
      expect(other.flows, `${n} workers`).toEqual(one.flows);
    }
  }, 120_000);

  it('fromBuffers reads a capture arriving in small pieces, like fromFile', async () => {
    const bytes = readFileSync(generated);
    async function* pieces(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 1000) yield bytes.subarray(i, i + 1000);
    }
    const engine = createEngine({ workers: 2 });
    try {
      const a = await engine.run(fromBuffers(pieces()));
      const b = await runWith(1, [generated]);
      expect(a.packets).toBe(b.stats.packets);
      expect(a.protocols).toEqual(b.stats.protocols);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('workers reading a plain file themselves see what a copied (gzip) or truncated stream gives', async () => {
    const bytes = readFileSync(generated);
    const gz = tempFile(gzipSync(bytes), 'gen.pcap.gz');
    // cut inside a record: the end is a counted truncation, in every worker alike
    const cut = tempFile(bytes.subarray(0, Math.floor(bytes.length * 0.61)), 'cut.pcap');
    const plain = await runWith(2, [generated, cut]);
    const copied = await runWith(2, [gz, cut]);
    expect(copied.stats).toEqual(plain.stats);
    expect(copied.flows).toEqual(plain.flows);
    const single = await statsOf([generated, cut], { flows: true });
    expect(plain.stats.packets).toBe(single.packets);
    expect(plain.stats.anomalies).toEqual(single.anomalies);
    expect(Object.keys(single.anomalies).join()).toMatch(/trunc/);
  }, 60_000);

  it('a worker killed mid-run fails the run with WorkerFailedError within seconds', async () => {
    const engine = createEngine({ workers: 2, inFlight: 2, chunkSize: 16 * 1024, taskTimeoutMs: 10_000 });
    const t0 = Date.now();
    let killed = false;
    const run = engine.run(fromFile([generated, generated, generated]), {
      onProgress: (p) => {
        if (!killed && p.rawBytes > 64 * 1024) {
          killed = true;
          void engine.workerThreads()[1]!.terminate();
        }
      },
    });
    await expect(run).rejects.toBeInstanceOf(WorkerFailedError);
    expect(killed).toBe(true);
    expect(Date.now() - t0).toBeLessThan(10_000);
    await engine.close();
  }, 30_000);
});

afterAll(() => {});
