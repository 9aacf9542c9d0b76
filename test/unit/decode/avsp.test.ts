import { describe, expect, it } from 'vitest';
import { resolveFields } from '../../../src/packets/fields.js';
import { decode } from './helpers.js';

const INNER_ICMP = '4500001c000100004001f98cc0a80001c0a800020800f7fd00010001';

describe('decode/avsp (Arista timestamp header, ethertype 0xd28b)', () => {
  it('skips a 64-bit timestamp and follows the inner ethertype', () => {
    // tcpdump -nt: ethertype Arista Vendor Specific Protocol (0xd28b), length 56: SubType Timestamp (0x0001),
    //   Timescale TAI (0), Format 64-bit (1), HwInfo R/R2 (0), Timestamp 2019-05-29 20:36:39.944724424: IP 192.168.0.1 > ...
    const d = decode(`020000000002020000000001 d28b 0001 0010 5ceeed57384f59c8 0800 ${INNER_ICMP}`);
    expect(d.layers).toEqual(['ethernet', 'avsp', 'ipv4', 'icmp']);
    expect(resolveFields(['frame.protocols'])[0]!(d.packet)).toBe('eth:ethertype:avsp:ethertype:ip:icmp');
  });

  it('skips a 48-bit timestamp', () => {
    // tcpdump -nt: ... SubType Timestamp (0x0001), Timescale TAI (0), Format 48-bit (2), HwInfo R/R2 (0), Timestamp 0.000000000: IP ...
    const d = decode(`020000000002020000000001 d28b 0001 0020 000000000000 0800 ${INNER_ICMP}`);
    expect(d.layers).toEqual(['ethernet', 'avsp', 'ipv4', 'icmp']);
  });

  it('stops on a cut-short timestamp: avsp.trunc_hdr', () => {
    // tcpdump -nt: ... Format 64-bit (1), HwInfo R/R2 (0), Timestamp  [|arista]
    expect(decode('020000000002020000000001 d28b 0001 0010 5ceeed5738').packet.anomaly).toBe(
      'avsp.trunc_hdr',
    );
  });

  it('stops on an unknown sub-type: avsp.unknown_format', () => {
    // tcpdump -nt: ethertype Arista Vendor Specific Protocol (0xd28b), length 28: SubType Unknown (0x0002) ...
    expect(decode('020000000002020000000001 d28b 0002 0010 00000000000000000000').packet.anomaly).toBe(
      'avsp.unknown_format',
    );
  });
});
