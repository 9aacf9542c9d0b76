// The app layer end to end through the worker pool: a generated capture (HTTP, DNS, TLS with
// real DER certificates) gives the same EVE http/dns/tls events, in the same order, for 1 and 2
// workers (--ordered), and flows carry their app_proto.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCapture } from '../../../bench/gen/generate.js';
import { createEngine, fromFile } from '../../../src/engine.js';
import { eveAppEvent } from '../../../src/outputs/eve-app.js';
import { eveFlowEvent } from '../../../src/outputs/eve-flow.js';

async function run(path: string, workers: number): Promise<{ app: string[]; flows: string[] }> {
  const engine = createEngine({ workers, ordered: true, app: true });
  const app: string[] = [];
  const flows: string[] = [];
  engine.appEvents$.subscribe((e) => app.push(JSON.stringify(eveAppEvent(e))));
  engine.flows$.subscribe((f) => flows.push(String(eveFlowEvent(f).app_proto)));
  try {
    await engine.run(fromFile(path));
  } finally {
    await engine.close();
  }
  return { app, flows };
}

describe('app events through the engine', () => {
  it('same events for 1 and 2 workers; app_proto on flows', async () => {
    const path = join(tmpdir(), `netsift-app-engine-${process.pid}.pcap`);
    writeFileSync(path, generateCapture({ seed: 7, packets: 3000 }).pcap ?? new Uint8Array());
    const one = await run(path, 1);
    const two = await run(path, 2);
    expect(two.app).toEqual(one.app);
    const kinds = one.app.map((l) => (JSON.parse(l) as { event_type: string }).event_type);
    for (const k of ['http', 'dns', 'tls']) expect(kinds).toContain(k);
    const tls = one.app
      .map((l) => JSON.parse(l) as { tls?: Record<string, unknown> })
      .find((e) => e.tls?.subject);
    expect(tls?.tls).toMatchObject({ version: expect.stringMatching(/^TLS 1\.[23]$/) as unknown });
    expect(String(tls?.tls?.fingerprint)).toMatch(/^([0-9a-f]{2}:){19}[0-9a-f]{2}$/);
    expect(new Set(one.flows)).toEqual(new Set(['http', 'tls', 'dns', 'failed']));
  });
});
