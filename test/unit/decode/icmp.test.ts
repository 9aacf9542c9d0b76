import { describe, expect, it } from 'vitest';
import { resolveFields } from '../../../src/packets/fields.js';
import { decode } from './helpers.js';

const chain = resolveFields(['frame.protocols'])[0]!;
const IP_HDR = (len: string, sum: string): string => `45000${len}00010000400${sum}0a0000010a000002`;

describe('decode/icmp', () => {
  it('records an echo body as data', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 12
    const d = decode(`020000000002020000000001 0800 ${IP_HDR('020', '166da')} 0800b72b00010001 41424344`);
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'icmp', 'data']);
  });

  it('ends at the ICMP layer for messages whose body is ICMP fields (timestamp request)', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: ICMP time stamp query id 1 seq 1, length 20 (tshark: eth:ethertype:ip:icmp)
    const d = decode(
      `020000000002020000000001 0800 ${IP_HDR('028', '166d2')} 0d00f2fd00010001 ${'00'.repeat(12)}`,
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'icmp']);
    expect(chain(d.packet)).toBe('eth:ethertype:ip:icmp');
  });

  it('decodes the datagram quoted by an error as quoted layers, keeping a quoted echo body as data', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: ICMP host 192.168.0.2 unreachable, length 36
    //   (tshark: eth:ethertype:ip:icmp:ip:icmp)
    const d = decode(
      `020000000002020000000001 0800 ${IP_HDR('038', '166c2')} 0301fcfe00000000` +
        '4500001c000100004001f98cc0a80001c0a80002 0800f7fd00010001',
    );
    expect(chain(d.packet)).toBe('eth:ethertype:ip:icmp:ip:icmp');
    expect(d.packet.layers.slice(3).every((l) => (l.flags & 1) === 1)).toBe(true); // LAYER_QUOTED
  });

  it('shows a quoted TCP header as tshark does: ports and flags, no tcp.seq_raw or tcp.len', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: ICMP 10.0.0.9 tcp port 80 unreachable, length 48
    // tshark 4.0.17: tcp.srcport 1234, tcp.flags 0x0002, tcp.seq_raw and tcp.len empty
    const d = decode(
      `020000000002020000000001 0800 ${IP_HDR('044', '166b6')} 0303fcfc00000000` +
        '4500002800010000400666ce0a0000020a000009 04d2 0050 00000001 00000000 5002 ffff 0000 0000',
    );
    const f = resolveFields(['tcp.srcport', 'tcp.flags', 'tcp.seq_raw', 'tcp.len']);
    expect(f.map((g) => g(d.packet))).toEqual(['1234', '0x0002', '', '']);
  });
});
