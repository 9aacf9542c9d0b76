/**
 * `npm run gen -- --size 1G --seed 1 -o x.pcap [--packets N] [--manifest m.json] [--clean]`:
 * write a deterministic synthetic capture (see bench/gen/generate.ts) and optionally the
 * manifest of planted attacks. `--scenarios all|portscan,synflood,… --labels labels.csv [--span S]`
 * mixes labelled attack scenarios (bench/gen/scenarios) into the traffic and writes their labels. Sizes take K/M/G suffixes (binary: 1G = 2^30 bytes).
 */
import { parseArgs } from 'node:util';
import { generateCapture } from './gen/generate.js';
import { parseScenarioList } from './gen/scenarios/index.js';

export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(text.trim());
  if (!m) throw new Error(`bad size "${text}" (expected e.g. 20M, 1G, 4096)`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2]!.toLowerCase()] ?? 1;
  return Math.round(Number(m[1]) * mult);
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', short: 'o' },
      packets: { type: 'string' },
      manifest: { type: 'string' },
      clean: { type: 'boolean', default: false },
      scenarios: { type: 'string' },
      labels: { type: 'string' },
      span: { type: 'string' },
    },
  });
  if (!values.out)
    throw new Error('usage: gen --size 1G --seed 1 -o out.pcap [--packets N] [--manifest m.json] [--clean]');
  const size = values.size !== undefined ? parseSize(values.size) : undefined;
  const packets = values.packets !== undefined ? Number(values.packets) : undefined;
  const t0 = process.hrtime.bigint();
  const { manifest } = generateCapture({
    seed: Number(values.seed),
    size: size ?? (packets === undefined ? parseSize('20M') : undefined),
    packets,
    clean: values.clean,
    out: values.out,
    manifest: values.manifest,
    scenarios: values.scenarios !== undefined ? parseScenarioList(values.scenarios) : undefined,
    labels: values.labels,
    spanS: values.span !== undefined ? Number(values.span) : undefined,
  });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stderr.write(
    `${values.out}: ${manifest.packets} packets, ${manifest.bytes} bytes, ${manifest.attacks.length} planted attacks ` +
      `in ${s.toFixed(1)} s (${(manifest.bytes / 1e6 / s).toFixed(0)} MB/s)\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`gen: ${(err as Error).message}\n`);
    process.exit(2);
  }
}
