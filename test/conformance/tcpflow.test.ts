/**
 * Stream conformance against tcpflow (Debian tcpflow 1.6.1, `tcpflow -r FILE -o DIR`): for every
 * capture in ../shared/corpus/decode and for generated captures with out-of-order, retransmitted
 * and overlapping segments, every file `netsift streams` writes must be byte-identical to the
 * file of the same name tcpflow writes, and the two sets of names must be equal.
 *
 * Comparison rules:
 * 1. tcpflow's report.xml is not a stream.
 * 2. tcpflow 1.6.1 sometimes writes a connection twice, the second time as `<name>c1` with the
 *    same bytes (seen on dns_tcp.pcap, mptcp-fclose.pcap, ipv4_tcp_http_xml.pcap: connections
 *    whose last packets come after a FIN). A `cN` file byte-identical to its base file is that
 *    artifact and is ignored; a `cN` file with other bytes is a real later connection and compared.
 * 3. Every other difference is listed in KNOWN_DIFFERENCES with its reason; the test fails when a
 *    listed difference no longer occurs. DEBUG_TCPFLOW=<file> appends every difference to <file>.
 *
 * Captures: ../shared/corpus/decode, the suricata-verify DEV pcaps, and generated sessions.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runFiles } from '../../src/capture/file-runner.js';
import { readStreamChunks, StreamWriter } from '../../src/flows/streams.js';
import { EngineInstance } from '../../src/wasm/instance.js';
import * as L from '../../src/wasm/layout.js';
import { pcapFile } from '../helpers/capture-builder.js';
import { SV_CAPTURES } from './suricata-verify.js';
import { expectOnlyKnownDifferences } from '../helpers/known-differences.js';
import { tempFile } from '../helpers/engine.js';
import { shuffle, splitInto, tcpSession, timed, type Segment } from '../unit/flow/gen.js';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CORPUS = resolve(REPO_ROOT, '../shared/corpus/decode');

/** Output directories made by this file, removed after the run. */
const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** tcpflow's output directory, or undefined when tcpflow cannot read the capture. */
function tcpflowDir(file: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'tcpflow-'));
  temps.push(dir);
  try {
    execFileSync('tcpflow', ['-r', file, '-o', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return dir;
}

async function netsiftDir(file: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'netsift-streams-'));
  temps.push(dir);
  const inst = new EngineInstance();
  const cfg: Record<number, number> = { [L.CFG_REASM_DEPTH]: 0 };
  for (const k of [L.CFG_TCP_NEW_S, L.CFG_TCP_EST_S, L.CFG_TCP_CLOSED_S]) cfg[k] = 4_000_000_000;
  inst.configure(cfg);
  const w = new StreamWriter(dir);
  try {
    await runFiles(inst, [file], {
      reassemble: true,
      onStreams: (r) => readStreamChunks(r.mem, r.ptr, r.count, r.dataPtr).forEach((c) => w.write(c)),
    });
  } finally {
    w.close();
  }
  return dir;
}

function streamFiles(dir: string): Map<string, Buffer> {
  const m = new Map<string, Buffer>();
  for (const f of readdirSync(dir)) if (f !== 'report.xml') m.set(f, readFileSync(join(dir, f)));
  return m;
}

/** One line per difference, "<name>: ..." (empty when the directories agree). */
export function compareStreamDirs(tcpflow: string, netsift: string): string[] {
  const theirs = streamFiles(tcpflow);
  const ours = streamFiles(netsift);
  for (const [name, bytes] of theirs) {
    const m = /^(.*)c\d+$/.exec(name);
    if (m && theirs.get(m[1]!)?.equals(bytes) && !ours.has(name)) theirs.delete(name);
  }
  const diffs: string[] = [];
  for (const [name, bytes] of theirs) {
    const mine = ours.get(name);
    if (!mine) diffs.push(`${name}: tcpflow ${bytes.length} bytes, netsift none`);
    else if (!mine.equals(bytes)) {
      let i = 0;
      while (i < Math.min(mine.length, bytes.length) && mine[i] === bytes[i]) i++;
      diffs.push(
        `${name}: tcpflow ${bytes.length} bytes, netsift ${mine.length} bytes, first difference at ${i}`,
      );
    }
  }
  for (const [name, bytes] of ours)
    if (!theirs.has(name)) diffs.push(`${name}: tcpflow none, netsift ${bytes.length} bytes`);
  return diffs.sort();
}

interface KnownDifference {
  readonly file: string;
  /** File names that differ. */
  readonly names: readonly string[];
  readonly reason: string;
}

const PADDING =
  'Ethernet padding: the last segment is a short frame padded to 60 bytes; tcpflow 1.6.1 takes the ' +
  'captured bytes after the TCP header as payload and writes the padding as stream data (6 or 7 extra ' +
  'bytes at the end); netsift takes the payload length from the IP header, as the TCP stack does.';
