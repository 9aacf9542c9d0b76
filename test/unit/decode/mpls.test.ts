import { describe, expect, it } from 'vitest';
import { LAYER_TRUNCATED } from '../../../src/wasm/protocols.js';
import { decode, decodeAllTruncations } from './helpers.js';

// tcpdump -nt: MPLS (label 16, tc 0, ttl 64) (label 17, tc 0, [S], ttl 64) IP 10.0.0.1 > 10.0.0.2:
//   ICMP echo request, id 1, seq 1, length 8
const TWO_LABELS =
  '020000000002 020000000001 8847' +
  '00010040 00011140' + // label 16 (no S), label 17 (S), ttl 64
  '4500001c00010000400166de0a0000010a000002 0800f7fd00010001';

describe('decode/mpls', () => {
  it('walks the label stack to the bottom and decodes the IPv4 payload by its first nibble', () => {
    const d = decode(TWO_LABELS);
    expect(d.layers).toEqual(['ethernet', 'mpls', 'ipv4', 'icmp']);
    expect(d.packet.layers[1]!.headerLength).toBe(8);
    expect(d.anomalies).toEqual([]);
    expect(d.packet.anomaly).toBeUndefined();
  });

  it('decodes MPLS over UDP port 6635 (RFC 7510) as a tunnel', () => {
    // tcpdump -nt: IP 10.0.0.1.49152 > 10.0.0.2.6635: (MPLS-in-UDP; tcpdump guesses BCM-LI-SHIM)
    const d = decode(
      '020000000002020000000001 0800 4500003c00010000401166ae0a0000010a000002 c00019eb00280000' +
        '00010140 4500001c00010000400166de0a0000010a0000020800f7fd00010001',
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'udp', 'mpls', 'ipv4', 'icmp']);
    expect(d.packet.layers[4]!.flags & 4).toBe(4); // LAYER_TUNNELED
  });

  it('keeps a cut-short stack as a truncated layer: mpls.trunc_hdr', () => {
    // tcpdump -nt: MPLS (invalid)
    const d = decode('020000000002020000000001 8847 0001');
    expect(d.layers).toEqual(['ethernet', 'mpls']);
    expect(d.packet.layers[1]!.flags & LAYER_TRUNCATED).toBe(LAYER_TRUNCATED);
    expect(d.packet.anomaly).toBe('mpls.trunc_hdr');
  });

  it('caps the stack: nine labels without bottom-of-stack is mpls.too_many_labels', () => {
    const labels = Array.from({ length: 9 }, (_, i) => ((16 + i) << 12) | 64)
      .map((v) => v.toString(16).padStart(8, '0'))
      .join('');
    const d = decode(
      `020000000002020000000001 8847 ${labels} 4500001c00010000400166de0a0000010a0000020800f7fd00010001`,
    );
    expect(d.layers).toEqual(['ethernet', 'mpls']);
    expect(d.packet.anomaly).toBe('mpls.too_many_labels');
  });

  it('records a non-IP payload (pseudowire control word) as data and counts mpls.unknown_payload', () => {
    // tcpdump -nt: MPLS (label 16, tc 0, [S], ttl 64) + 12 bytes
    const d = decode('020000000002020000000001 8847 00010140 00000000 aaaaaaaaaaaaaaaa');
    expect(d.layers).toEqual(['ethernet', 'mpls', 'data']);
    expect(d.packet.anomaly).toBeUndefined();
    expect(d.anomalies).toEqual(['mpls.unknown_payload']);
  });

  it('follows an IPv6 explicit-null bottom label regardless of the nibble', () => {
    const ipv6 = '6000000000003b40' + '20010db8000000000000000000000001' + '20010db8000000000000000000000002';
    const d = decode(`020000000002020000000001 8847 00002140 ${ipv6}`);
    expect(d.layers).toEqual(['ethernet', 'mpls', 'ipv6']);
  });

  it('never throws on any truncation', () => {
    expect(decodeAllTruncations(TWO_LABELS)).toBeGreaterThan(0);
  });
});
