/**
 * Live-capture load measurement (issue 6): the generated bench capture replayed with tcpreplay at
 * several rates while `netsift live` runs with 1,000 rules, on a veth pair (tcpreplay sends on one
 * end, netsift captures on the other) or, without one, on lo. A measurement, not a timed test:
 * for each rate it prints what was sent, what libpcap delivered, what the engine processed, the
 * engine and kernel drops, and the packets lost before libpcap delivered them (capture-ring
 * overflows, which `cap` cannot count: sent − delivered − kernel drops).
 *
 *   npx tsx bench/live-load.ts [--file bench/fixtures/gen-v2-s1-1g.pcap] [--rates 10000,50000,100000,0]
 *                              [--packets 200000] [--rules 1000] [--workers N] [--timer nano] [--buffer-size 128] [--json]
 *
 * Rate 0 is tcpreplay --topspeed. Needs root, tcpreplay (Debian) and cap. Output: a table on
 * stderr; with --json the document {schema: "bench/live-load/v1", ...} on stdout.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRuleset } from '../src/rules/compile/ruleset.js';
import { loadRules } from '../src/rules/loader.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const ET_DIR = resolve(ROOT, '../shared/rulesets/et-open-5.0-2024-04-21');

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : def;
}

const file = resolve(arg('--file', join(ROOT, 'bench/fixtures/gen-v2-s1-1g.pcap')));
const rates = arg('--rates', '10000,25000,50000,100000,0').split(',').map(Number);
const packets = Number(arg('--packets', '200000'));
const ruleCount = Number(arg('--rules', '1000'));
const workers = arg('--workers', String(Math.max(1, availableParallelism() - 1)));
const json = process.argv.includes('--json');
/** tcpreplay's timer: `nano` sleeps between packets; its default (gtod) spins a CPU for the whole replay. */
const timer = arg('--timer', 'nano');
/** netsift live --buffer-size (MiB): the kernel capture ring. */
const bufferMiB = arg('--buffer-size', '128');

function log(s: string): void {
  process.stderr.write(s + '\n');
}

/** 1,000 rules the engine runs: the planted-attack rules of the generator, then ET Open rules. */
function buildRules(dir: string): string {
  const attack = readFileSync(join(ROOT, 'bench/gen/attack.rules'), 'utf8')
    .split('\n')
    .filter((l) => /^\s*alert /.test(l));
  const files = readdirSync(ET_DIR)
    .filter((f) => f.endsWith('.rules'))
    .sort()
    .map((f) => join(ET_DIR, f));
  const loaded = loadRules(files);
  const compiled = compileRuleset(loaded.rules);
  const lines: string[] = [...attack];
  const cache = new Map<string, string[]>();
  for (const r of compiled.rules) {
    if (lines.length >= ruleCount) break;
    const text = cache.get(r.file) ?? readFileSync(r.file, 'utf8').split('\n');
    cache.set(r.file, text);
    const line = text[r.line - 1];
    if (line && /^\s*alert /.test(line)) lines.push(line);
  }
  const path = join(dir, 'load.rules');
  writeFileSync(path, lines.join('\n') + '\n');
  log(`rules: ${lines.length} (${attack.length} planted-attack rules + ET Open rules the engine runs)`);
  return path;
}

function packetSockets(): number {
  return readFileSync('/proc/net/packet', 'utf8').trim().split('\n').length - 1;
}

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Interfaces: a veth pair made for the run (removed after), else lo. */
function setUpInterfaces(): {
  send: string;
  capture: string;
  filter: string | undefined;
  cleanup: () => void;
} {
  const a = 'nsload0';
  const b = 'nsload1';
  spawnSync('ip', ['link', 'del', a], { stdio: 'ignore' });
  const made = spawnSync('ip', ['link', 'add', a, 'type', 'veth', 'peer', 'name', b]).status === 0;
  if (made) {
    for (const i of [a, b]) {
      spawnSync('sysctl', ['-q', '-w', `net.ipv6.conf.${i}.disable_ipv6=1`], { stdio: 'ignore' });
      spawnSync('ip', ['link', 'set', i, 'up']);
      spawnSync('ip', ['link', 'set', i, 'mtu', '9000']);
    }
    return { send: a, capture: b, filter: undefined, cleanup: () => spawnSync('ip', ['link', 'del', a]) };
  }
  log('no veth pair (ip link add failed): replaying on lo, local traffic filtered out');
  return { send: 'lo', capture: 'lo', filter: 'not net 127.0.0.0/8 and not ip6 host ::1', cleanup: () => {} };
}

