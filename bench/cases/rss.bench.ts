/**
 * decode.stats.rss4g: `netsift stats` on a large generated capture as a child process, for its
 * peak resident set size (the constant-memory check: well under 300 MB on 4 GiB). Uses the
 * built CLI (`node bin/netsift.js stats --json FILE`, needs `npm run build`) when present, else
 * bench/cases/stats-child.ts (same hot path). Peak RSS comes from `/usr/bin/time -v` when
 * installed, else from polling VmHWM in /proc/PID/status. Wall time includes process start-up.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fixture } from '../lib/fixtures.js';
import { makeCase, nowNs, type BenchCase } from '../lib/measure.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GNU_TIME = '/usr/bin/time';
/** The constant-memory budget from issue 2. */
export const RSS_BUDGET_BYTES = 300 * 1024 * 1024;

export function statsCommand(
  file: string,
  prefer: 'auto' | 'cli' | 'child' = 'auto',
): { argv: string[]; label: string } {
  const cliBuilt = existsSync(join(ROOT, 'dist', 'src', 'cli', 'commands', 'stats.js'));
  if (prefer === 'cli' || (prefer === 'auto' && cliBuilt)) {
    return {
      argv: [process.execPath, join(ROOT, 'bin', 'netsift.js'), 'stats', '--json', file],
      label: 'netsift stats --json',
    };
  }
  return {
    argv: [process.execPath, '--import', 'tsx', join(ROOT, 'bench', 'cases', 'stats-child.ts'), file],
    label: 'bench/cases/stats-child.ts',
  };
}

function readHwmBytes(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface ChildRun {
  ns: number;
  peakRss: number;
  method: string;
}

function runMeasured(argv: string[]): Promise<ChildRun> {
  const useTime = existsSync(GNU_TIME);
  const [cmd, ...args] = useTime ? [GNU_TIME, '-v', ...argv] : argv;
  return new Promise((resolve, reject) => {
    const t0 = nowNs();
    const child = spawn(cmd!, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let hwm = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const poll = useTime ? undefined : setInterval(() => (hwm = Math.max(hwm, readHwmBytes(child.pid!))), 20);
    child.on('error', reject);
    child.on('close', (code) => {
      const ns = nowNs() - t0;
      if (poll) clearInterval(poll);
      if (code !== 0) {
        const own = useTime ? stderr.split('\tCommand being timed')[0]! : stderr;
        return reject(new Error(`${argv.join(' ')} exited ${code}: ${own.trim().slice(-500)}`));
      }
      if (useTime) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        if (!m) return reject(new Error('no "Maximum resident set size" in /usr/bin/time -v output'));
        return resolve({ ns, peakRss: Number(m[1]) * 1024, method: '/usr/bin/time -v' });
      }
      resolve({ ns, peakRss: hwm, method: 'VmHWM polled every 20 ms' });
    });
  });
}

export async function benchStatsRss(
  fx: Fixture,
  prefer: 'auto' | 'cli' | 'child' = 'auto',
): Promise<BenchCase> {
  let { argv, label } = statsCommand(fx.path, prefer);
  let fallback = '';
  let run: ChildRun;
  try {
    run = await runMeasured(argv);
  } catch (err) {
    if (prefer !== 'auto' || !label.startsWith('netsift')) throw err;
    // a stale dist/ (built before the engine changed) fails its ABI check: use the source path
    fallback = `; built CLI failed (${firstLine(err)}), used the child script`;
    ({ argv, label } = statsCommand(fx.path, 'child'));
    run = await runMeasured(argv);
  }
  return {
    ...makeCase(
      {
        id: 'decode.stats.rss4g',
        stage: 'decode',
        input: fx.name,
        packets: fx.manifest.packets,
        bytes: fx.manifest.bytes,
        command: `${label} ${fx.name}`,
        note: `peak RSS by ${run.method}; wall time includes process start-up${fallback}`,
      },
      [run.ns],
    ),
    peak_rss_bytes: run.peakRss,
  };
}

function firstLine(err: unknown): string {
  const msg = (err as Error).message;
  const m = /netsift: [^\n]*/.exec(msg);
  return (m ? m[0] : msg.split('\n')[0]!).slice(0, 200);
}
