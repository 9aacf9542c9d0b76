/**
 * match.*: the rule stage.
 *   match.scan.ac1000     the WASM Aho-Corasick scan alone (assembly/match/ac.ts) over the TCP/UDP
 *                          payloads of the fixture, automaton of 1,000 generated content rules
 *   ref.pyahocorasick     pyahocorasick (Debian python3-ahocorasick) over the same payloads and
 *                          patterns, scan loop timed inside Python
 *   engine.match1000.wN   the full path (flows + reassembly + match + verify + alerts) with the
 *                          1,000 generated rules (plus bench/gen/attack.rules), N workers; w1's
 *                          iterations alternate with decode.stats passes (paired_ns), for the
 *                          share-of-decode target measured on the same moments of the machine
 *   engine.match-etopen.w1  the same with the loadable part of ET Open 5.0 (2024-04-21)
 *   rules.load.etopen     loading + compiling the whole ET Open set (time in median_ns)
 * The 1,000 rules come from makeContentRules(seed): random 6-20 byte contents (30% nocase, some
 * with a second, short relative content), on port 80 or any: as in real rule sets, most never match.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRuleset } from '../../src/alerts/load.js';
import { buildAutomaton, type AcPattern } from '../../src/rules/compile/ac-build.js';
import { compileRuleset, fastPattern } from '../../src/rules/compile/ruleset.js';
import { loadRuleText } from '../../src/rules/loader.js';
import { EngineInstance } from '../../src/wasm/instance.js';
import { compileEngineModule } from '../../src/wasm/module.js';
import type { Fixture } from '../lib/fixtures.js';
import { makeCase, nowNs, type BenchCase } from '../lib/measure.js';
import { decodeStatsOnce } from './decode.bench.js';
import { benchEngine } from './engine.bench.js';

export const ET_OPEN = new URL('../../../shared/rulesets/et-open-5.0-2024-04-21', import.meta.url).pathname;
const ATTACK_RULES = new URL('../gen/attack.rules', import.meta.url).pathname;

/** xorshift32, deterministic. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-=?&%';

/** `n` content rules as rule text (sids 8000000 + i). */
export function makeContentRules(n = 1000, seed = 1): string {
  const r = rng(seed);
  const word = (min: number, max: number): string => {
    const len = min + Math.floor(r() * (max - min + 1));
    let s = '';
    for (let i = 0; i < len; i++) s += ALPHA[Math.floor(r() * ALPHA.length)];
    return s;
  };
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const port = r() < 0.5 ? '80' : 'any';
    let opts = `content:"${word(6, 20)}";`;
    if (r() < 0.3) opts += ' nocase;';
    if (r() < 0.15) opts += ` content:"${word(1, 3)}"; distance:0;`;
    lines.push(
      `alert tcp any any -> any ${port} (msg:"bench rule ${i}"; ${opts} sid:${8000000 + i}; rev:1;)`,
    );
  }
  return lines.join('\n') + '\n' + readFileSync(ATTACK_RULES, 'utf8');
}

/** A python3 that can import dpkt and ahocorasick (Debian's live in /usr/bin/python3's path). */
function python(): string | undefined {
  for (const p of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(p, ['-c', 'import dpkt, ahocorasick'], { stdio: 'ignore' });
    if (r.status === 0) return p;
  }
  return undefined;
}

const EXTRACT = `
import sys, struct, dpkt
out = open(sys.argv[2], 'wb')
n = 0
with open(sys.argv[1], 'rb') as f:
    for ts, buf in dpkt.pcap.Reader(f):
        try:
            eth = dpkt.ethernet.Ethernet(buf)
            l3 = eth.data
            while isinstance(l3, dpkt.ethernet.VLANtag8021Q) if hasattr(dpkt.ethernet, 'VLANtag8021Q') else False:
                l3 = l3.data
            if not isinstance(l3, (dpkt.ip.IP, dpkt.ip6.IP6)): continue
            l4 = l3.data
            if not isinstance(l4, (dpkt.tcp.TCP, dpkt.udp.UDP)): continue
            p = bytes(l4.data)
        except Exception:
            continue
        if p:
            out.write(struct.pack('<I', len(p))); out.write(p); n += 1
print(n)
`;

