/**
 * `npm run bench` / `npm run bench:smoke`: the framing+decode+stats stage on a generated capture
 * (1 GiB; smoke: 20 MiB), with tcpdump and dpkt as reference points on the same file in the same
 * script, and the peak RSS of `netsift stats` on a 4 GiB capture (constant-memory check; runs by
 * default when the disk has room, `--rss` forces it, `--no-rss` skips it; smoke measures it on
 * the smoke capture). Writes bench/results/<timestamp>.json (schema bench/v1), prints a table
 * with ratios; `--json` prints the document on stdout (the table goes to stderr).
 *
 * Options: --smoke · --json · --rss / --no-rss · --iterations N (default 3) · --size 1G ·
 * --rss-size 4G · --stats-cmd auto|cli|child · --no-engine · --no-match (match.*: cases/match.bench.ts)
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchDecodeStats } from './cases/decode.bench.js';
import { benchEngine, scalingEfficiency } from './cases/engine.bench.js';
import { benchMatch } from './cases/match.bench.js';
import { benchDpkt, benchTcpdump } from './cases/reference.bench.js';
import { benchStatsRss, RSS_BUDGET_BYTES } from './cases/rss.bench.js';
import { parseSize } from './gen.js';
import { ensureFixture, freeBytes } from './lib/fixtures.js';
import { BENCH_SCHEMA, median, type BenchCase, type BenchDoc } from './lib/measure.js';

const HERE = dirname(fileURLToPath(import.meta.url));

function gitDescribe(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: HERE, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain', { cwd: HERE, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}-dirty` : head;
  } catch {
    return 'unknown';
  }
}

const mb = (bps: number): string => (bps / 1e6).toFixed(0);

/** `2 workers = 1.80x 1 worker` from the medians, and from the fastest iterations. */
function scalingLine(name: string, w1: BenchCase, wn: BenchCase): string {
  const eff = scalingEfficiency(w1, wn);
  const best = w1.min_ns && wn.min_ns ? ` · fastest iterations: ${(w1.min_ns / wn.min_ns).toFixed(2)}x` : '';
  return `${name}: ${wn.workers ?? 1} workers = ${(wn.bytes_per_s / w1.bytes_per_s).toFixed(2)}x 1 worker (scaling efficiency ${(eff * 100).toFixed(0)}%)${best}`;
}

/**
 * The share of decode.stats throughput from passes run alternately with the case's iterations
 * (the case's own decode.stats ran minutes earlier, when the machine may have been faster or slower).
 */
function decodeShareLine(full: BenchCase, decodeNs: readonly number[]): string {
  const pct = (decode: number, engine: number | undefined): string =>
    engine ? `${((100 * decode) / engine).toFixed(0)}%` : '?';
  return `${full.id} alternated with ${decodeNs.length} decode.stats passes keeps ${pct(median(decodeNs), full.median_ns)} (medians) / ${pct(Math.min(...decodeNs), full.min_ns)} (fastest) of their throughput`;
}