interface Row {
  target_pps: number;
  sent: number;
  replay_s: number;
  sent_pps: number;
  delivered: number;
  processed: number;
  engine_drops: number;
  kernel_drops: number | null;
  lost_before_libpcap: number;
  alerts: number;
  handled_pps: number;
  drop_rate: number;
}

function field(out: string, re: RegExp): number {
  const m = re.exec(out);
  return m ? Number(m[1]!.replace(/,/g, '')) : NaN;
}

async function runRate(
  iface: { send: string; capture: string; filter: string | undefined },
  rules: string,
  pps: number,
): Promise<Row> {
  const args = ['live', '-i', iface.capture, '-S', rules, '-w', workers, '--stats-interval', '0'];
  args.push('--buffer-size', bufferMiB);
  if (iface.filter) args.push('--bpf', iface.filter);
  const base = packetSockets();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "const { main } = await import('./src/cli/main.ts'); await main(['node', 'netsift', ...process.argv.slice(1)]);",
      '--',
      ...args,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  if (!(await until(() => packetSockets() > base, 30_000)))
    throw new Error(`netsift live did not start: ${err}`);
  await new Promise((r) => setTimeout(r, 500)); // workers up
  const replayArgs = [
    '-i',
    iface.send,
    '--limit',
    String(packets),
    pps > 0 ? `--pps=${pps}` : '--topspeed',
    file,
  ];
  const replay = spawnSync('tcpreplay', replayArgs, { encoding: 'utf8' });
  if (replay.status !== 0) throw new Error(`tcpreplay failed: ${replay.stderr}`);
  await new Promise((r) => setTimeout(r, 1500)); // the last batches reach the workers
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  const sent = field(replay.stdout, /Actual: (\d+) packets/);
  const replayS = field(replay.stdout, /sent in ([\d.]+) seconds/);
  const delivered = field(out, /^captured: +([\d,]+) packets/m);
  const processed = field(out, /^packets: +([\d,]+)/m);
  const engineDrops = field(out, /^engine drops: ([\d,]+) packets/m);
  const kernelDrops = field(out, /^kernel drops: ([\d,]+)/m);
  const alerts = field(out, /^alerts: +([\d,]+)/m);
  if (!Number.isFinite(processed)) throw new Error(`unexpected netsift output:\n${out}\n${err}`);
  const kd = Number.isFinite(kernelDrops) ? kernelDrops : null;
  return {
    target_pps: pps,
    sent,
    replay_s: replayS,
    sent_pps: Math.round(sent / replayS),
    delivered,
    processed,
    engine_drops: engineDrops,
    kernel_drops: kd,
    lost_before_libpcap: Math.max(0, sent - delivered - (kd ?? 0)),
    alerts,
    handled_pps: Math.round(processed / replayS),
    drop_rate: sent > 0 ? (sent - processed) / sent : 0,
  };
}

async function mainLoad(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('needs root (live capture, veth)');
  if (spawnSync('tcpreplay', ['--version']).status !== 0)
    throw new Error('needs tcpreplay (apt-get install tcpreplay)');
  if (!existsSync(file)) throw new Error(`no capture ${file} (npm run gen -- --size 1G --seed 1 -o ${file})`);
  const dir = mkdtempSync(join(tmpdir(), 'netsift-load-'));
  const rules = buildRules(dir);
  const iface = setUpInterfaces();
  const rows: Row[] = [];
  try {
    for (const pps of rates) {
      const r = await runRate(iface, rules, pps);
      rows.push(r);
      log(
        `${(pps ? String(pps) : 'top').padStart(8)} pps target: sent ${r.sent} at ${r.sent_pps}/s; delivered ${r.delivered}; ` +
          `processed ${r.processed} (${r.handled_pps}/s); engine drops ${r.engine_drops}; kernel drops ${r.kernel_drops ?? 'n/a'}; ` +
          `lost before libpcap ${r.lost_before_libpcap}; drop rate ${(r.drop_rate * 100).toFixed(2)}%; alerts ${r.alerts}`,
      );
    }
  } finally {
    iface.cleanup();
  }
  const doc = {
    schema: 'bench/live-load/v1',
    git: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim(),
    node: process.version,
    cpus: availableParallelism(),
    workers: Number(workers),
    input: file,
    interface: `${iface.send} -> ${iface.capture}`,
    rules: ruleCount,
    packets_per_rate: packets,
    tcpreplay_timer: timer,
    buffer_size_mib: Number(bufferMiB),
    rows,
  };
  if (json) process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
}

await mainLoad();