const PYAC = `
import sys, struct, time, ahocorasick
pats = [l.rstrip(b'\\n').decode('latin1') for l in open(sys.argv[2], 'rb')]
A = ahocorasick.Automaton()
for i, p in enumerate(pats): A.add_word(p, i)
A.make_automaton()
data = open(sys.argv[1], 'rb').read()
payloads = []
o = 0
while o < len(data):
    (n,) = struct.unpack_from('<I', data, o); o += 4
    payloads.append(data[o:o+n].decode('latin1')); o += n
times = []
for it in range(int(sys.argv[3])):
    t0 = time.perf_counter_ns(); m = 0
    for p in payloads:
        for _ in A.iter(p): m += 1
    times.append(time.perf_counter_ns() - t0)
print(' '.join(map(str, times)), m)
`;

interface Payloads {
  file: string;
  count: number;
  bytes: number;
  list: Uint8Array[];
}

function extractPayloads(fx: Fixture, py: string, dir: string): Payloads {
  const file = join(dir, 'payloads.bin');
  const r = spawnSync(py, ['-c', EXTRACT, fx.path, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`payload extraction failed: ${r.stderr}`);
  const data = readFileSync(file);
  const list: Uint8Array[] = [];
  let bytes = 0;
  for (let o = 0; o < data.length;) {
    const n = data.readUInt32LE(o);
    list.push(data.subarray(o + 4, o + 4 + n));
    bytes += n;
    o += 4 + n;
  }
  return { file, count: list.length, bytes, list };
}

interface ScanExports {
  rulesetBuffer(len: number): number;
  testAcScan(ac: number, state: number, data: number, len: number, base: number): number;
  testAcStart(ac: number): number;
}

function benchScan(patterns: AcPattern[], p: Payloads, iterations: number, input: string): BenchCase {
  const inst = new EngineInstance();
  const ex = inst.ex as unknown as ScanExports;
  const blob = buildAutomaton(patterns);
  const CH = 4 << 20;
  const ac = ex.rulesetBuffer(blob.length + CH + 128);
  const data = ac + ((blob.length + 63) & ~63);
  inst.memoryView().set(blob, ac);
  const start = ex.testAcStart(ac);
  // payloads packed into 4 MiB blocks once; each payload is scanned from the start state (packet mode)
  const blocks: { bytes: Uint8Array; lens: number[] }[] = [];
  let cur = { bytes: new Uint8Array(CH), lens: [] as number[], used: 0 };
  for (const pl of p.list) {
    if (cur.used + pl.length > CH) {
      blocks.push({ bytes: cur.bytes.subarray(0, cur.used), lens: cur.lens });
      cur = { bytes: new Uint8Array(CH), lens: [], used: 0 };
    }
    cur.bytes.set(pl.subarray(0, CH), cur.used);
    cur.used += Math.min(pl.length, CH);
    cur.lens.push(Math.min(pl.length, CH));
  }
  blocks.push({ bytes: cur.bytes.subarray(0, cur.used), lens: cur.lens });
  const times: number[] = [];
  for (let it = 0; it < iterations + 1; it++) {
    const t0 = nowNs();
    for (const b of blocks) {
      inst.memoryView().set(b.bytes, data);
      let off = 0;
      for (const len of b.lens) {
        ex.testAcScan(ac, start, data + off, len, 0);
        off += len;
      }
    }
    if (it > 0) times.push(nowNs() - t0);
  }
  return makeCase(
    { id: 'match.scan.ac1000', stage: 'match', input, packets: p.count, bytes: p.bytes },
    times,
  );
}

function benchPyAc(
  py: string,
  patterns: AcPattern[],
  p: Payloads,
  dir: string,
  iterations: number,
  input: string,
): BenchCase | string {
  const pf = join(dir, 'patterns.txt');
  writeFileSync(
    pf,
    Buffer.concat(patterns.map((x) => Buffer.concat([Buffer.from(x.bytes), Buffer.from('\n')]))),
  );
  const r = spawnSync(py, ['-c', PYAC, p.file, pf, String(iterations)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) return `ref.pyahocorasick failed: ${r.stderr.slice(0, 200)}`;
  const parts = r.stdout.trim().split(/\s+/).map(Number);
  const matches = parts.pop();
  return makeCase(
    {
      id: 'ref.pyahocorasick',
      stage: 'reference',
      input,
      packets: p.count,
      bytes: p.bytes,
      command: 'python3 pyahocorasick Automaton.iter per payload',
      note: `${patterns.length} patterns (case-sensitive, as given), ${matches} matches per run`,
    },
    parts,
  );
}

export async function benchMatch(
  fx: Fixture,
  iterations: number,
  log: (s: string) => void,
): Promise<{ cases: BenchCase[]; notes: string[] }> {
  const cases: BenchCase[] = [];
  const notes: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'netsift-match-bench-'));
  const text = makeContentRules(1000, 1);
  const loaded = loadRuleText(text, 'bench-1000.rules');
  const compiled = compileRuleset(loaded.rules);
  const patterns = compiled.rules.map((r) => fastPattern(r)).filter((x): x is AcPattern => !!x);
  const py = python();
  if (py) {
    log(`match.scan.ac1000: payloads of ${fx.name}`);
    const p = extractPayloads(fx, py, dir);
    cases.push(benchScan(patterns, p, iterations, `${fx.name} payloads`));
    const ref = benchPyAc(py, patterns, p, dir, iterations, `${fx.name} payloads`);
    if (typeof ref === 'string') notes.push(ref);
    else cases.push(ref);
  } else notes.push('match.scan.ac1000 / ref.pyahocorasick skipped: no python3 with dpkt and ahocorasick');
  // w1 alternates with decode.stats passes: the share target compares the two on the same moment
  const decodeModule = compileEngineModule();
  for (const workers of [1, 2]) {
    log(`engine.match1000.w${workers}: full path with ${compiled.rules.length} rules`);
    cases.push(
      await benchEngine(fx, workers, iterations, {
        engine: { rules: compiled },
        id: 'engine.match1000',
        stage: 'match',
        ...(workers === 1 ? { paired: async () => (await decodeStatsOnce(fx, decodeModule)).ns } : {}),
      }),
    );
  }
  if (existsSync(ET_OPEN)) {
    const times: number[] = [];
    let et = loadRuleset([ET_OPEN]);
    for (let i = 0; i < Math.max(1, Math.min(iterations, 2)); i++) {
      const t0 = nowNs();
      et = loadRuleset([ET_OPEN]);
      times.push(nowNs() - t0);
    }
    cases.push(
      makeCase(
        {
          id: 'rules.load.etopen',
          stage: 'rules',
          input: 'et-open-5.0-2024-04-21',
          packets: 0,
          bytes: 0,
          note: `${et.load.total} rules, ${et.load.rules.length} loaded, ${et.compiled.rules.length} compiled; compile ${et.compiled.stats.compileMs.toFixed(0)} ms; blob ${(et.compiled.blob.length / 2 ** 20).toFixed(1)} MiB`,
        },
        times,
      ),
    );
    log(`engine.match-etopen.w1: full path with ${et.compiled.rules.length} ET Open rules`);
    cases.push(
      await benchEngine(fx, 1, iterations, {
        engine: { rules: et.compiled },
        id: 'engine.match-etopen',
        stage: 'match',
      }),
    );
  } else notes.push(`ET Open cases skipped: ${ET_OPEN} not found`);
  return { cases, notes };
}
