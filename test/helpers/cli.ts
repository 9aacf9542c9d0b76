/** Run the netsift CLI in-process and capture what it writes and the exit code it sets. */
import { main } from '../../src/cli/main.js';

export async function runCli(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const origOut = process.stdout.write.bind(process.stdout);
  const origErr = process.stderr.write.bind(process.stderr);
  const prevCode = process.exitCode;
  process.exitCode = 0;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    err.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    return true;
  }) as typeof process.stderr.write;
  try {
    await main(['node', 'netsift', ...args]);
  } finally {
    process.stdout.write = origOut;
    process.stderr.write = origErr;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = prevCode;
  return { stdout: out.join(''), stderr: err.join(''), code };
}
