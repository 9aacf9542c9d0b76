/** bench/lib/measure.ts statistics, bench/gen.ts size parsing and bench/compare.ts deltas. */
import { describe, expect, it } from 'vitest';
import { compare } from '../../../bench/compare.js';
import { parseSize } from '../../../bench/gen.js';
import { BENCH_SCHEMA, mad, makeCase, median, type BenchDoc } from '../../../bench/lib/measure.js';

describe('bench measure', () => {
  it('median and median absolute deviation', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
  });

  it('makeCase derives throughput from the median', () => {
    const c = makeCase({ id: 'x', stage: 's', input: 'f', packets: 1000, bytes: 2e6 }, [2e9, 1e9, 3e9]);
    expect(c).toMatchObject({
      iterations: 3,
      median_ns: 2e9,
      mad_ns: 1e9,
      packets_per_s: 500,
      bytes_per_s: 1e6,
    });
  });

  it('parses sizes with binary suffixes', () => {
    expect(parseSize('1G')).toBe(2 ** 30);
    expect(parseSize('20M')).toBe(20 * 2 ** 20);
    expect(parseSize('512k')).toBe(512 * 1024);
    expect(parseSize('4096')).toBe(4096);
    expect(() => parseSize('lots')).toThrow(/bad size "lots"/);
  });

  it('compare prints per-case deltas matched by id', () => {
    const doc = (bps: number): BenchDoc => ({
      schema: BENCH_SCHEMA,
      git: 'abc',
      node: 'v20',
      cpus: 2,
      cpu_model: 'cpu',
      smoke: true,
      started: 't',
      cases: [makeCase({ id: 'decode.stats', stage: 'decode', input: 'f', packets: 10, bytes: bps }, [1e9])],
    });
    const out = compare(doc(100e6), doc(150e6));
    expect(out).toMatch(/decode\.stats\s+100\s+150\s+\+50\.0%/);
  });
});
