import { describe, expect, it } from 'vitest';
import { resolveFields } from '../../../src/packets/fields.js';
import { LAYER_TUNNELED } from '../../../src/wasm/protocols.js';
import { decode } from './helpers.js';

const chain = resolveFields(['frame.protocols'])[0]!;

describe('decode: IP-in-IP (RFC 2003) and IPv6-in-IPv4 (RFC 4213) through dispatch', () => {
  it('decodes IPv4 protocol 4 to the inner IPv4 packet, flagged tunneled', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: IP 192.168.0.1 > 192.168.0.2: ICMP echo request, id 1, seq 1, length 8
    const d = decode(
      '020000000002020000000001 0800 4500003000010000400466c70a0000010a000002' +
        '4500001c000100004001f98cc0a80001c0a80002 0800f7fd00010001',
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'ipv4', 'icmp']);
    expect(d.packet.layers[2]!.flags & LAYER_TUNNELED).toBe(LAYER_TUNNELED);
    // tshark 4.0.17 on this frame: eth:ethertype:ip:ip:icmp, ip.src (first occurrence) 10.0.0.1
    expect(chain(d.packet)).toBe('eth:ethertype:ip:ip:icmp');
    expect(resolveFields(['ip.src'])[0]!(d.packet)).toBe('10.0.0.1');
  });

  it('decodes IPv4 protocol 41 to the inner IPv6 packet', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: IP6 2001:db8::1 > 2001:db8::2: ICMP6, echo request, id 1, seq 1, length 8
    const d = decode(
      '020000000002020000000001 0800 45000044000100004029668e0a0000010a000002' +
        '6000000000083a40 20010db8000000000000000000000001 20010db8000000000000000000000002 8000000000010001',
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'ipv6', 'icmpv6']);
    // tshark 4.0.17 on this frame: eth:ethertype:ip:ipv6:icmpv6
    expect(chain(d.packet)).toBe('eth:ethertype:ip:ipv6:icmpv6');
  });

  it('stops on an inner header that is neither IPv4 nor IPv6: raw.bad_version', () => {
    const d = decode(
      '020000000002020000000001 0800 4500001c00010000400466db0a0000010a000002 5000000000000000',
    );
    expect(d.packet.anomaly).toBe('raw.bad_version');
  });
});
