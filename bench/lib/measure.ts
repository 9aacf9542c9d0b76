/**
 * The bench/v1 result document and the statistics every case reports: the median of the
 * iteration wall times and their median absolute deviation, throughput from the median, and the
 * fastest iteration.
 */

export const BENCH_SCHEMA = 'bench/v1';

export interface BenchCase {
  /** Stable id, never renamed (compare.ts matches runs by it). */
  id: string;
  stage: string;
  /** The capture measured (fixture file name). */
  input: string;
  packets: number;
  bytes: number;
  iterations: number;
  median_ns: number;
  mad_ns: number;
  /** Fastest iteration: on a shared, noisy machine the closest to the uncontended time. */
  min_ns?: number;
  packets_per_s: number;
  bytes_per_s: number;
  peak_rss_bytes?: number;
  /** Worker threads used (engine cases); absent means one, in-process. */
  workers?: number;
  /** What was run, for reference cases and child processes. */
  command?: string;
  note?: string;
  /** Times (ns) of a peer case run alternately with this one's iterations (engine.bench.ts `paired`). */
  paired_ns?: number[];
}

export interface BenchDoc {
  schema: typeof BENCH_SCHEMA;
  git: string;
  node: string;
  cpus: number;
  cpu_model: string;
  smoke: boolean;
  started: string;
  cases: BenchCase[];
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return 0;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

export function mad(xs: readonly number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

/** A case from per-iteration wall times (ns) over an input of `bytes` bytes and `packets` packets. */
export function makeCase(
  base: Pick<BenchCase, 'id' | 'stage' | 'input' | 'packets' | 'bytes'> & Partial<BenchCase>,
  timesNs: readonly number[],
): BenchCase {
  const med = median(timesNs);
  return {
    ...base,
    iterations: timesNs.length,
    median_ns: Math.round(med),
    mad_ns: Math.round(mad(timesNs)),
    min_ns: Math.round(Math.min(...timesNs)),
    packets_per_s: med > 0 ? Math.round((base.packets * 1e9) / med) : 0,
    bytes_per_s: med > 0 ? Math.round((base.bytes * 1e9) / med) : 0,
  };
}

export function nowNs(): number {
  return Number(process.hrtime.bigint());
}
