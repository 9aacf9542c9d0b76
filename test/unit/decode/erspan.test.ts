import { describe, expect, it } from 'vitest';
import { decode } from './helpers.js';

const ETH_IP = '020000000002020000000001 0800';
const ARP_FRAME = 'ffffffffffff02000000000a0806 0001080006040001 0200000000010a000001 0000000000000a000002';

describe('decode/erspan', () => {
  it('decodes type II (GRE 0x88be with a sequence number) to the mirrored Ethernet frame', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv0, seq 1, length 58: gre-proto-0x88be
    const d = decode(
      `${ETH_IP} 4500004e00010000402f667e0a0000010a000002 1000 88be 00000001 10050864 00000000 ${ARP_FRAME}`,
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'gre', 'erspan', 'ethernet', 'arp']);
    expect(d.packet.layers[3]!.headerLength).toBe(8);
  });

  it('decodes type III (GRE 0x22eb), 12-byte header', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv0, seq 1, length 62: gre-proto-0x22eb
    const d = decode(
      `${ETH_IP} 4500005200010000402f667a0a0000010a000002 1000 22eb 00000001 20050064 12345678 00000000 ${ARP_FRAME}`,
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'gre', 'erspan', 'ethernet', 'arp']);
    expect(d.packet.layers[3]!.headerLength).toBe(12);
  });

  it('treats 0x88be without a GRE sequence number as type I (no header)', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv0, length 46: gre-proto-0x88be
    const d = decode(`${ETH_IP} 4500004200010000402f668a0a0000010a000002 0000 88be ${ARP_FRAME}`);
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'gre', 'erspan', 'ethernet', 'arp']);
    expect(d.packet.layers[3]!.headerLength).toBe(0);
  });

  it('stops on a cut-short header: erspan.trunc_hdr', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv0, seq 1, length 13: gre-proto-0x88be
    const d = decode(`${ETH_IP} 4500002100010000402f66ab0a0000010a000002 1000 88be 00000001 1005086400`);
    expect(d.packet.anomaly).toBe('erspan.trunc_hdr');
  });

  it('rejects a version nibble that does not match the protocol type: erspan.bad_version', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv0, seq 1, length 58: gre-proto-0x88be
    const d = decode(
      `${ETH_IP} 4500004e00010000402f667e0a0000010a000002 1000 88be 00000001 30000064 00000000 ${ARP_FRAME}`,
    );
    expect(d.packet.anomaly).toBe('erspan.bad_version');
  });
});
