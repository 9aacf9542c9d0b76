/**
 * Features and scoring on hostile input: captures of the corpus and a generated scenario capture
 * with random bytes flipped (packet headers included, record framing kept), and packets out of
 * time order. Every feature of every flow stays a finite number, every flow keeps its feature
 * record, and scoring stays within [0, 1]. Seeded, so a failure replays.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memorySource } from '../../../src/capture/byte-source.js';
import { runSource } from '../../../src/capture/file-runner.js';
import { readFlowRecords } from '../../../src/flows/record.js';
import { compileModelBlob } from '../../../src/ml/blob.js';
import { readFeatureRows, type FlowFeatures } from '../../../src/ml/extract.js';
import { toDataset } from '../../../src/ml/train/index.js';
import { trainForest } from '../../../src/ml/train/trees.js';
import { copyFeatureRecords, enableFeatures, loadModelBlob } from '../../../src/wasm/features.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import { labelledCapture, type Labelled } from './helpers.js';

const CORPUS = join(import.meta.dirname, '../../../../shared/corpus/decode');
let cap: Labelled;
let blob: Float64Array;

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

/** Flip bytes inside packet data (after the 24-byte pcap header), keeping record headers. */
function mutate(pcap: Uint8Array, seed: number): Uint8Array {
  const r = rng(seed);
  const b = Uint8Array.from(pcap);
  const dv = new DataView(b.buffer);
  for (let off = 24; off + 16 <= b.length;) {
    const len = dv.getUint32(off + 8, true);
    const data = off + 16;
    if (data + len > b.length) break;
    if (r() < 0.3) for (let k = 0; k < 3; k++) b[data + Math.floor(r() * len)] = Math.floor(r() * 256);
    if (r() < 0.05) dv.setUint32(off, dv.getUint32(off, true) - Math.floor(r() * 3), true); // time goes back
    off = data + len;
  }
  return b;
}

let inst: EngineInstance;

async function scoreBytes(bytes: Uint8Array): Promise<FlowFeatures[]> {
  const rows: FlowFeatures[] = [];
  const add = (mem: Uint8Array, ptr: number, count: number): void => {
    rows.push(...readFeatureRows(readFlowRecords(mem, ptr, count), copyFeatureRecords(inst, ptr, count)));
  };
  try {
    await runSource(inst, memorySource('m.pcap', bytes), {
      flows: true,
      onFlows: (f) => add(f.mem, f.ptr, f.count),
    });
  } catch (err) {
    if ((err as Error).name !== 'PcapError') throw err;
  }
  inst.flushFlows(add);
  return rows;
}

beforeAll(async () => {
  cap = await labelledCapture(13, 4000, { spanS: 30, scale: 0.2 });
  blob = compileModelBlob(trainForest(toDataset(cap.table), 'benign', { trees: 5, maxDepth: 8 }));
  inst = new EngineInstance();
  enableFeatures(inst);
  loadModelBlob(inst, blob);
}, 60_000);

describe('features on hostile input', () => {
  it('stay finite, paired and scored within [0, 1]', async () => {
    const seeds = [readFileSync(cap.pcap)];
    for (const f of readdirSync(CORPUS)
      .filter((n) => n.endsWith('.pcap'))
      .slice(0, 8)) {
      seeds.push(readFileSync(join(CORPUS, f)));
    }
    let flows = 0;
    for (let i = 0; i < 27; i++) {
      const rows = await scoreBytes(mutate(seeds[i % seeds.length]!, i + 1));
      const bad = rows.filter(
        (r) => !r.valid || r.features.some((v) => !Number.isFinite(v)) || !(r.score >= 0 && r.score <= 1),
      );
      expect(
        bad.map((r) => r.flow.flowId),
        `mutation ${i + 1}`,
      ).toEqual([]);
      flows += rows.length;
    }
    expect(flows).toBeGreaterThan(100);
  }, 60_000);
});
