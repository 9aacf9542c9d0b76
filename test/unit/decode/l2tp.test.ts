import { describe, expect, it } from 'vitest';
import { resolveFields } from '../../../src/packets/fields.js';
import { decode } from './helpers.js';

const fields = resolveFields(['frame.protocols', 'ip.src', 'ipv6.src', 'udp.srcport']);
const row = (d: ReturnType<typeof decode>): string[] => fields.map((f) => f(d.packet));

// Frames from dpkt's examples/data/nb6-http.pcap (a PPPoE DSL line carrying an L2TP tunnel).
// tcpdump -nt: PPPoE  [ses 0x3b1a] IP 109.6.1.72.1701 > 95.136.242.99.1701:  l2tp:[O](18994/54110)
//   {IP6 fe80::ca4c:75ff:fe78:ed00 > ff02::1: ICMP6, router advertisement, length 24}
const DATA =
  'e0a1d718c273001733610000 8864 11003b1a006a 0021' +
  '45000068a06e0000fa115fdc6d0601485f88f263 06a506a500540000' +
  '0202 4a32 d35e 0000' + // flags O, ver 2; tunnel 18994, session 54110; offset size 0
  'ff030057' +
  '6e00000000183afffe80000000000000ca4c75fffe78ed00ff020000000000000000000000000001' +
  '8600fea640080708000000000000000005010000000005aa';
// tcpdump -nt: PPPoE  [ses 0x3b1a] IP 95.136.242.99.1701 > 109.6.1.72.1701:  l2tp:[TLS](1527/0)Ns=15,Nr=2 *MSGTYPE(HELLO)
const CONTROL =
  '001733610000e0a1d718c273 8864 11003b1a0032 0021' +
  '45b4003000004000401179cf5f88f2636d060148 06a506a5001c0000' +
  'c802 0014 05f7 0000 000f 0002 8008000000000006';

describe('decode/l2tp (L2TPv2 over UDP 1701)', () => {
  it('decodes a data message through PPP to the inner IPv6 packet (tshark 4.0.17 agrees)', () => {
    const d = decode(DATA);
    expect(d.layers).toEqual([
      'ethernet',
      'pppoe_session',
      'ppp',
      'ipv4',
      'udp',
      'l2tp',
      'ppp',
      'ipv6',
      'icmpv6',
    ]);
    expect(row(d)).toEqual([
      'eth:ethertype:pppoes:ppp:ip:udp:l2tp:ppp:ipv6:icmpv6',
      '109.6.1.72',
      'fe80::ca4c:75ff:fe78:ed00',
      '1701',
    ]);
  });

  it('records a control message (length, Ns/Nr present) without decoding its AVPs', () => {
    const d = decode(CONTROL);
    expect(d.layers.slice(-2)).toEqual(['udp', 'l2tp']);
    expect(d.packet.layers.at(-1)!.headerLength).toBe(12);
    expect(d.packet.anomaly).toBeUndefined();
  });

  it('stops on a cut-short header: l2tp.trunc_hdr', () => {
    const d = decode(CONTROL.slice(0, CONTROL.indexOf('c802') + 10));
    expect(d.packet.anomaly).toBe('l2tp.trunc_hdr');
  });

  it('rejects an unknown version: l2tp.bad_version', () => {
    const d = decode(CONTROL.replace('c802 0014', 'c805 0014'));
    expect(d.packet.anomaly).toBe('l2tp.bad_version');
  });
});
