/**
 * The README's library examples, run as written: every ```ts block that starts with
 * `// example: NAME` is extracted, `'netsift'` is pointed at src/index.ts and `capture.pcap` at
 * the demo capture, and the block must run to the end without throwing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n\/\/ example: ([\w-]+)\n([\s\S]*?)```/g)].map((m) => ({
  name: m[1]!,
  code: m[2]!,
}));

describe('README examples', () => {
  it('has examples to run', () => {
    expect(blocks.map((b) => b.name)).toEqual(expect.arrayContaining(['read-packets', 'engine']));
  });

  for (const b of blocks) {
    it(`runs "${b.name}"`, async () => {
      const dir = join(ROOT, 'test', '.tmp');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `readme-${b.name}.ts`);
      const code = b.code
        .replaceAll("from 'netsift'", `from '${join(ROOT, 'src/index.ts')}'`)
        .replaceAll("'capture.pcap'", `'${join(ROOT, 'examples/demo/demo.pcap')}'`);
      writeFileSync(file, `${code}\nexport {};\n`);
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        await import(file);
        expect(log).toHaveBeenCalled();
      } finally {
        log.mockRestore();
      }
    }, 60_000);
  }
});
