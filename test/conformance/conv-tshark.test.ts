/**
 * Flow conformance against tshark's conversation tables: for every capture in
 * ../shared/corpus/decode and for generated captures, the per-conversation packet and byte totals
 * of `netsift flows` (flow timeouts longer than any capture) equal `tshark -q -z conv,tcp -z
 * conv,udp` (TShark 4.0.17), compared per unordered 5-tuple and direction.
 *
 * Comparison rules:
 * 1. Conversations are matched per unordered (proto, address:port, address:port). tshark splits
 *    a TCP 5-tuple into one conversation per TCP stream (port reuse after FIN/RST, VLANs): those
 *    must match netsift's flows one to one. A single tshark conversation is compared with the sum
 *    of netsift's flows of the key (tshark does not separate UDP by VLAN).
 * 2. tshark prints totals of 10,000 bytes or more rounded to kB / MB (SI): such totals must agree
 *    to within one display unit; packet counts always exactly.
 * 3. A tunnelled packet counts in its outer conversation (VXLAN, Geneve, MPLS-over-UDP: the
 *    outer UDP) and in its inner one, in both tools (netsift, like Suricata, tracks the tunnel as
 *    a flow of its own).
 * 4. IP fragments are reassembled (as tshark does by default): a datagram counts once, with the
 *    wire bytes of the fragment that completes it, in both tools.
 * 5. Every other difference is listed in KNOWN_DIFFERENCES with its reason; the test fails when a
 *    listed difference no longer occurs, so the table cannot rot.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { FlowRecord } from '../../src/flows/record.js';
import { pcapFile } from '../helpers/capture-builder.js';
import { SV_CAPTURES } from './suricata-verify.js';
import { expectOnlyKnownDifferences } from '../helpers/known-differences.js';
import { tempFile } from '../helpers/engine.js';
import {
  fragmentsOf,
  ipv4FragmentFrames,
  ipv6FragmentFrames,
  splitInto,
  tcpSession,
  timed,
  udpDatagram,
  udpFrame,
} from '../unit/flow/gen.js';
import { flowsWithLongTimeouts } from '../unit/flow/run.js';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CORPUS = resolve(REPO_ROOT, '../shared/corpus/decode');

interface Side {
  frames: number;
  bytes: number;
  /** Display unit divisor: 1 for exact "bytes", 1000 for kB, 1e6 for MB. */
  unit: number;
}

export interface Conversation {
  proto: 'tcp' | 'udp';
  /** "addr:port" of tshark's A and B columns. */
  a: string;
  b: string;
  /** A → B (tshark's "->" column) and B → A ("<-"). */
  aToB: Side;
  bToA: Side;
}

const UNITS: Record<string, number> = { bytes: 1, kB: 1000, MB: 1_000_000, GB: 1_000_000_000 };

export function tsharkConversations(file: string): Conversation[] {
  const out = execFileSync('tshark', ['-n', '-q', '-z', 'conv,tcp', '-z', 'conv,udp', '-r', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 64 << 20,
  });
  const convs: Conversation[] = [];
  let proto: 'tcp' | 'udp' | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('TCP Conversations')) proto = 'tcp';
    else if (line.startsWith('UDP Conversations')) proto = 'udp';
    const m = /^(\S+)\s+<->\s+(\S+)\s+(\d+)\s+(\d+)\s+(\w+)\s+(\d+)\s+(\d+)\s+(\w+)\s/.exec(line);
    if (!m || !proto) continue;
    const side = (f: string, b: string, u: string): Side => ({
      frames: Number(f),
      bytes: Number(b),
      unit: UNITS[u] ?? NaN,
    });
    convs.push({
      proto,
      a: m[1]!,
      b: m[2]!,
      bToA: side(m[3]!, m[4]!, m[5]!),
      aToB: side(m[6]!, m[7]!, m[8]!),
    });
  }
  return convs;
}

