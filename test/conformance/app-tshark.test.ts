/**
 * App-layer conformance against tshark 4.0.17 on the captures of ../shared/corpus (decode and
 * suricata-verify) and on generated captures (bench/gen: realistic HTTP, DNS and TLS with real
 * DER certificates):
 *   JA3    every ClientHello over TCP: netsift's ja3.hash = tshark's tls.handshake.ja3
 *   JA4    this tshark has no tls.handshake.ja4 (added in Wireshark 4.2): netsift's JA4 is
 *          compared with the reference JA4 (test/unit/app/ja-oracle.ts) computed from tshark's
 *          own dissection of the same ClientHello (ciphers, extensions, ALPN, signature
 *          algorithms, supported_versions)
 *   HTTP   every request tshark dissects: (client port, method, http.request.uri, http.host)
 *   DNS    every DNS message over UDP: (id, response flag, dns.qry.name)
 * Matching is per client port (+ id for DNS) as a multiset; the agreement is printed and must
 * be total, except the differences listed with their reason in KNOWN.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runFiles } from '../../src/capture/file-runner.js';
import { readAppRecords, type AppEvent } from '../../src/app/records.js';
import { EngineInstance } from '../../src/wasm/instance.js';
import { generateCapture } from '../../bench/gen/generate.js';
import { ja4, type HelloFields } from '../unit/app/ja-oracle.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const CORPUS = resolve(here, '../../../shared/corpus');

function captures(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(pcap|pcapng)$/.test(f)) out.push(p);
    }
  };
  walk(CORPUS);
  return out.sort();
}

async function appEvents(file: string): Promise<AppEvent[]> {
  const inst = new EngineInstance();
  inst.configure({});
  const evs: AppEvent[] = [];
  await runFiles(inst, [file], {
    app: true,
    reassemble: true,
    flows: true,
    afterCall: () => {
      const { ptr, count, dataPtr } = inst.appRecordsAt();
      const mem = inst.memoryView();
      evs.push(...readAppRecords(mem, ptr, count, mem.subarray(dataPtr)));
    },
  });
  return evs;
}

function tshark(file: string, filter: string, fields: string[]): string[][] {
  const out = execFileSync(
    'tshark',
    [
      '-r',
      file,
      '-Y',
      filter,
      '-T',
      'fields',
      '-E',
      'separator=\t',
      '-E',
      'occurrence=a',
      '-E',
      'aggregator=;',
      ...fields.flatMap((f) => ['-e', f]),
    ],
    { maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] },
  ).toString();
  return out
    .split('\n')
    .filter((l) => l.length)
    .map((l) => l.split('\t'));
}

const nums = (s: string | undefined): number[] =>
  s
    ? s
        .split(';')
        .filter(Boolean)
        .map((v) => Number(v.startsWith('0x') ? parseInt(v, 16) : v))
    : [];

interface Tally {
  agree: number;
  total: number;
  diffs: string[];
}
const tallies: Record<string, Tally> = {
  ja3: { agree: 0, total: 0, diffs: [] },
  ja4: { agree: 0, total: 0, diffs: [] },
  http: { agree: 0, total: 0, diffs: [] },
  dns: { agree: 0, total: 0, diffs: [] },
};

function compare(kind: string, file: string, want: string[], got: string[]): void {
  const t = tallies[kind]!;
  const pool = new Map<string, number>();
  for (const g of got) pool.set(g, (pool.get(g) ?? 0) + 1);
  for (const w of want) {
    t.total++;
    const n = pool.get(w) ?? 0;
    if (n > 0) {
      t.agree++;
      pool.set(w, n - 1);
    } else t.diffs.push(`${file.replace(CORPUS + '/', '')}: ${w}`);
  }
}

async function check(file: string): Promise<void> {
  const evs = await appEvents(file);
  // ---- TLS ----
  const hello = tshark(file, 'tls.handshake.type == 1 && tcp', [
    'tcp.srcport',
    'tls.handshake.ja3',
    'tls.handshake.version',
    'tls.handshake.ciphersuite',
    'tls.handshake.extension.type',
    'tls.handshake.sig_hash_alg',
    'tls.handshake.extensions_alpn_str',
    'tls.handshake.extensions.supported_version',
    'tls.handshake.extensions_supported_group',
    'tls.handshake.extensions_ec_point_format',
  ]);
  const tls = evs.filter((e) => e.kind === 'tls' && e.tls?.sawClientHello);
  compare(
    'ja3',
    file,
    hello.map((h) => `${h[0]} ${h[1]}`),
    tls.map((e) => `${e.srcPort} ${e.tls?.ja3?.hash}`),
  );
  compare(
    'ja4',
    file,
    hello.map((h) => {
      const f: HelloFields = {
        version: nums(h[2])[0] ?? 0,
        ciphers: nums(h[3]),
        extensions: nums(h[4]),
        groups: nums(h[8]),
        pointFormats: nums(h[9]),
        sigAlgs: nums(h[5]),
        alpn: (h[6] ? h[6].split(';') : []).map((a) => Buffer.from(a, 'latin1')),
        supportedVersions: nums(h[7]),
      };
      return `${h[0]} ${ja4(f)}`;
    }),
    tls.map((e) => `${e.srcPort} ${e.tls?.ja4}`),
  );
  // ---- HTTP ----
  const req = tshark(file, 'http.request && tcp', [
    'tcp.srcport',
    'http.request.method',
    'http.request.uri',
    'http.host',
  ]);
  compare(
    'http',
    file,
    req.map((r) => `${r[0]} ${r[1]} ${r[2]} ${r[3] ?? ''}`),
    evs
      .filter((e) => e.kind === 'http' && e.http?.hasRequest)
      .map((e) => {
        // tshark prints the Host header as sent; netsift's hostname is normalised (lowercase, no port)
        const host = e.http?.hostname ?? '';
        return `${e.srcPort} ${e.http?.method} ${e.http?.url} ${host}${e.http?.hostPort ? ':' + e.http.hostPort : ''}`;
      }),
  );
  // ---- DNS over UDP ----
  const dns = tshark(file, 'dns && udp', ['dns.id', 'dns.flags.response', 'dns.qry.name']);
  compare(
    'dns',
    file,
    // tshark shows the root name as <Root>; netsift (as Suricata) as an empty name
    dns.map((d) => {
      const name = ((d[2] ?? '').split(';')[0] ?? '').replace('<Root>', '');
      return `${Number(d[0])} ${d[1] === '1' || d[1] === 'True' ? 1 : 0} ${name}`;
    }),
    evs
      .filter((e) => e.kind === 'dns' && e.proto === 17)
      .map((e) => `${e.dns?.id} ${e.dns?.qr ? 1 : 0} ${e.dns?.rrname ?? ''}`),
  );
}

describe('app layer vs tshark', () => {
  it('corpus captures', async () => {
    for (const f of captures()) await check(f);
  });

  it('generated captures (seeds 1-3)', async () => {
    for (const seed of [1, 2, 3]) {
      const g = generateCapture({ seed, packets: 6000 });
      const path = join(tmpdir(), `netsift-app-gen-${seed}-${process.pid}.pcap`);
      writeFileSync(path, g.pcap ?? new Uint8Array());
      await check(path);
    }
  });

  afterAll(() => {
    for (const [k, t] of Object.entries(tallies)) {
      console.log(`app conformance ${k}: ${t.agree}/${t.total} agree`);
      for (const d of t.diffs.slice(0, 15)) console.log(`  ${k} differs: ${d}`);
    }
  });

  it('agreement is total', () => {
    for (const t of Object.values(tallies)) expect(t.diffs).toEqual([]);
  });
});
