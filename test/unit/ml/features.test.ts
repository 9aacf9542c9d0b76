/**
 * Flow features on a hand-built capture: one TCP conversation with known sizes, flags, windows
 * and times (an idle gap of 6 s splits it into two active periods), and one UDP datagram. Every
 * expected value below is worked out by hand from the packet table (see the comments).
 */
import { describe, expect, it } from 'vitest';
import { pcapFile, type PcapRecord } from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';
import { ACK, FIN, PSH, SYN, tcpFrame, udpFrame, type Endpoint } from '../flow/gen.js';
import { FEATURE_NAMES, FEAT_COUNT } from '../../../src/ml/columns.js';
import { extractFeatures } from '../../../src/ml/extract.js';
import { csvHeader, csvLine, parseFeatureCsv } from '../../../src/ml/table.js';

const C: Endpoint = { ip: '10.0.0.1', port: 40000 };
const S: Endpoint = { ip: '10.0.0.2', port: 80 };
const T0 = 1_700_000_000n * 1_000_000_000n;
const at = (ms: number): bigint => T0 + BigInt(ms) * 1_000_000n;
const pl = (n: number): string => 'x'.repeat(n);

// #  t (s)   dir  flags     payload  window   (every header: Ethernet 14 + IPv4 20 + TCP 20)
// 1  0.000   C→S  SYN       0        1000
// 2  0.010   S→C  SYN|ACK   0        2000
// 3  0.020   C→S  ACK       0        1000
// 4  0.050   C→S  PSH|ACK   100      1000
// 5  0.150   S→C  PSH|ACK   300      2000
// 6  6.150   C→S  PSH|ACK   50       1000     (6 s after #5: idle period, > 5 s activity timeout)
// 7  6.200   S→C  FIN|ACK   0        2000
// 8  6.250   C→S  FIN|ACK   0        1000
const tcp: PcapRecord[] = [
  { tsNs: at(0), data: tcpFrame(C, S, { flags: SYN, window: 1000 }) },
  { tsNs: at(10), data: tcpFrame(S, C, { flags: SYN | ACK, window: 2000 }) },
  { tsNs: at(20), data: tcpFrame(C, S, { flags: ACK, window: 1000 }) },
  { tsNs: at(50), data: tcpFrame(C, S, { flags: PSH | ACK, window: 1000, payload: pl(100) }) },
  { tsNs: at(150), data: tcpFrame(S, C, { flags: PSH | ACK, window: 2000, payload: pl(300) }) },
  { tsNs: at(6150), data: tcpFrame(C, S, { flags: PSH | ACK, window: 1000, payload: pl(50) }) },
  { tsNs: at(6200), data: tcpFrame(S, C, { flags: FIN | ACK, window: 2000 }) },
  { tsNs: at(6250), data: tcpFrame(C, S, { flags: FIN | ACK, window: 1000 }) },
];
// a lone UDP datagram (DNS-like): 20 bytes of payload, header 8, wire 14 + 20 + 8 + 20 = 62
const udp: PcapRecord = {
  tsNs: at(7000),
  data: udpFrame({ ip: '10.0.0.3', port: 5000 }, { ip: '10.0.0.4', port: 53 }, pl(20)),
};

const sampleStd = (xs: number[]): number => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

