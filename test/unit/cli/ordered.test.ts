/** `netsift read --ordered` writes byte-identical eve.json for 1, 2 and 4 workers. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCapture } from '../../../bench/gen/generate.js';
import { runCli } from '../../helpers/cli.js';
import { tempFile } from '../../helpers/engine.js';

describe('read --ordered', () => {
  it('gives byte-identical eve.json for any number of workers', async () => {
    const capture = tempFile(generateCapture({ seed: 11, packets: 8000 }).pcap!, 'ordered.pcap');
    const demo = join(import.meta.dirname, '../../../examples/demo/demo.pcap');
    const outputs: string[] = [];
    for (const workers of ['1', '2', '4']) {
      const dir = mkdtempSync(join(tmpdir(), `netsift-ordered-${workers}-`));
      const r = await runCli([
        'read',
        capture,
        demo,
        '-l',
        dir,
        '--workers',
        workers,
        '--ordered',
        '--no-progress',
      ]);
      expect(r.code, r.stderr).toBe(0);
      outputs.push(readFileSync(join(dir, 'eve.json'), 'utf8'));
    }
    const events = outputs[0]!.trim().split('\n');
    expect(events.length).toBeGreaterThan(100);
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
  }, 120_000);
});
