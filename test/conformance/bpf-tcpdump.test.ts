/**
 * --bpf conformance against tcpdump: for every expression below and every capture in
 * ../shared/corpus/decode, the packets netsift's filter selects (packet numbers, in-process as
 * `netsift decode --bpf EXPR` runs it) equal the packets `tcpdump -r FILE EXPR` selects.
 *
 * tcpdump's selection is read by writing it back out: `tcpdump -r FILE -w - EXPR` against
 * `tcpdump -r FILE -w -` (every record, in order); the filtered records are a subsequence of all
 * records, matched byte for byte (header and data), which gives their packet numbers.
 *
 * tcpdump refuses some expressions on some link types (libpcap: "expression rejects all packets",
 * e.g. `arp` on raw IP; "no VLAN support for <link type>"). netsift compiles expressions once for
 * any link type, so there its filter simply selects nothing: REFUSED lists each refusal reason,
 * and the test checks netsift selected nothing there. Every other difference must be listed in
 * KNOWN_DIFFERENCES with its reason (none is, today); a listed difference that no longer occurs
 * fails the test, so the table cannot rot.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFiles } from '../../src/capture/file-runner.js';
import { compileFilter } from '../../src/filter/index.js';
import { readPacketRecords } from '../../src/packets/packet.js';
import { EngineInstance } from '../../src/wasm/instance.js';
import * as L from '../../src/wasm/layout.js';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CORPUS = resolve(REPO_ROOT, '../shared/corpus/decode');

export const EXPRESSIONS: readonly string[] = [
  'ip',
  'ip6',
  'arp',
  'rarp',
  'tcp',
  'udp',
  'icmp',
  'icmp6',
  'sctp',
  'igmp',
  'esp or ah',
  'not ip',
  'vlan',
  'vlan and ip',
  'vlan 1213',
  'vlan 200 and vlan 2001 and arp',
  'vlan and tcp port 80',
  'tcp port 80',
  'port 53',
  'udp port 53 or tcp port 53',
  'src port 53',
  'dst port 53',
  'src or dst port 179',
  'port 80 or 443 or 179',
  'portrange 1-1023',
  'tcp portrange 0-1023',
  'udp portrange 4000-5000',
  'host 10.0.0.1',
  'host 131.151.1.146 or 131.151.32.21',
  'src host 131.151.1.59',
  'dst host 127.0.0.1',
  'ip host 10.40.2.3',
  'net 10.0.0.0/8',
  'net 131.151.0.0 mask 255.255.0.0',
  'src net 172.16.0.0/12',
  'src and dst net 10.0.0.0/8',
  'net 131.151',
  'host fe80::1',
  'ip6 host ::1',
  'ip6 net fe80::/10',
  'dst net ff00::/8',
  'proto 47',
  'ip proto 17',
  'ip6 proto 58',
  'proto \\tcp',
  'less 100',
  'greater 1000',
  'tcp and not port 80',
  'ip and (tcp or udp) and not icmp',
  'not (port 53 or port 80)',
  '(udp and less 200) or (tcp and greater 500)',
  'icmp or icmp6 or arp',
  'ip6 and udp',
  'ip and not tcp and not udp',
  'tcp or udp and less 120',
  '!tcp && (ip || ip6)',
];

/** tcpdump errors that mean "selects nothing" (the expression cannot match this link type). */
const REFUSED: readonly { readonly pattern: RegExp; readonly reason: string }[] = [
  {
    pattern: /expression rejects all packets/,
    reason: 'libpcap proves at compile time that the expression cannot match this link type',
  },
  {
    pattern: /no VLAN support for/,
    reason: 'libpcap has no VLAN offsets for this link type (only Ethernet-like links carry 802.1Q tags)',
  },
];

interface KnownDifference {
  readonly file: string;
  readonly expression: string;
  /** Packets only netsift selects / only tcpdump selects. */
  readonly onlyNetsift: readonly number[];
  readonly onlyTcpdump: readonly number[];
  readonly reason: string;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [];

const captures = readdirSync(CORPUS)
  .filter((f) => /\.(pcap|pcapng)$/.test(f))
  .sort();

/** Classic pcap records (header + data) of a tcpdump -w output. */
function pcapRecords(buf: Buffer): Buffer[] {
  if (buf.length < 24) return [];
  const magic = buf.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const out: Buffer[] = [];
  let off = 24;
  while (off + 16 <= buf.length) {
    const caplen = le ? buf.readUInt32LE(off + 8) : buf.readUInt32BE(off + 8);
    out.push(buf.subarray(off, off + 16 + caplen));
    off += 16 + caplen;
  }
  return out;
}

async function tcpdumpWrite(
  file: string,
  expr: string | undefined,
): Promise<{ records: Buffer[]; error?: string }> {
  const args = ['-r', file, '-w', '-', ...(expr === undefined ? [] : [expr])];
  const r = await new Promise<{ status: number | null; stdout: Buffer; stderr: string }>(
    (resolve, reject) => {
      const child = spawn('tcpdump', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      let err = '';
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out), stderr: err }));
    },
  );
  const err = r.stderr
    .replace(/^reading from file.*\n?/m, '')
    .replace(/^Warning:.*\n?/m, '')
    .trim();
  if (r.status !== 0) return { records: [], error: err || `tcpdump exited ${r.status}` };
  return { records: pcapRecords(r.stdout) };
}