const EXPECTED_TCP: Record<string, number> = {
  dst_port: 80,
  protocol: 6,
  duration_s: 6.25,
  fwd_pkts: 5, // #1 #3 #4 #6 #8
  bwd_pkts: 3, // #2 #5 #7
  fwd_bytes: 150,
  bwd_bytes: 300,
  fwd_len_max: 100,
  fwd_len_min: 0,
  fwd_len_mean: 30,
  fwd_len_std: Math.sqrt(2000), // (900 + 900 + 4900 + 400 + 900) / 4
  bwd_len_max: 300,
  bwd_len_min: 0,
  bwd_len_mean: 100,
  bwd_len_std: Math.sqrt(30000), // (10000 + 40000 + 10000) / 2
  bytes_per_s: 450 / 6.25,
  pkts_per_s: 8 / 6.25,
  flow_iat_mean: 6.25 / 7,
  flow_iat_std: sampleStd([0.01, 0.01, 0.03, 0.1, 6.0, 0.05, 0.05]),
  flow_iat_max: 6.0,
  flow_iat_min: 0.01,
  fwd_iat_total: 6.25, // 0.02 + 0.03 + 6.1 + 0.1
  fwd_iat_mean: 6.25 / 4,
  fwd_iat_std: sampleStd([0.02, 0.03, 6.1, 0.1]),
  fwd_iat_max: 6.1,
  fwd_iat_min: 0.02,
  bwd_iat_total: 6.19, // 0.14 + 6.05
  bwd_iat_mean: 3.095,
  bwd_iat_std: sampleStd([0.14, 6.05]),
  bwd_iat_max: 6.05,
  bwd_iat_min: 0.14,
  fwd_psh_flags: 2,
  bwd_psh_flags: 1,
  fwd_urg_flags: 0,
  bwd_urg_flags: 0,
  fwd_header_bytes: 100,
  bwd_header_bytes: 60,
  fwd_pkts_per_s: 0.8,
  bwd_pkts_per_s: 0.48,
  pkt_len_min: 0,
  pkt_len_max: 300,
  pkt_len_mean: 56.25,
  pkt_len_std: sampleStd([0, 0, 0, 100, 300, 50, 0, 0]),
  fin_count: 2,
  syn_count: 2,
  rst_count: 0,
  psh_count: 3,
  ack_count: 7,
  urg_count: 0,
  ece_count: 0,
  cwr_count: 0,
  down_up_ratio: 0.6,
  avg_pkt_size: 56.25,
  fwd_seg_size_avg: 30,
  bwd_seg_size_avg: 100,
  fwd_init_win: 1000,
  bwd_init_win: 2000,
  fwd_act_data_pkts: 2,
  fwd_seg_size_min: 20,
  active_mean: 0.125, // active periods 0.15 (0 → 0.15) and 0.1 (6.15 → 6.25)
  active_std: sampleStd([0.15, 0.1]),
  active_max: 0.15,
  active_min: 0.1,
  idle_mean: 6,
  idle_std: 0,
  idle_max: 6,
  idle_min: 6,
  fwd_wire_bytes: 5 * 54 + 150,
  bwd_wire_bytes: 3 * 54 + 300,
};

describe('flow features (WASM, at flow end)', () => {
  it('has one expected value per documented column', () => {
    expect(Object.keys(EXPECTED_TCP)).toEqual([...FEATURE_NAMES]);
    expect(FEAT_COUNT).toBe(69);
  });

  it('equals the hand-computed values for a TCP conversation and a UDP datagram', async () => {
    const file = tempFile(pcapFile([...tcp, udp]), 'features.pcap');
    const rows = await extractFeatures([file]);
    expect(rows).toHaveLength(2);
    const [t, u] = rows as [(typeof rows)[0], (typeof rows)[0]];
    expect(t.valid).toBe(true);
    expect(t.flow.srcIp).toBe('10.0.0.1');
    expect(t.score).toBe(-1);
    FEATURE_NAMES.forEach((name, i) => {
      expect.soft(t.features[i], name).toBeCloseTo(EXPECTED_TCP[name]!, 9);
    });
    const uv = Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, u.features[i]]));
    expect(uv).toMatchObject({
      dst_port: 53,
      protocol: 17,
      duration_s: 0,
      fwd_pkts: 1,
      bwd_pkts: 0,
      fwd_bytes: 20,
      fwd_len_std: 0,
      fwd_header_bytes: 8,
      fwd_init_win: -1,
      bytes_per_s: 0,
      fwd_wire_bytes: 62,
      active_mean: 0,
      idle_mean: 0,
    });
  });

  it('round-trips through CSV bit for bit', async () => {
    const rows = await extractFeatures([tempFile(pcapFile(tcp), 'rt.pcap')]);
    const text = [csvHeader(false), ...rows.map((r) => csvLine(r))].join('\n');
    const t = parseFeatureCsv(text);
    expect(t.columns).toEqual([...FEATURE_NAMES]);
    expect(Array.from(t.rows[0]!)).toEqual(Array.from(rows[0]!.features));
  });
});
