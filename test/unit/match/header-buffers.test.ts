// The packet-header sticky buffers (ipv4.hdr, tcp.hdr, udp.hdr, icmpv4.hdr; src/alerts/header-buffers.ts)
// through the engine on hand-built packets: each holds exactly its header's bytes (offsets count
// from the header's first byte, the payload is not in it), and a packet without that header has
// no such buffer.
import { describe, expect, it } from 'vitest';
import { ethernet, ipv4Icmp, ipv4Tcp, ipv4Udp } from '../../helpers/capture-builder.js';
import { alertPackets } from '../../helpers/engine.js';

const A = '10.0.0.1';
const B = '10.0.0.2';

const packets = [
  ipv4Tcp(A, B, 40000, 80, 7, 0, 0x02, Buffer.from('tcp payload')), // 1: SYN with payload
  ipv4Udp(A, B, 5353, 53, Buffer.from('udp payload')), // 2
  ipv4Icmp(A, B, 8, 0, Buffer.from([0x12, 0x34, 0x00, 0x01, 0xaa, 0xbb])), // 3: echo, id 0x1234
  // 4: timestamp request: id, seq, then three 4-byte timestamps (in the header: 20 bytes)
  ipv4Icmp(A, B, 13, 0, Buffer.from([0, 9, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 0xde, 0xad, 0xbe, 0xef])),
];

const records = packets.map((p, i) => ({ tsNs: BigInt(i + 1) * 1_000_000n, data: ethernet(p) }));

function alertedPackets(rule: string): Promise<number[]> {
  return alertPackets(rule, records);
}

describe('packet-header sticky buffers', () => {
  it('ipv4.hdr: the IP header of every IPv4 packet (TTL 64 at offset 8), not its payload', async () => {
    expect(
      await alertedPackets(
        'alert ip any any -> any any (ipv4.hdr; content:"|40|"; offset:8; depth:1; sid:1;)',
      ),
    ).toEqual([1, 2, 3, 4]);
    expect(await alertedPackets('alert ip any any -> any any (ipv4.hdr; content:"payload"; sid:1;)')).toEqual(
      [],
    );
  });

  it('tcp.hdr and udp.hdr: their own header on their own protocol only', async () => {
    expect(
      await alertedPackets(
        'alert tcp any any -> any any (tcp.hdr; content:"|02|"; offset:13; depth:1; sid:1;)',
      ),
    ).toEqual([1]);
    expect(await alertedPackets('alert tcp any any -> any any (tcp.hdr; content:"tcp"; sid:1;)')).toEqual([]);
    expect(
      await alertedPackets(
        'alert udp any any -> any any (udp.hdr; content:"|00 35|"; offset:2; depth:2; sid:1;)',
      ),
    ).toEqual([2]);
    expect(await alertedPackets('alert ip any any -> any any (udp.hdr; content:"|00|"; sid:1;)')).toEqual([
      2,
    ]);
  });

  it('icmpv4.hdr: 8 bytes, 20 for a timestamp message (as Suricata decodes it)', async () => {
    expect(
      await alertedPackets(
        'alert icmp any any -> any any (icmpv4.hdr; content:"|12 34|"; offset:4; depth:2; sid:1;)',
      ),
    ).toEqual([3]);
    // the echo's data is payload, not header
    expect(
      await alertedPackets('alert icmp any any -> any any (icmpv4.hdr; content:"|aa bb|"; sid:1;)'),
    ).toEqual([]);
    expect(
      await alertedPackets('alert icmp any any -> any any (icmpv4.hdr; content:"|de ad be ef|"; sid:1;)'),
    ).toEqual([4]);
  });

  it('with payload content as well: both must hold', async () => {
    expect(
      await alertedPackets(
        'alert tcp any any -> any any (content:"payload"; tcp.hdr; content:"|00 50|"; offset:2; depth:2; sid:1;)',
      ),
    ).toEqual([1]);
    expect(
      await alertedPackets(
        'alert tcp any any -> any any (content:"payload"; tcp.hdr; content:"|00 51|"; offset:2; depth:2; sid:1;)',
      ),
    ).toEqual([]);
  });
});
