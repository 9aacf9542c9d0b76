/**
 * Reference points run in the same script on the same file: tcpdump reading the capture with a
 * BPF filter (`tcpdump -r X -w /dev/null 'tcp port 80'`: libpcap's read loop, no dissection) and
 * a dpkt decode loop in Python (Ethernet → IP/IPv6 → TCP/UDP objects per packet). A tool that
 * is missing is reported and skipped, never fatal.
 */
import { spawnSync } from 'node:child_process';
import type { Fixture } from '../lib/fixtures.js';
import { makeCase, nowNs, type BenchCase } from '../lib/measure.js';

export const DPKT_LOOP = `
import sys, dpkt
n = ip = tcp = udp = 0
with open(sys.argv[1], 'rb') as f:
    for ts, buf in dpkt.pcap.Reader(f):
        n += 1
        eth = dpkt.ethernet.Ethernet(buf)
        l3 = eth.data
        if isinstance(l3, (dpkt.ip.IP, dpkt.ip6.IP6)):
            ip += 1
            l4 = l3.data
            if isinstance(l4, dpkt.tcp.TCP):
                tcp += 1
            elif isinstance(l4, dpkt.udp.UDP):
                udp += 1
print(n, ip, tcp, udp)
`;

function has(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.status === 0;
}

/** A python3 that can import dpkt (Debian's python3-dpkt lives in /usr/bin/python3's path). */
export function findDpktPython(): string | undefined {
  for (const py of ['/usr/bin/python3', 'python3']) if (has(py, ['-c', 'import dpkt'])) return py;
  return undefined;
}

function timeRuns(
  cmd: string,
  args: string[],
  iterations: number,
  check?: (stdout: string) => void,
): number[] {
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = nowNs();
    const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
    const ns = nowNs() - t0;
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr?.slice(0, 300)}`);
    check?.(r.stdout);
    times.push(ns);
  }
  return times;
}

export function benchTcpdump(fx: Fixture, iterations: number): BenchCase | string {
  if (!has('tcpdump', ['--version'])) return 'ref.tcpdump skipped: tcpdump not found';
  const args = ['-r', fx.path, '-w', '/dev/null', 'tcp port 80'];
  const times = timeRuns('tcpdump', args, iterations);
  return makeCase(
    {
      id: 'ref.tcpdump',
      stage: 'reference',
      input: fx.name,
      packets: fx.manifest.packets,
      bytes: fx.manifest.bytes,
      command: `tcpdump -r ${fx.name} -w /dev/null 'tcp port 80'`,
    },
    times,
  );
}

export function benchDpkt(fx: Fixture, iterations: number): BenchCase | string {
  const py = findDpktPython();
  if (!py) return 'ref.dpkt skipped: no python3 with dpkt (Debian: apt-get install python3-dpkt)';
  const times = timeRuns(py, ['-c', DPKT_LOOP, fx.path], iterations, (out) => {
    const n = Number(out.trim().split(/\s+/)[0]);
    if (n !== fx.manifest.packets)
      throw new Error(`dpkt read ${n} packets, manifest says ${fx.manifest.packets}`);
  });
  return makeCase(
    {
      id: 'ref.dpkt',
      stage: 'reference',
      input: fx.name,
      packets: fx.manifest.packets,
      bytes: fx.manifest.bytes,
      command: `${py} (dpkt ${spawnSync(py, ['-c', 'import dpkt; print(dpkt.__version__)'], { encoding: 'utf8' }).stdout.trim()}) decode loop`,
    },
    times,
  );
}