/** Run `fn` over `items` with at most `limit` at a time, results in order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(lanes);
  return out;
}

const allRecords = new Map<string, Buffer[]>();

/** Packet numbers (1-based) tcpdump selects, or the refusal message. */
async function tcpdumpSelect(file: string, expr: string): Promise<{ numbers: number[]; refused?: string }> {
  let all = allRecords.get(file);
  if (!all) {
    all = (await tcpdumpWrite(file, undefined)).records;
    allRecords.set(file, all);
  }
  const sel = await tcpdumpWrite(file, expr);
  if (sel.error !== undefined) return { numbers: [], refused: sel.error };
  const numbers: number[] = [];
  let i = 0;
  for (const rec of sel.records) {
    while (i < all.length && !all[i]!.equals(rec)) i++;
    if (i >= all.length) throw new Error(`${file} / ${expr}: a tcpdump record is not in the capture`);
    numbers.push(++i);
  }
  return { numbers };
}

/** One engine instance for every comparison (packet numbers and counters reset for each). */
let shared: EngineInstance | undefined;

async function netsiftSelect(
  file: string,
  program: Uint8Array,
): Promise<{ numbers: number[]; counters: BigUint64Array }> {
  const inst = (shared ??= new EngineInstance());
  inst.packetNumber = 0n;
  inst.resetStats();
  inst.setFilter(program);
  const numbers: number[] = [];
  await runFiles(inst, [file], {
    emitPackets: true,
    onPackets: (recs) => {
      for (const p of readPacketRecords(recs)) if (!p.truncatedRecord) numbers.push(p.number);
    },
  });
  return { numbers, counters: inst.snapshotCounters() };
}

describe('--bpf selects the packets tcpdump selects', () => {
  it('has tcpdump', () => {
    expect(execFileSync('tcpdump', ['--version']).toString()).toMatch(/tcpdump version/);
  });

  const totals = { comparisons: 0, packets: 0, selected: 0, refused: new Map<string, number>() };
  const seenDifferences = new Set<KnownDifference>();

  for (const expr of EXPRESSIONS) {
    it(expr, async () => {
      const program = compileFilter(expr);
      const wants = await mapLimit(captures, 4, (f) => tcpdumpSelect(join(CORPUS, f), expr));
      for (const [k, f] of captures.entries()) {
        const file = join(CORPUS, f);
        const want = wants[k]!;
        const got = await netsiftSelect(file, program);
        const c = (i: number): bigint => got.counters[i] ?? 0n;
        expect(c(L.COUNTER_DECODED) + c(L.COUNTER_INVALID) + c(L.COUNTER_FILTERED), `${f}: accounting`).toBe(
          c(L.COUNTER_PACKETS),
        );
        totals.comparisons++;
        totals.packets += Number(c(L.COUNTER_PACKETS));
        totals.selected += got.numbers.length;
        if (want.refused !== undefined) {
          const known = REFUSED.find((r) => r.pattern.test(want.refused!));
          expect(known, `${f} / ${expr}: tcpdump failed: ${want.refused}`).toBeDefined();
          totals.refused.set(known!.reason, (totals.refused.get(known!.reason) ?? 0) + 1);
          expect(
            got.numbers,
            `${f} / ${expr}: tcpdump refused (${want.refused}); netsift must select nothing`,
          ).toEqual([]);
          continue;
        }
        const onlyNetsift = got.numbers.filter((n) => !want.numbers.includes(n));
        const onlyTcpdump = want.numbers.filter((n) => !got.numbers.includes(n));
        const listed = KNOWN_DIFFERENCES.find((d) => d.file === f && d.expression === expr);
        if (listed) {
          seenDifferences.add(listed);
          expect({ onlyNetsift, onlyTcpdump }, `${f} / ${expr}: ${listed.reason}`).toEqual({
            onlyNetsift: listed.onlyNetsift,
            onlyTcpdump: listed.onlyTcpdump,
          });
        } else {
          expect(got.numbers, `${f} / ${expr}`).toEqual(want.numbers);
        }
      }
    });
  }

  it('every listed difference still occurs; summary', () => {
    for (const d of KNOWN_DIFFERENCES)
      expect(seenDifferences.has(d), `${d.file} / ${d.expression}`).toBe(true);
    const refused = [...totals.refused].map(([r, n]) => `${n} × ${r}`).join('; ');
    console.log(
      `bpf vs tcpdump: ${EXPRESSIONS.length} expressions × ${captures.length} captures = ${totals.comparisons} comparisons, ` +
        `${totals.packets} packets filtered, ${totals.selected} selected; tcpdump refused: ${refused || 'none'}; ` +
        `listed differences: ${KNOWN_DIFFERENCES.length}`,
    );
  });
});