export function formatTable(doc: BenchDoc): string {
  const byId = new Map(doc.cases.map((c) => [c.id, c]));
  const tcpdump = byId.get('ref.tcpdump');
  const dpkt = byId.get('ref.dpkt');
  const ratio = (c: BenchCase, ref: BenchCase | undefined): string =>
    ref && c.stage !== 'reference' && c.peak_rss_bytes === undefined && ref.bytes === c.bytes
      ? `${(c.bytes_per_s / ref.bytes_per_s).toFixed(2)}x`
      : '';
  const rows = [
    [
      'case',
      'input',
      'packets',
      'MB/s',
      'kpkt/s',
      'median ms',
      'mad ms',
      'best ms',
      'vs tcpdump',
      'vs dpkt',
      'peak RSS',
    ],
    ...doc.cases.map((c) => [
      c.id,
      c.input,
      String(c.packets),
      mb(c.bytes_per_s),
      (c.packets_per_s / 1e3).toFixed(0),
      (c.median_ns / 1e6).toFixed(0),
      (c.mad_ns / 1e6).toFixed(1),
      c.min_ns !== undefined ? (c.min_ns / 1e6).toFixed(0) : '',
      ratio(c, tcpdump),
      ratio(c, dpkt),
      c.peak_rss_bytes !== undefined ? `${(c.peak_rss_bytes / 2 ** 20).toFixed(0)} MiB` : '',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const head = `netsift bench (${doc.smoke ? 'smoke' : 'full'}) · git ${doc.git} · node ${doc.node} · ${doc.cpus} cpus (${doc.cpu_model}) · per worker unless a case says wN`;
  return [head, ...lines].join('\n') + '\n';
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      rss: { type: 'boolean' },
      'no-rss': { type: 'boolean', default: false },
      iterations: { type: 'string', default: '3' },
      size: { type: 'string' },
      'rss-size': { type: 'string' },
      'stats-cmd': { type: 'string', default: 'auto' },
      'no-engine': { type: 'boolean', default: false },
      'no-match': { type: 'boolean', default: false },
    },
  });
  const smoke = values.smoke;
  const iterations = Math.max(1, Number(values.iterations));
  const size = parseSize(values.size ?? (smoke ? '20M' : '1G'));
  const rssSize = parseSize(values['rss-size'] ?? (smoke ? (values.size ?? '20M') : '4G'));
  const prefer = values['stats-cmd'] as 'auto' | 'cli' | 'child';
  const log = (s: string): void => void process.stderr.write(`bench: ${s}\n`);
  const notes: string[] = [];

  const doc: BenchDoc = {
    schema: BENCH_SCHEMA,
    git: gitDescribe(),
    node: process.version,
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model.trim() ?? 'unknown',
    smoke,
    started: new Date().toISOString(),
    cases: [],
  };

  const fx = ensureFixture(size, 1, log);
  log(`decode.stats on ${fx.name} (${fx.manifest.packets} packets)`);
  doc.cases.push(await benchDecodeStats(fx, iterations));
  for (const run of [benchTcpdump, benchDpkt]) {
    const r = run(fx, iterations);
    if (typeof r === 'string') notes.push(r);
    else doc.cases.push(r);
  }

  const scaling: string[] = [];
  if (!values['no-engine']) {
    const engineCases = [];
    for (const workers of [1, 2]) {
      log(`engine.flows.w${workers}: full path (flows + reassembly) on ${workers} worker(s)`);
      const c = await benchEngine(fx, workers, iterations);
      engineCases.push(c);
      doc.cases.push(c);
    }
    const [w1, w2] = engineCases;
    if (w1 && w2) scaling.push(scalingLine('engine.flows', w1, w2));
  }

  if (!values['no-match']) {
    const m = await benchMatch(fx, iterations, log);
    doc.cases.push(...m.cases);
    notes.push(...m.notes);
    const by = new Map(m.cases.map((c) => [c.id, c]));
    const dec = doc.cases.find((c) => c.id === 'decode.stats');
    const scan = by.get('match.scan.ac1000');
    const py = by.get('ref.pyahocorasick');
    const full = by.get('engine.match1000.w1');
    if (scan && py)
      scaling.push(
        `match.scan.ac1000 = ${(scan.bytes_per_s / py.bytes_per_s).toFixed(1)}x pyahocorasick (same payloads and patterns)`,
      );
    const full2 = by.get('engine.match1000.w2');
    if (full && full2) scaling.push(scalingLine('engine.match1000', full, full2));
    if (full && dec)
      scaling.push(
        `engine.match1000.w1 keeps ${((100 * full.bytes_per_s) / dec.bytes_per_s).toFixed(0)}% of decode.stats throughput (target >= 33%)`,
      );
    if (full?.paired_ns?.length) scaling.push(decodeShareLine(full, full.paired_ns));
  }

  let wantRss = values.rss ?? !values['no-rss'];
  const needed = rssSize * 1.2 + 2 ** 30;
  if (wantRss && values.rss === undefined && rssSize !== size && freeBytes() < needed) {
    notes.push(
      `decode.stats.rss4g skipped: ${(freeBytes() / 1e9).toFixed(1)} GB free, need ${(needed / 1e9).toFixed(1)} GB`,
    );
    wantRss = false;
  }
  if (wantRss) {
    const big = rssSize === size ? fx : ensureFixture(rssSize, 1, log);
    log(`decode.stats.rss4g: peak RSS of stats on ${big.name}`);
    const c = await benchStatsRss(big, prefer);
    doc.cases.push(c);
    if ((c.peak_rss_bytes ?? 0) > RSS_BUDGET_BYTES) {
      notes.push(`peak RSS ${(c.peak_rss_bytes! / 2 ** 20).toFixed(0)} MiB is over the 300 MiB budget`);
    }
  }

  const resultsDir = join(HERE, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${doc.started.replace(/[:.]/g, '-')}${smoke ? '-smoke' : ''}.json`);
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');

  const byId = new Map(doc.cases.map((c) => [c.id, c]));
  const ns = byId.get('decode.stats');
  const summary: string[] = [];
  for (const ref of ['ref.tcpdump', 'ref.dpkt']) {
    const r = byId.get(ref);
    if (ns && r) summary.push(`netsift/${ref.slice(4)} = ${(ns.bytes_per_s / r.bytes_per_s).toFixed(2)}x`);
  }
  const text =
    formatTable(doc) +
    (summary.length ? `ratios (bytes/s, same file, same script): ${summary.join(' · ')}\n` : '') +
    scaling.map((l) => `${l}\n`).join('') +
    notes.map((n) => `note: ${n}\n`).join('') +
    doc.cases
      .filter((c) => c.peak_rss_bytes !== undefined)
      .map((c) => `${c.id}: ${c.command} · ${c.note ?? ''}\n`)
      .join('') +
    `results: ${file}\n`;
  if (values.json) {
    process.stderr.write(text);
    process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  } else {
    process.stdout.write(text);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
