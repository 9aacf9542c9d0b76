import { describe, expect, it } from 'vitest';
import { decode, LINKTYPE_PPP } from './helpers.js';

const IPV4_ICMP = '4500001c00010000400166de0a0000010a0000020800f7fd00010001';

describe('decode/ppp (LINKTYPE_PPP 9)', () => {
  it('skips the HDLC address/control bytes and dispatches protocol 0x0021 to IPv4', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 8
    const d = decode(`ff03 0021 ${IPV4_ICMP}`, LINKTYPE_PPP);
    expect(d.layers).toEqual(['ppp', 'ipv4', 'icmp']);
    expect(d.packet.layers[0]!.headerLength).toBe(4);
  });

  it('dispatches protocol 0x0281 to MPLS', () => {
    // tcpdump -nt: MPLS (label 16, tc 0, [S], ttl 64) IP 10.0.0.1 > 10.0.0.2: ICMP echo request ...
    const d = decode(`ff03 0281 00010140 ${IPV4_ICMP}`, LINKTYPE_PPP);
    expect(d.layers).toEqual(['ppp', 'mpls', 'ipv4', 'icmp']);
  });

  it('accepts a compressed one-byte protocol field (PFC) without address/control', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 8
    const d = decode(`21 ${IPV4_ICMP}`, LINKTYPE_PPP);
    expect(d.layers).toEqual(['ppp', 'ipv4', 'icmp']);
    expect(d.packet.layers[0]!.headerLength).toBe(1);
  });

  it('records control protocols (LCP) as data', () => {
    // tcpdump -nt: LCP, Conf-Request (0x01), id 1, length 12
    const d = decode('ff03 c021 0101000a0506deadbeef', LINKTYPE_PPP);
    expect(d.layers).toEqual(['ppp', 'data']);
    expect(d.packet.anomaly).toBeUndefined();
  });

  it('decodes LINKTYPE_PPP_HDLC (50) the same way', () => {
    // tcpdump -nt: IP: IP 192.168.0.1 > 192.168.0.2: ICMP echo request ... (tshark 4.0.17: ppp:ip:icmp)
    const d = decode(`ff03 0021 ${IPV4_ICMP}`, 50);
    expect(d.layers).toEqual(['ppp', 'ipv4', 'icmp']);
  });

  it('dispatches protocol 0x0057 to IPv6', () => {
    // tcpdump -nt: IP6 2001:db8::1 > 2001:db8::2: ICMP6, echo request, id 1, seq 1, length 8
    const d = decode(
      'ff03 0057 6000000000083a40 20010db8000000000000000000000001 20010db8000000000000000000000002 8000000000010001',
      LINKTYPE_PPP,
    );
    expect(d.layers).toEqual(['ppp', 'ipv6', 'icmpv6']);
  });

  it('stops on a cut-short protocol field: ppp.trunc_hdr', () => {
    // tcpdump -nt: [|ppp]
    const d = decode('ff0300', LINKTYPE_PPP);
    expect(d.packet.anomaly).toBe('ppp.trunc_hdr');
  });
});
