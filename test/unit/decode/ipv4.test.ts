import { describe, expect, it } from 'vitest';
import { resolveFields } from '../../../src/packets/fields.js';
import { decode } from './helpers.js';

const fields = resolveFields(['ip.src', 'ip.len', 'tcp.len', 'frame.protocols']);
const row = (d: ReturnType<typeof decode>): string[] => fields.map((f) => f(d.packet));

describe('decode/ipv4', () => {
  it('takes a total length of 0 as a TSO capture: the captured bytes, ip.len shown as tshark shows it', () => {
    // tcpdump -nt: IP bad-len 0   (a TCP PSH/ACK 1234 > 80 with 5 bytes "hello", IPv4 total length 0)
    // tshark 4.0.17: ip.len 45 ("reported as 0, presumed to be because of TSO"), tcp.len 5
    const d = decode(
      '020000000002020000000001 0800 4500000000010000400666c80a0000010a000002' +
        '04d2 0050 00000001 00000000 5018 ffff 0000 0000 68656c6c6f',
    );
    expect(row(d)).toEqual(['10.0.0.1', '45', '5', 'eth:ethertype:ip:tcp:data']);
    expect(d.packet.anomaly).toBeUndefined();
    expect(d.anomalies).toContain('ipv4.bad_total_len');
  });

  it('names a header with IHL below 5 `ip` but shows none of its fields: ipv4.bad_hlen', () => {
    // as tshark shows ipv4_invalid_hdr_length.pcap: eth:ethertype:ip, no ip.* field
    const d = decode('020000000002020000000001 0800 4300001c00010000400166de0a0000010a000002');
    expect(d.packet.anomaly).toBe('ipv4.bad_hlen');
    expect(row(d)).toEqual(['', '', '', 'eth:ethertype:ip']);
  });

  it('stops on a total length below the header length: ipv4.bad_total_len', () => {
    const d = decode('020000000002020000000001 0800 4500001000010000400166de0a0000010a000002');
    expect(d.packet.anomaly).toBe('ipv4.bad_total_len');
  });
});
