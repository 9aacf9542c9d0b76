/**
 * Generated captures for the bench, cached under bench/fixtures/ (git-ignored) by generator
 * version, seed and size, with their manifest beside them. Generated into a temporary name and
 * renamed, so an interrupted run never leaves a short file behind under the final name.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GEN_VERSION, generateCapture, type Manifest } from '../gen/generate.js';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export interface Fixture {
  path: string;
  name: string;
  manifest: Manifest;
}

export function sizeLabel(bytes: number): string {
  if (bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3}g`;
  if (bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2}m`;
  return `${bytes}b`;
}

export function ensureFixture(size: number, seed = 1, log: (s: string) => void = () => {}): Fixture {
  mkdirSync(FIXTURES_DIR, { recursive: true });
  const name = `gen-v${GEN_VERSION}-s${seed}-${sizeLabel(size)}.pcap`;
  const path = join(FIXTURES_DIR, name);
  const manifestPath = path.replace(/\.pcap$/, '.manifest.json');
  if (!existsSync(path) || !existsSync(manifestPath)) {
    removeStale(log);
    log(`generating ${name} (${(size / 1e6).toFixed(0)} MB)...`);
    const t0 = Date.now();
    const tmp = `${path}.tmp-${process.pid}`;
    generateCapture({ seed, size, out: tmp, manifest: manifestPath });
    renameSync(tmp, path);
    log(`generated ${name} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { path, name, manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest };
}

/** Free bytes on the fixtures file system. */
export function freeBytes(): number {
  mkdirSync(FIXTURES_DIR, { recursive: true });
  const s = statfsSync(FIXTURES_DIR);
  return s.bavail * s.bsize;
}

/** Delete fixtures written by other generator versions (they are gigabytes and never read again). */
function removeStale(log: (s: string) => void): void {
  for (const f of readdirSync(FIXTURES_DIR)) {
    const m = /^gen-v(\d+)-/.exec(f);
    if (m && Number(m[1]) !== GEN_VERSION) {
      rmSync(join(FIXTURES_DIR, f), { force: true });
      log(`removed stale fixture ${f}`);
    }
  }
}