const TUNNEL =
  'tunnelled TCP: tcpflow does not decode MPLS, VXLAN or Geneve, so it writes no stream for the inner ' +
  'connection; netsift reassembles the innermost TCP connection.';

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  // ---- suricata-verify pcaps ----
  {
    file: 'alert-testmyids/input.pcap',
    names: ['082.165.177.154.00080-010.016.001.011.54186'],
    reason: PADDING,
  },
  {
    file: 'exception-policy-default-04/input.pcap',
    names: ['082.165.177.154.00080-010.016.001.011.54186'],
    reason: PADDING,
  },
  {
    file: 'stream-async__http__stream-async-6063-srv-03/input.pcap',
    names: ['082.165.177.154.00080-010.016.001.011.54186'],
    reason: PADDING,
  },
  {
    file: 'byte-extract-01/input.pcap',
    names: [
      '010.000.000.076.05362-010.000.000.199.00080',
      '010.000.000.199.00080-010.000.000.076.05362',
      '010.000.000.199.00080-010.000.000.076.05362c1',
    ],
    reason: PADDING + ' (the c1 file holds only the padding of a frame tcpflow saw after the FIN)',
  },
  {
    file: 'http-not09-file/input.pcap',
    names: ['010.006.029.102.49190-163.044.181.249.00080'],
    reason: PADDING,
  },
  {
    file: 'http-request-header/input.pcap',
    names: ['010.092.095.002.49161-010.092.067.138.00080'],
    reason: PADDING,
  },
  {
    file: 'like-ip-only-01/krb5-frag.pcap',
    names: [
      '192.169.160.131.00088-192.168.051.206.55284',
      '192.169.160.131.00088-192.168.051.206.55286',
      '192.169.160.131.00088-192.168.051.206.55288',
      '192.169.160.131.00389-192.168.051.206.39804',
    ],
    reason: PADDING,
  },
  {
    file: 'defrag__bug-6887-defrag-eth-vlan-ipv6-tcp/frag-eth-vlan-ipv6-tcp.pcap',
    names: ['::1.12345-::1.08080--6'],
    reason:
      'IPv6 fragments: tcpflow does not defragment, so it writes no stream; netsift reassembles the datagrams.',
  },
  {
    file: 'defrag__bug-6887-defrag-ppp-ipv6-tcp/frag-ppp-ipv6-tcp.pcap',
    names: ['::1.12345-::1.08080'],
    reason:
      'IPv6 fragments: tcpflow does not defragment, so it writes no stream; netsift reassembles the datagrams.',
  },
  {
    file: 'eve-payload-04-partial-overlap/tcp-overlap2.pcap',
    names: ['001.001.001.001.12345-002.002.002.002.08080--6'],
    reason:
      'overlap with different bytes: tcpflow writes every segment at its offset, so the LAST copy of a byte ' +
      'wins even over bytes already written; netsift hands bytes on once (delivered data is final), so the ' +
      "first copy wins (the evasion-resistant choice; Suricata's default policy agrees).",
  },
  {
    file: 'tls__tls-client-cert-01/tls-client-auth.pcap',
    names: ['::1.08081-::1.58606', '::1.58606-::1.08081'],
    reason: 'IPv6 over BSD loopback (DLT_NULL, address family 30): tcpflow 1.6.1 skips these packets.',
  },
  // ---- decode corpus ----
  { file: 'dns_tcp.pcap', names: ['209.087.249.018.00053-192.168.001.011.33779'], reason: PADDING },
  {
    file: 'pptp.pcap',
    names: ['010.001.001.010.01723-010.001.001.011.03025', '010.001.001.011.03025-010.001.001.010.01723'],
    reason: PADDING,
  },
  {
    file: 'gso-ipv4-vxlan-ipv6.pcap',
    names: ['fd00::2.44479-fd00::1.40145'],
    reason: TUNNEL,
  },
  {
    file: 'geneve.pcap',
    names: ['030.000.000.001.00022-030.000.000.002.51225', '030.000.000.002.51225-030.000.000.001.00022'],
    reason: TUNNEL,
  },
  {
    file: 'lspping-fec-ldp.pcap',
    names: ['012.004.004.004.02006-012.001.001.001.00179', '012.004.004.004.04100-012.008.008.008.00179'],
    reason: TUNNEL,
  },
];

/** Captures tcpflow cannot read at all ("unknown datalink type"): nothing to compare. */
export const TCPFLOW_CANNOT_READ: Readonly<Record<string, string>> = {
  'LINKTYPE_IPV4.pcap': 'linktype 228 (raw IPv4), which tcpflow 1.6.1 rejects',
  'sv-decode-sll2-01.pcap': 'linktype 276 (Linux SLL2), which tcpflow 1.6.1 rejects',
  'dns__dns-additionals-rdata/20250224-dns-additionals-with-cname.pcap':
    'linktype 228 (raw IPv4), which tcpflow 1.6.1 rejects (and the capture has no TCP)',
};

const CAPTURES = readdirSync(CORPUS)
  .filter((f) => /\.(pcap|pcapng)$/.test(f))
  .sort();

