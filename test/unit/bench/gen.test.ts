/**
 * The capture generator (bench/gen): deterministic by seed, captures tshark reads with no
 * malformed frame, valid IPv4/TCP/UDP/ICMP/ICMPv6 checksums (checked by an independent walker
 * here), planted patterns exactly where the manifest says, none in a --clean capture, and every
 * packet decoded by the netsift engine with no anomaly.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCapture, type Manifest } from '../../../bench/gen/generate.js';
import { ATTACKS } from '../../../bench/gen/attacks.js';
import { formatIp } from '../../../bench/gen/hosts.js';
import { runFiles } from '../../../src/capture/file-runner.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import * as L from '../../../src/wasm/layout.js';

interface Pkt {
  n: number;
  tsUs: number;
  frame: Buffer;
  /** Offsets within frame, -1 when absent. */
  ipOff: number;
  v6: boolean;
  proto: number;
  l4Off: number;
  l4Len: number;
  payOff: number;
}

/** Walk a little-endian µs pcap, decoding Ethernet [802.1Q] IPv4/IPv6 and the L4 header offsets. */
function* walk(pcap: Buffer): Generator<Pkt> {
  expect(pcap.readUInt32LE(0)).toBe(0xa1b2c3d4);
  expect(pcap.readUInt32LE(20)).toBe(1);
  let off = 24;
  let n = 0;
  while (off < pcap.length) {
    const tsUs = pcap.readUInt32LE(off) * 1e6 + pcap.readUInt32LE(off + 4);
    const caplen = pcap.readUInt32LE(off + 8);
    expect(pcap.readUInt32LE(off + 12)).toBe(caplen);
    const frame = pcap.subarray(off + 16, off + 16 + caplen);
    off += 16 + caplen;
    n++;
    let l3 = 14;
    let type = frame.readUInt16BE(12);
    if (type === 0x8100) {
      type = frame.readUInt16BE(16);
      l3 = 18;
    }
    const p: Pkt = { n, tsUs, frame, ipOff: -1, v6: false, proto: -1, l4Off: -1, l4Len: 0, payOff: -1 };
    if (type === 0x0800) {
      p.ipOff = l3;
      p.proto = frame[l3 + 9]!;
      p.l4Off = l3 + (frame[l3]! & 0x0f) * 4;
      p.l4Len = frame.readUInt16BE(l3 + 2) - (p.l4Off - l3);
    } else if (type === 0x86dd) {
      p.ipOff = l3;
      p.v6 = true;
      p.proto = frame[l3 + 6]!;
      p.l4Off = l3 + 40;
      p.l4Len = frame.readUInt16BE(l3 + 4);
    }
    if (p.proto === 6) p.payOff = p.l4Off + (frame[p.l4Off + 12]! >> 4) * 4;
    else if (p.proto === 17) p.payOff = p.l4Off + 8;
    yield p;
  }
}

