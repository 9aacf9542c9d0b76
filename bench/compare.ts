/**
 * `tsx bench/compare.ts A.json B.json`: per-case deltas between two bench/v1 runs (B relative to
 * A): median time, throughput and peak RSS. Cases are matched by their stable id.
 */
import { readFileSync } from 'node:fs';
import { BENCH_SCHEMA, type BenchCase, type BenchDoc } from './lib/measure.js';

function load(path: string): BenchDoc {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as BenchDoc;
  if (doc.schema !== BENCH_SCHEMA)
    throw new Error(`${path}: schema ${String(doc.schema)}, expected ${BENCH_SCHEMA}`);
  return doc;
}

const pct = (a: number, b: number): string =>
  a === 0 ? 'n/a' : `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(1)}%`;

export function compare(a: BenchDoc, b: BenchDoc): string {
  const lines = [`A: git ${a.git} ${a.started}`, `B: git ${b.git} ${b.started}`, ''];
  const rows: string[][] = [
    ['case', 'A MB/s', 'B MB/s', 'Δ MB/s', 'A ms', 'B ms', 'Δ time', 'Δ RSS', 'input'],
  ];
  const bById = new Map(b.cases.map((c) => [c.id, c]));
  const ids = [...new Set([...a.cases.map((c) => c.id), ...b.cases.map((c) => c.id)])];
  for (const id of ids) {
    const ca: BenchCase | undefined = a.cases.find((c) => c.id === id);
    const cb = bById.get(id);
    if (!ca || !cb) {
      rows.push([
        id,
        ca ? (ca.bytes_per_s / 1e6).toFixed(0) : '-',
        cb ? (cb.bytes_per_s / 1e6).toFixed(0) : '-',
        '',
        '',
        '',
        '',
        '',
        'only in ' + (ca ? 'A' : 'B'),
      ]);
      continue;
    }
    const rss =
      ca.peak_rss_bytes !== undefined && cb.peak_rss_bytes !== undefined
        ? pct(ca.peak_rss_bytes, cb.peak_rss_bytes)
        : '';
    rows.push([
      id,
      (ca.bytes_per_s / 1e6).toFixed(0),
      (cb.bytes_per_s / 1e6).toFixed(0),
      pct(ca.bytes_per_s, cb.bytes_per_s),
      (ca.median_ns / 1e6).toFixed(0),
      (cb.median_ns / 1e6).toFixed(0),
      pct(ca.median_ns, cb.median_ns),
      rss,
      ca.input === cb.input ? ca.input : `${ca.input} → ${cb.input}`,
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    lines.push(
      r.map((c, i) => (i === 0 || i === 8 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
    );
  return lines.join('\n') + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [pa, pb] = process.argv.slice(2);
  if (!pa || !pb) {
    process.stderr.write('usage: tsx bench/compare.ts A.json B.json\n');
    process.exit(2);
  }
  process.stdout.write(compare(load(pa), load(pb)));
}
