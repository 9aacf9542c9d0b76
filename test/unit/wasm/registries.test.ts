/**
 * The WASM and TypeScript sides name the same things: anomaly ids and protocol ids are defined
 * once in assembly/abi/*.ts and mirrored in src/wasm/*.ts. This test reads the AssemblyScript
 * sources and checks every id, and checks the layout constants the module exports at load.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANOMALY_NAMES } from '../../../src/wasm/anomalies.js';
import { PROTOCOLS } from '../../../src/wasm/protocols.js';
import * as L from '../../../src/wasm/layout.js';
import { EngineInstance } from '../../../src/wasm/instance.js';

const ROOT = join(import.meta.dirname, '../../..');

function asConstants(file: string, type: string): Array<{ name: string; value: number; comment: string }> {
  const src = readFileSync(join(ROOT, file), 'utf8');
  const re = new RegExp(`export const (\\w+): ${type} = (\\d+);(?: // (\\S+))?`, 'g');
  return [...src.matchAll(re)].map((m) => ({ name: m[1]!, value: Number(m[2]), comment: m[3] ?? '' }));
}

describe('registries', () => {
  it('anomaly names match assembly/abi/anomalies.ts id for id', () => {
    const ids = asConstants('assembly/abi/anomalies.ts', 'u16').filter((c) => c.name !== 'ANOM_COUNT');
    expect(ids.length).toBe(ANOMALY_NAMES.length);
    for (const c of ids) expect(ANOMALY_NAMES[c.value], c.name).toBe(c.comment);
    const count = asConstants('assembly/abi/anomalies.ts', 'u16').find((c) => c.name === 'ANOM_COUNT');
    expect(count?.value).toBe(ANOMALY_NAMES.length);
    expect(new Set(ANOMALY_NAMES).size).toBe(ANOMALY_NAMES.length);
    for (const n of ANOMALY_NAMES.slice(1)) expect(n).toMatch(/^[a-z0-9]+\.[a-z0-9_]+$/);
  });

  it('protocol ids match assembly/abi/protocols.ts', () => {
    const ids = asConstants('assembly/abi/protocols.ts', 'u8').filter(
      (c) => c.name.startsWith('PROTO_') && c.name !== 'PROTO_COUNT',
    );
    for (const c of ids) {
      expect(PROTOCOLS[c.value]?.name.toUpperCase(), c.name).toBe(c.name.slice('PROTO_'.length));
    }
    const count = asConstants('assembly/abi/protocols.ts', 'u8').find((c) => c.name === 'PROTO_COUNT');
    expect(count?.value).toBe(PROTOCOLS.length);
  });

  it('layout constants match assembly/abi/layout.ts', () => {
    const as = asConstants('assembly/abi/layout.ts', 'u32');
    const ts = L as unknown as Record<string, number>;
    let checked = 0;
    for (const c of as) {
      if (c.name in ts) {
        expect(ts[c.name], c.name).toBe(c.value);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('the built module passes the ABI handshake', () => {
    const inst = new EngineInstance();
    expect(inst.inputView().length).toBe(L.INPUT_CAPACITY);
  });
});