function onesSum(b: Uint8Array, off: number, len: number, sum = 0): number {
  for (let i = 0; i + 1 < len; i += 2) sum += (b[off + i]! << 8) | b[off + i + 1]!;
  if (len % 2) sum += b[off + len - 1]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

const payload = (p: Pkt): Buffer => p.frame.subarray(p.payOff, p.l4Off + p.l4Len);

let dir: string;
let pcapPath: string;
let pcap: Buffer;
let manifest: Manifest;
let packets: Pkt[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netsift-gen-'));
  pcapPath = join(dir, 'gen.pcap');
  manifest = generateCapture({
    seed: 7,
    size: 2 << 20,
    out: pcapPath,
    manifest: join(dir, 'gen.json'),
  }).manifest;
  pcap = readFileSync(pcapPath);
  packets = [...walk(pcap)];
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench/gen generateCapture', () => {
  it('is deterministic: same seed → same bytes, other seed → other bytes', () => {
    const a = generateCapture({ seed: 3, size: 300_000 }).pcap!;
    const b = generateCapture({ seed: 3, size: 300_000 }).pcap!;
    const c = generateCapture({ seed: 4, size: 300_000 }).pcap!;
    expect(Buffer.compare(a, b)).toBe(0);
    expect(Buffer.compare(a, c)).not.toBe(0);
    expect(a.length).toBeGreaterThanOrEqual(300_000);
    // a larger size extends the same prefix, and --packets stops at an exact count
    const d = generateCapture({ seed: 3, packets: 100 }).pcap!;
    expect([...walk(Buffer.from(d))].length).toBe(100);
    expect(Buffer.compare(Buffer.from(a).subarray(0, d.length), d)).toBe(0);
  });

  it('writes the file and the manifest it describes', () => {
    expect(pcap.length).toBe(manifest.bytes);
    expect(packets.length).toBe(manifest.packets);
    expect(JSON.parse(readFileSync(join(dir, 'gen.json'), 'utf8'))).toEqual(manifest);
    for (let i = 1; i < packets.length; i++)
      expect(packets[i]!.tsUs).toBeGreaterThanOrEqual(packets[i - 1]!.tsUs);
  });

  it('has a realistic mix: IPv6 and VLAN flows, TCP, UDP, ICMP, ICMPv6', () => {
    // fractions by flow (address pair + ports), as the generator draws them per flow
    const flows = new Map<string, { v6: boolean; vlan: boolean }>();
    for (const p of packets) {
      const f = p.frame;
      const ports = p.proto === 6 || p.proto === 17 ? f.readUInt32BE(p.l4Off) : 0;
      const addrs = f.subarray(p.ipOff + (p.v6 ? 8 : 12), p.ipOff + (p.v6 ? 40 : 20)).toString('hex');
      flows.set(`${p.proto}/${addrs}/${ports}`, { v6: p.v6, vlan: f.readUInt16BE(12) === 0x8100 });
    }
    const all = [...flows.values()];
    const v6 = all.filter((f) => f.v6).length / all.length;
    const vlan = all.filter((f) => f.vlan).length / all.length;
    expect(all.length).toBeGreaterThan(100);
    expect(v6).toBeGreaterThan(0.05);
    expect(v6).toBeLessThan(0.3);
    expect(vlan).toBeGreaterThan(0.01);
    expect(vlan).toBeLessThan(0.12);
    for (const proto of [1, 6, 17, 58])
      expect(
        packets.some((p) => p.proto === proto),
        `proto ${proto}`,
      ).toBe(true);
  });

  it('has valid IPv4 header and TCP/UDP/ICMP/ICMPv6 checksums on every packet', () => {
    let checked = 0;
    for (const p of packets) {
      expect(p.ipOff, `packet ${p.n} is IP`).toBeGreaterThan(0);
      const f = p.frame;
      expect(p.l4Off + p.l4Len, `packet ${p.n} length`).toBe(f.length);
      if (!p.v6) expect(onesSum(f, p.ipOff, p.l4Off - p.ipOff), `packet ${p.n} IPv4 checksum`).toBe(0xffff);
      let sum = 0;
      if (p.proto !== 1) {
        const alen = p.v6 ? 16 : 4;
        const srcOff = p.ipOff + (p.v6 ? 8 : 12);
        sum = onesSum(f, srcOff, 2 * alen) + p.proto + p.l4Len;
      }
      if (p.proto === 17) expect(f.readUInt16BE(p.l4Off + 6)).not.toBe(0);
      expect(onesSum(f, p.l4Off, p.l4Len, sum), `packet ${p.n} proto ${p.proto} checksum`).toBe(0xffff);
      checked++;
    }
    expect(checked).toBe(manifest.packets);
  });

  it('lists every planted attack at the packets that carry its pattern', () => {
    const attacks = manifest.attacks;
    expect(new Set(attacks.map((a) => a.kind))).toEqual(new Set(ATTACKS.map((a) => a.kind)));
    expect(attacks.some((a) => a.split && a.outOfOrder)).toBe(true);
    expect(attacks.some((a) => a.split && !a.outOfOrder)).toBe(true);
    for (const a of attacks) {
      const pattern = Buffer.from(a.patternHex, 'hex');
      expect(pattern.toString('latin1')).toBe(a.pattern);
      const pk = a.packets.map((n) => packets[n - 1]!);
      expect(pk.length).toBe(a.segments);
      for (const p of pk) {
        const f = p.frame;
        const src = f.subarray(p.ipOff + (p.v6 ? 8 : 12), p.ipOff + (p.v6 ? 24 : 16));
        const dst = f.subarray(p.ipOff + (p.v6 ? 24 : 16), p.ipOff + (p.v6 ? 40 : 20));
        expect([formatIp(src), f.readUInt16BE(p.l4Off), formatIp(dst), f.readUInt16BE(p.l4Off + 2)]).toEqual([
          a.src,
          a.sport,
          a.dst,
          a.dport,
        ]);
        expect(p.proto).toBe(a.proto === 'tcp' ? 6 : 17);
      }
      if (!a.split) {
        expect(payload(pk[0]!).includes(pattern), `attack ${a.id} in packet ${a.packets[0]}`).toBe(true);
        continue;
      }
      // split: no single segment holds the pattern; the segments in sequence order do
      for (const p of pk) expect(payload(p).includes(pattern)).toBe(false);
      const bySeq = [...pk].sort(
        (x, y) => x.frame.readUInt32BE(x.l4Off + 4) - y.frame.readUInt32BE(y.l4Off + 4),
      );
      for (let i = 1; i < bySeq.length; i++) {
        const prev = bySeq[i - 1]!;
        expect(bySeq[i]!.frame.readUInt32BE(bySeq[i]!.l4Off + 4)).toBe(
          (prev.frame.readUInt32BE(prev.l4Off + 4) + payload(prev).length) >>> 0,
        );
      }
      expect(Buffer.concat(bySeq.map(payload)).includes(pattern), `attack ${a.id} reassembled`).toBe(true);
      expect(bySeq[0] !== pk[0], `attack ${a.id} out of order`).toBe(a.outOfOrder);
    }
  });

  it('plants nothing with clean: true', () => {
    const clean = Buffer.from(generateCapture({ seed: 7, size: 1 << 20, clean: true }).pcap!);
    for (const a of ATTACKS) expect(clean.includes(Buffer.from(a.pattern, 'latin1')), a.kind).toBe(false);
  });

  it('is read by tshark with no malformed frame', () => {
    const r = spawnSync('tshark', ['-r', pcapPath, '-Y', '_ws.malformed || _ws.expert.severity == error'], {
      encoding: 'utf8',
    });
    if (r.error)
      throw new Error(
        `tshark is required for this test (Debian: apt-get install tshark): ${r.error.message}`,
      );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('decodes completely in the netsift engine: decoded == packets, no anomaly', async () => {
    const inst = new EngineInstance();
    await runFiles(inst, [pcapPath]);
    expect(Number(inst.counter(L.COUNTER_PACKETS))).toBe(manifest.packets);
    expect(Number(inst.counter(L.COUNTER_DECODED))).toBe(manifest.packets);
    expect(Number(inst.counter(L.COUNTER_INVALID))).toBe(0);
    const anomalies: number[] = [];
    for (let i = 1; i < L.ANOMALY_COUNTERS; i++)
      if (inst.counter(L.ANOMALY_COUNTERS_BASE + i) > 0n) anomalies.push(i);
    expect(anomalies).toEqual([]);
  });
});
