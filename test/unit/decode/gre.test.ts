import { describe, expect, it } from 'vitest';
import { LAYER_TUNNELED } from '../../../src/wasm/protocols.js';
import { decode, decodeAllTruncations } from './helpers.js';

const ETH_IP = '020000000002020000000001 0800';
const INNER_ICMP = '4500001c000100004001f98cc0a80001c0a80002 0800f7fd00010001';
const ARP_FRAME = 'ffffffffffff02000000000a0806 0001080006040001 0200000000010a000001 0000000000000a000002';

// tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv0, key=0x2a, seq 7, length 40: IP 192.168.0.1 > 192.168.0.2:
//   ICMP echo request, id 1, seq 1, length 8
const KEY_SEQ = `${ETH_IP} 4500003c00010000402f66900a0000010a000002 3000 0800 0000002a 00000007 ${INNER_ICMP}`;

describe('decode/gre', () => {
  it('skips the key and sequence number and decodes the inner IPv4 as tunneled', () => {
    const d = decode(KEY_SEQ);
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'gre', 'ipv4', 'icmp']);
    expect(d.packet.layers[2]!.headerLength).toBe(12);
    expect(d.packet.layers[3]!.flags & LAYER_TUNNELED).toBe(LAYER_TUNNELED);
    expect(d.packet.layers[2]!.flags & LAYER_TUNNELED).toBe(0);
  });

  it('skips the checksum word when C is set', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv0, off 0x0, length 36: IP 192.168.0.1 > 192.168.0.2: ICMP ...
    const d = decode(`${ETH_IP} 4500003800010000402f66940a0000010a000002 8000 0800 00000000 ${INNER_ICMP}`);
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'gre', 'ipv4', 'icmp']);
  });

  it('ends cleanly on a keepalive (no payload)', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv0, length 4:  [|ip]
    const d = decode(`${ETH_IP} 4500001800010000402f66b40a0000010a000002 0000 0800`);
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'gre']);
    expect(d.packet.anomaly).toBeUndefined();
  });

  it('decodes transparent Ethernet bridging (0x6558)', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv0, length 46: ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28
    const d = decode(`${ETH_IP} 4500004200010000402f668a0a0000010a000002 0000 6558 ${ARP_FRAME}`);
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'gre', 'ethernet', 'arp']);
  });

  it('decodes PPTP enhanced GRE (version 1) carrying PPP, payload cut at the key length', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv1, call 6, seq 1, ack 0, length 30: LCP, Conf-Request (0x01), id 1, length 12
    const d = decode(
      `${ETH_IP} 4500003200010000402f669a0a0000010a000002 3081 880b 000e0006 00000001 00000000 ff03c0210101000a0506deadbeef`,
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'gre', 'ppp', 'data']);
    expect(d.packet.layers[2]!.headerLength).toBe(16);
  });

  it('rejects versions 2-7: gre.bad_version', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv2 ERROR: unknown-version
    const d = decode(`${ETH_IP} 4500003400010000402f66980a0000010a000002 0002 0800 ${INNER_ICMP}`);
    expect(d.packet.anomaly).toBe('gre.bad_version');
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'gre']);
  });

  it('skips RFC 1701 source-route entries up to the null entry', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv0, off 0x0, length 40: IP 192.168.0.1 > 192.168.0.2: ICMP ...
    const d = decode(
      `${ETH_IP} 4500003c00010000402f66900a0000010a000002 4000 0800 00000000 00000000 ${INNER_ICMP}`,
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'gre', 'ipv4', 'icmp']);
    expect(d.packet.layers[2]!.headerLength).toBe(12);
  });

  it('caps the source-route entries: seventeen of them is gre.bad_flags', () => {
    const sres = '0800 00 04 0a000001'.repeat(17);
    // IPv4 total length 196 (0xc4) = 20 + 4 + 4 + 17 x 8 + 4 + 28; the header checksum is left stale
    const d = decode(
      `${ETH_IP} 450000c400010000402f66900a0000010a000002 4000 0800 00000000 ${sres} 00000000 ${INNER_ICMP}`,
    );
    expect(d.packet.anomaly).toBe('gre.bad_flags');
  });

  it('stops when the optional fields are cut short: gre.trunc_hdr', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv0 [|gre]
    const d = decode(`${ETH_IP} 4500001800010000402f66b40a0000010a000002 2000 0800`);
    expect(d.packet.anomaly).toBe('gre.trunc_hdr');
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2:  [|gre]
    expect(decode(`${ETH_IP} 4500001500010000402f66b70a0000010a000002 20`).packet.anomaly).toBe(
      'gre.trunc_hdr',
    );
  });

  it('caps the tunnel depth: five nested GRE tunnels is decode.tunnel_too_deep', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv0, length 128: IP ... GREv0, length 104: ... (5 levels) ICMP echo request
    const d = decode(
      '020000000002020000000001080045000094' +
        '00010000402f66380a0000010a000002000008004500007c00010000402f66500a0000010a00000200000800' +
        '4500006400010000402f66680a0000010a000002000008004500004c00010000402f66800a0000010a000002' +
        '000008004500003400010000402f66980a0000010a00000200000800' +
        INNER_ICMP,
    );
    expect(d.packet.anomaly).toBe('decode.tunnel_too_deep');
    expect(d.layers.filter((n) => n === 'gre')).toHaveLength(5);
  });

  it('never throws on any truncation', () => {
    expect(decodeAllTruncations(KEY_SEQ)).toBeGreaterThan(0);
  });
});