/** netsift's flows of `files`, with timeouts longer than any capture. */
export const netsiftFlows = flowsWithLongTimeouts;

type Pair = [frames: number, bytes: number];

interface Totals {
  /** Frames/bytes from the lower endpoint (string order) to the higher, and back. */
  lowToHigh: Pair;
  highToLow: Pair;
}

function endpoint(ip: string, port: number): string {
  return `${ip}:${port}`;
}

/** netsift flows per unordered (proto, endpoint, endpoint), one Totals per flow. */
function netsiftTotals(flows: FlowRecord[]): Map<string, Totals[]> {
  const m = new Map<string, Totals[]>();
  for (const f of flows) {
    if (f.proto !== 6 && f.proto !== 17) continue;
    const proto = f.proto === 6 ? 'tcp' : 'udp';
    const c = endpoint(f.srcIp, f.srcPort);
    const s = endpoint(f.destIp, f.destPort);
    const clientLow = c <= s;
    const key = `${proto} ${clientLow ? c : s} ${clientLow ? s : c}`;
    const ts: Pair = [f.pktsToServer, Number(f.bytesToServer)];
    const tc: Pair = [f.pktsToClient, Number(f.bytesToClient)];
    const [lowToHigh, highToLow] = clientLow ? [ts, tc] : [tc, ts];
    const list = m.get(key) ?? [];
    list.push({ lowToHigh, highToLow });
    m.set(key, list);
  }
  return m;
}

function sum(ts: Totals[]): Totals {
  const add = (a: Pair, b: Pair): Pair => [a[0] + b[0], a[1] + b[1]];
  return ts.reduce(
    (acc, t) => ({ lowToHigh: add(acc.lowToHigh, t.lowToHigh), highToLow: add(acc.highToLow, t.highToLow) }),
    {
      lowToHigh: [0, 0],
      highToLow: [0, 0],
    } as Totals,
  );
}

function sideMatches(s: Side, [frames, bytes]: Pair): boolean {
  if (s.frames !== frames) return false;
  if (s.unit === 1) return s.bytes === bytes;
  return Math.abs(bytes / s.unit - s.bytes) < 1;
}

interface TsharkSides {
  lowToHigh: Side;
  highToLow: Side;
}

const fmtSide = (s: Side): string =>
  `${s.frames}/${s.bytes}${s.unit === 1 ? '' : s.unit === 1000 ? 'kB' : 'MB'}`;
const fmtTsh = (t: TsharkSides): string => `${fmtSide(t.lowToHigh)} ${fmtSide(t.highToLow)}`;
const fmtOurs = (t: Totals): string => `${t.lowToHigh.join('/')} ${t.highToLow.join('/')}`;
const matches = (t: TsharkSides, o: Totals): boolean =>
  sideMatches(t.lowToHigh, o.lowToHigh) && sideMatches(t.highToLow, o.highToLow);

/**
 * One line per difference: "<key>: tshark … netsift …" (empty when equal). tshark splits a TCP
 * 5-tuple into one conversation per TCP stream (port reuse, VLANs); when it lists several
 * conversations for a key, netsift's flows of that key must match them one to one; when it lists
 * one, netsift's flows of the key are summed (UDP over VLANs, which tshark does not separate).
 */
