/**
 * Live capture end to end on the loopback interface (needs root, libpcap and tcpdump; CI runs as
 * root). A local HTTP server and client exchange N requests, each on its own connection and
 * carrying a planted pattern; `netsift live -i lo --bpf 'tcp port P' -S RULES` must report one flow
 * per request, an alert per request, and exactly as many packets as `tcpdump -i lo` captured with
 * the same filter over the same time, write the same packets with --write-pcap, and print one EVE
 * stats event per second (stdout is not a terminal). A second run checks that -c stops after
 * exactly N packets.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const PATTERN = 'netsift-live-canary-7c1e';
const REQUESTS = 5;

function capAvailable(): boolean {
  const r = spawnSync(process.execPath, ['-e', 'require("cap")'], { cwd: process.cwd() });
  return r.status === 0;
}

const isRoot = process.getuid?.() === 0;
const haveTcpdump = spawnSync('tcpdump', ['--version']).status === 0;
const canRun = isRoot && haveTcpdump && capAvailable();
if (!canRun) {
  console.warn(
    `live loopback test skipped: root=${isRoot} tcpdump=${haveTcpdump} (needs root, tcpdump and cap)`,
  );
}

/** Packet sockets open on this host (tcpdump and netsift each add one when they start capturing). */
function packetSockets(): number {
  return readFileSync('/proc/net/packet', 'utf8').trim().split('\n').length - 1;
}

async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function get(port: number, i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: `/item/${i}`, agent: false, headers: { 'X-Canary': PATTERN } },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', reject);
    req.end();
  });
}

interface EveEvent {
  event_type: string;
  dest_port?: number;
  src_port?: number;
  flow?: { pkts_toserver: number; pkts_toclient: number };
  alert?: { signature_id: number };
}

describe.skipIf(!canRun)('netsift live on lo', () => {
  let server: Server;
  let port: number;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netsift-live-'));
    server = createServer((req, res) => {
      res.setHeader('Connection', 'close');
      res.end(`seen ${req.headers['x-canary'] === PATTERN ? 'canary' : 'nothing'}\n`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('reports the flows, the alerts and as many packets as tcpdump', async () => {
    const rules = join(dir, 'canary.rules');
    writeFileSync(
      rules,
      `alert tcp any any -> any ${port} (msg:"netsift live canary"; flow:to_server; content:"${PATTERN}"; sid:9100001; rev:1;)\n`,
    );
    const pcap = join(dir, 'tcpdump.pcap');
    const logDir = join(dir, 'log');
    const base = packetSockets();
    const tcpdump = spawn('tcpdump', ['-i', 'lo', '-n', '-U', '-w', pcap, `tcp port ${port}`], {
      stdio: 'ignore',
    });
    await until(() => packetSockets() >= base + 1, 'tcpdump to listen');
    const live = runCli([
      'live',
      '-i',
      'lo',
      '--bpf',
      `tcp port ${port}`,
      '-S',
      rules,
      '-l',
      logDir,
      '--duration',
      '5',
      '-w',
      '2',
      '--write-pcap',
      join(dir, 'live.pcap'),
    ]);
    await until(() => packetSockets() >= base + 2, 'netsift to listen');
    for (let i = 0; i < REQUESTS; i++) await get(port, i);
    const res = await live;
    tcpdump.kill('SIGINT');
    await new Promise((r) => tcpdump.once('exit', r));
    expect(res.stderr).not.toMatch(/^netsift: /m); // no error, no warning
    expect(res.code).toBe(0);

    const counted = spawnSync('tcpdump', ['-r', pcap, '-n'], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n').length;
    expect(counted).toBeGreaterThanOrEqual(REQUESTS * 5);
    expect(res.stdout).toMatch(new RegExp(`^packets: +${counted} \\(decoded ${counted},`, 'm'));
    expect(res.stdout).toMatch(new RegExp(`^captured: +${counted} packets`, 'm'));
    expect(res.stdout).toMatch(/^engine drops: 0 packets/m);
    expect(res.stdout).toMatch(/^stopped: +duration$/m);

    // --write-pcap: the same packets, readable by tcpdump
    const written = spawnSync('tcpdump', ['-r', join(dir, 'live.pcap'), '-n'], { encoding: 'utf8' });
    expect(written.stdout.trim().split('\n')).toHaveLength(counted);
    expect(res.stdout).toMatch(new RegExp(`^pcap: +${counted} packets in `, 'm'));
    // not a terminal: one EVE stats event per second, with the capture counters and drops
    const periodic = res.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { event_type: string; stats: { capture: Record<string, unknown> } });
    expect(periodic.length).toBeGreaterThanOrEqual(3);
    expect(periodic.every((e) => e.event_type === 'stats')).toBe(true);
    expect(periodic.at(-1)!.stats.capture).toMatchObject({ engine_drops: 0, kernel_drops: 0 });

    const events = readFileSync(join(logDir, 'eve.json'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as EveEvent);
    const flows = events.filter((e) => e.event_type === 'flow' && e.dest_port === port);
    expect(flows).toHaveLength(REQUESTS);
    const flowPackets = flows.reduce((n, f) => n + f.flow!.pkts_toserver + f.flow!.pkts_toclient, 0);
    expect(flowPackets).toBe(counted);
    const alerts = events.filter((e) => e.event_type === 'alert' && e.alert?.signature_id === 9100001);
    expect(alerts).toHaveLength(REQUESTS);
    expect(res.stdout).toMatch(new RegExp(`^alerts: +${REQUESTS}$`, 'm'));
  });

  it('stops after -c packets', async () => {
    const base = packetSockets();
    const live = runCli([
      'live',
      '-i',
      'lo',
      '--bpf',
      `tcp port ${port}`,
      '-c',
      '7',
      '-w',
      '1',
      '--duration',
      '20',
    ]);
    await until(() => packetSockets() >= base + 1, 'netsift to listen');
    for (let i = 0; i < 3; i++) await get(port, i);
    const res = await live;
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^packets: +7 \(decoded 7,/m);
    expect(res.stdout).toMatch(/^stopped: +count$/m);
  });

  it('names the token of a bad filter before opening the interface', async () => {
    const res = await runCli(['live', '-i', 'lo', '--bpf', 'port eighty']);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      'netsift: --bpf "port eighty": at 6: expected a port number, got "eighty" (service names are not supported)\n',
    );
  });
});