const tally = { files: 0, differing: 0 };
afterAll(() => {
  console.log(
    `tcpflow: ${tally.files} stream files (tcpflow's or netsift's; decode corpus + suricata-verify), ` +
      `${tally.differing} differing (all listed in KNOWN_DIFFERENCES)`,
  );
});

const SV = resolve(REPO_ROOT, '../shared/corpus/suricata-verify');

/** One capture: tcpflow's stream files and netsift's equal, but for the listed differences. */
async function compareWithTcpflow(path: string, file: string): Promise<void> {
  const theirs = tcpflowDir(path);
  expect(theirs === undefined, 'tcpflow cannot read it').toBe(file in TCPFLOW_CANNOT_READ);
  if (theirs === undefined) return;
  const ours = await netsiftDir(path);
  const diffs = compareStreamDirs(theirs, ours);
  if (process.env.DEBUG_TCPFLOW)
    for (const d of diffs) appendFileSync(process.env.DEBUG_TCPFLOW, `${file} ${d}\n`);
  tally.files += new Set([...streamFiles(theirs).keys(), ...streamFiles(ours).keys()]).size;
  tally.differing += diffs.length;
  expectOnlyKnownDifferences(
    diffs,
    KNOWN_DIFFERENCES.filter((k) => k.file === file).flatMap((k) => k.names),
  );
}

describe('streams vs tcpflow (suricata-verify pcaps)', () => {
  it.each(SV_CAPTURES)('%s', (file) => compareWithTcpflow(join(SV, file), file));
});

describe('streams vs tcpflow (corpus)', () => {
  it.each(CAPTURES)('%s', (file) => compareWithTcpflow(join(CORPUS, file), file));
});

/** Generated sessions: out of order, retransmitted, overlapping (same bytes), both directions, IPv6, VLAN. */
function generated(): Record<string, Uint8Array> {
  const c = { ip: '192.168.1.1', port: 1234 };
  const s = { ip: '10.0.0.1', port: 80 };
  const req = Buffer.from('GET /a HTTP/1.1\r\nHost: h\r\n\r\n'.repeat(40));
  const resp = Buffer.alloc(20000);
  for (let i = 0; i < resp.length; i++) resp[i] = (i * 7 + 3) & 0xff;
  const segs = splitInto(req, 12, 11);
  const retrans: Segment[] = [...segs, segs[3]!, segs[7]!];
  const overlapping: Segment[] = segs.map((x, i) =>
    i % 3 === 1 && x.off > 4 ? { off: x.off - 4, data: req.subarray(x.off - 4, x.off + x.data.length) } : x,
  );
  const out: Record<string, Uint8Array> = {};
  out['ooo'] = pcapFile(
    timed(
      tcpSession({
        client: c,
        server: s,
        toServer: shuffle(segs, 5),
        toClient: shuffle(splitInto(resp, 20, 6), 7),
      }),
    ),
  );
  out['retransmit'] = pcapFile(
    timed(
      tcpSession({ client: c, server: s, toServer: shuffle(retrans, 9), toClient: splitInto(resp, 14, 8) }),
    ),
  );
  out['overlap-same-bytes'] = pcapFile(
    timed(tcpSession({ client: c, server: s, toServer: shuffle(overlapping, 3) })),
  );
  out['wraparound'] = pcapFile(
    timed(
      tcpSession({
        client: c,
        server: s,
        clientIsn: 0xffffff00,
        toServer: shuffle(segs, 13),
        serverIsn: 0xfffffffe,
        toClient: splitInto(resp, 6, 1),
      }),
    ),
  );
  out['vlan'] = pcapFile(timed(tcpSession({ client: c, server: s, vlan: 42, toServer: segs })));
  out['ipv6'] = pcapFile(
    timed(
      tcpSession({
        client: { ip: '2001:db8::10', port: 5555 },
        server: { ip: '2001:db8:1::20', port: 443 },
        toServer: shuffle(segs, 2),
        toClient: splitInto(resp, 9, 3),
      }),
    ),
  );
  out['port-reuse'] = pcapFile(
    timed([
      ...tcpSession({
        client: c,
        server: s,
        toServer: splitInto(req, 3, 1),
        toClient: [{ off: 0, data: resp.subarray(0, 900) }],
      }),
      ...tcpSession({
        client: c,
        server: s,
        clientIsn: 424242,
        toServer: [{ off: 0, data: Buffer.from('second connection') }],
      }),
    ]),
  );
  return out;
}

describe('streams vs tcpflow (generated)', () => {
  it.each(Object.entries(generated()))('%s', async (name, bytes) => {
    const path = tempFile(bytes, `${name}.pcap`);
    const t = tcpflowDir(path)!;
    expect(readdirSync(t).length).toBeGreaterThan(1);
    expect(compareStreamDirs(t, await netsiftDir(path))).toEqual([]);
  });
});

it('the corpus is where the test expects it', () => {
  expect(existsSync(CORPUS)).toBe(true);
});