export function compareConversations(convs: Conversation[], flows: FlowRecord[]): string[] {
  const ours = netsiftTotals(flows);
  const theirs = new Map<string, TsharkSides[]>();
  for (const c of convs) {
    const aLow = c.a <= c.b;
    const key = `${c.proto} ${aLow ? c.a : c.b} ${aLow ? c.b : c.a}`;
    const list = theirs.get(key) ?? [];
    list.push({ lowToHigh: aLow ? c.aToB : c.bToA, highToLow: aLow ? c.bToA : c.aToB });
    theirs.set(key, list);
  }
  const diffs: string[] = [];
  for (const [key, ts] of theirs) {
    const os = ours.get(key);
    if (!os) {
      diffs.push(`${key}: tshark ${ts.map(fmtTsh).join(' + ')}, netsift none`);
      continue;
    }
    if (ts.length === 1) {
      const o = sum(os);
      if (!matches(ts[0]!, o)) diffs.push(`${key}: tshark ${fmtTsh(ts[0]!)}, netsift ${fmtOurs(o)}`);
      continue;
    }
    const left = os.slice();
    const unmatched = ts.filter((t) => {
      const i = left.findIndex((o) => matches(t, o));
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
    if (unmatched.length || left.length) {
      diffs.push(`${key}: tshark ${ts.map(fmtTsh).join(' + ')}, netsift ${os.map(fmtOurs).join(' + ')}`);
    }
  }
  for (const key of ours.keys()) if (!theirs.has(key)) diffs.push(`${key}: tshark none, netsift has it`);
  return diffs.sort();
}

interface KnownDifference {
  readonly file: string;
  /** Conversation keys ("proto low high") that differ. */
  readonly keys: readonly string[];
  readonly reason: string;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    file: 'tcp-split-handshake-02-5whs/split-handshake-5whs.pcap',
    keys: ['tcp 1.1.1.1:12345 2.2.2.2:80'],
    reason:
      'split (5-way) handshake: the server answers the SYN with its own SYN; tshark starts a second TCP ' +
      'stream there (3+3 and 1+1 frames), netsift keeps one connection (4+4), as Suricata does for a ' +
      'split handshake.',
  },
  {
    file: 'ipv6-routing-header.pcap',
    keys: [
      'udp 2200::210:2:0:0:4:5642 2200::244:212:3fff:feae:22f7:5645',
      'udp 2200::211:2:0:0:2:5642 2200::244:212:3fff:feae:22f7:5645',
      'udp 2200::240:2:0:0:4:5642 2200::244:212:3fff:feae:22f7:5645',
    ],
    reason:
      'IPv6 routing header with segments left: tshark keys the UDP conversation by the FINAL destination ' +
      '(the last routing-header address, as the transport pseudo-header does); netsift, like Suricata, ' +
      'keys by the destination in the IPv6 header. Both packets are counted, under different keys.',
  },
];

const SV = resolve(REPO_ROOT, '../shared/corpus/suricata-verify');

const CAPTURES = readdirSync(CORPUS)
  .filter((f) => /\.(pcap|pcapng)$/.test(f))
  .sort();

/** Generated captures: the shapes the corpus lacks (out of order, retransmissions, VLANs, port reuse, IPv6). */
function generated(): Record<string, Uint8Array> {
  const c = { ip: '192.168.1.1', port: 1234 };
  const s = { ip: '10.0.0.1', port: 80 };
  const body = Buffer.from('GET /index.html HTTP/1.1\r\nHost: example\r\n\r\n'.repeat(20));
  const reply = Buffer.from('HTTP/1.1 200 OK\r\n\r\n' + 'x'.repeat(3000));
  const segs = splitInto(body, 7, 1);
  const ooo = [segs[0]!, segs[2]!, segs[1]!, segs[1]!, segs[3]!, segs[5]!, segs[4]!, segs[6]!, segs[6]!];
  const out: Record<string, Uint8Array> = {};
  out['tcp-ooo-retransmit'] = pcapFile(
    timed(tcpSession({ client: c, server: s, toServer: ooo, toClient: splitInto(reply, 3, 2) })),
  );
  out['tcp-v6-midstream'] = pcapFile(
    timed(
      tcpSession({
        client: { ip: '2001:db8::1', port: 40000 },
        server: { ip: '2001:db8::2', port: 443 },
        toServer: splitInto(body, 4, 3),
        toClient: splitInto(reply, 5, 4),
        handshake: false,
        clientIsn: 0xfffffff0,
      }),
    ),
  );
  const frames = [
    ...tcpSession({ client: c, server: s, toServer: [{ off: 0, data: body }] }),
    ...tcpSession({ client: c, server: s, toServer: [{ off: 0, data: body }], clientIsn: 777777 }),
    ...tcpSession({ client: c, server: s, vlan: 100, toClient: [{ off: 0, data: reply }] }),
  ];
  for (let i = 0; i < 50; i++)
    frames.push(
      udpFrame(
        { ip: '172.16.0.' + (i % 5), port: 5000 + (i % 7) },
        { ip: '172.16.1.1', port: 53 },
        'q'.repeat(i),
      ),
    );
  for (let i = 0; i < 20; i++)
    frames.push(
      udpFrame({ ip: '172.16.1.1', port: 53 }, { ip: '172.16.0.' + (i % 5), port: 5000 + (i % 7) }, 'r'),
    );
  out['mixed-reuse-vlan-udp'] = pcapFile(timed(frames));
  // fragmented datagrams (tshark reassembles them by default), IPv4 and IPv6, in and out of order
  const big = Buffer.alloc(3000, 0x61);
  const fragFrames: Uint8Array[] = [];
  for (let i = 0; i < 6; i++) {
    const v6 = i % 2 === 1;
    const a = v6 ? { ip: '2001:db8::1', port: 7000 + i } : { ip: '10.9.9.1', port: 7000 + i };
    const b = v6 ? { ip: '2001:db8::2', port: 53 } : { ip: '10.9.9.2', port: 53 };
    const frags = fragmentsOf(udpDatagram(a, b, big.subarray(0, 1000 + i * 300)), 1480);
    const order = i >= 4 ? [...frags].reverse() : frags;
    fragFrames.push(
      ...(v6
        ? ipv6FragmentFrames(a.ip, b.ip, 17, 100 + i, order)
        : ipv4FragmentFrames(a.ip, b.ip, 17, 100 + i, order)),
    );
    fragFrames.push(udpFrame(b, a, 'ok'));
  }
  out['fragments'] = pcapFile(timed(fragFrames));
  return out;
}

describe('flows vs tshark -z conv,tcp / conv,udp (generated)', () => {
  it.each(Object.entries(generated()))('%s', async (name, bytes) => {
    const path = tempFile(bytes, `${name}.pcap`);
    const convs = tsharkConversations(path);
    expect(convs.length).toBeGreaterThan(0);
    expect(compareConversations(convs, await netsiftFlows([path]))).toEqual([]);
  });
});

const tally = { conversations: 0, differing: 0 };
afterAll(() => {
  console.log(
    `conv-tshark: ${tally.conversations} tshark conversations (decode corpus + suricata-verify pcaps), ` +
      `${tally.differing} keys differing (all listed in KNOWN_DIFFERENCES)`,
  );
});

describe('flows vs tshark -z conv,tcp / conv,udp (suricata-verify pcaps)', () => {
  it.each(SV_CAPTURES)('%s', async (file) => {
    const path = join(SV, file);
    const convs = tsharkConversations(path);
    const diffs = compareConversations(convs, await netsiftFlows([path]));
    tally.conversations += convs.length;
    tally.differing += diffs.length;
    expectOnlyKnownDifferences(
      diffs,
      KNOWN_DIFFERENCES.filter((k) => k.file === file).flatMap((k) => k.keys),
    );
  });
});

describe('flows vs tshark -z conv,tcp / conv,udp (corpus)', () => {
  it.each(CAPTURES)('%s', async (file) => {
    const path = join(CORPUS, file);
    const convs = tsharkConversations(path);
    const diffs = compareConversations(convs, await netsiftFlows([path]));
    tally.conversations += convs.length;
    tally.differing += diffs.length;
    expectOnlyKnownDifferences(
      diffs,
      KNOWN_DIFFERENCES.filter((k) => k.file === file).flatMap((k) => k.keys),
    );
  });
});
