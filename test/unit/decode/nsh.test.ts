import { describe, expect, it } from 'vitest';
import { resolveFields } from '../../../src/packets/fields.js';
import { decode } from './helpers.js';

const fields = resolveFields(['frame.protocols', 'ip.src', 'udp.dstport']);
const row = (d: ReturnType<typeof decode>): string[] => fields.map((f) => f(d.packet));

// The frame of suricata-verify decode-nsh-type2: Ethernet, NSH (MD type 2, length 2 words, SPI 1,
// SI 2, next protocol IPv4), IPv4/UDP. tshark 4.0.17: eth:ethertype:nsh:ip:udp:data 10.0.0.1 52464.
const ETH = '525400000001525400000002894f';
const NSH = '00020201' + '00000102';
const INNER = '45000022284440004011e96a0a0000010a000002cc99ccf0000e0000646174610a0a';

describe('decode/nsh (RFC 8300, ethertype 0x894f)', () => {
  it('decodes an MD type 2 header down to the inner IPv4 packet (as tshark)', () => {
    const d = decode(ETH + NSH + INNER);
    expect(d.layers).toEqual(['ethernet', 'nsh', 'ipv4', 'udp', 'data']);
    expect(row(d)).toEqual(['eth:ethertype:nsh:ip:udp:data', '10.0.0.1', '52464']);
    // the corpus frame's inner IPv4 checksum is wrong (suricata-verify runs it unchecked)
    expect(d.anomalies).toEqual(['ipv4.bad_checksum']);
  });

  it('MD type 1 must be 24 bytes; the header length must leave a payload', () => {
    const md1 = '00060101' + '00000102' + '00'.repeat(16);
    expect(decode(ETH + md1 + INNER).layers).toEqual(['ethernet', 'nsh', 'ipv4', 'udp', 'data']);
    expect(decode(ETH + '00020101' + '00000102' + INNER).packet.anomaly).toBe('nsh.bad_length');
    expect(decode(ETH + '003f0201' + '00000102' + INNER).packet.anomaly).toBe('nsh.bad_length');
  });

  it('a cut-short header stops decoding: nsh.trunc_hdr', () => {
    expect(decode(ETH + '000202').packet.anomaly).toBe('nsh.trunc_hdr');
  });

  it('counts, without stopping, what it does not go past (Suricata: events, packet valid)', () => {
    const cases: [string, string][] = [
      ['40020201', 'nsh.bad_version'],
      ['00020001', 'nsh.reserved_md_type'],
      ['00020301', 'nsh.unsupported_md_type'],
      ['00020299', 'nsh.unknown_next_proto'],
    ];
    for (const [base, anomaly] of cases) {
      const d = decode(ETH + base + '00000102' + INNER);
      expect(d.anomalies).toEqual([anomaly]);
      expect(d.packet.anomaly).toBeUndefined();
      expect(d.layers).toEqual(['ethernet', 'nsh', 'data']);
    }
  });
});
