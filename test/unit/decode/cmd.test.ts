import { describe, expect, it } from 'vitest';
import { resolveFields } from '../../../src/packets/fields.js';
import { decode } from './helpers.js';

const chain = resolveFields(['frame.protocols'])[0]!;

const INNER_ICMP = '4500001c000100004001f98cc0a80001c0a800020800f7fd00010001';

describe('decode/cmd (Cisco MetaData, ethertype 0x8909)', () => {
  it('on Ethernet: version, length, option, SGT, then the ethertype', () => {
    // tcpdump -nt: 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype Unknown (0x8909), length 50
    const d = decode(`020000000002020000000001 8909 01 01 0001 0064 0800 ${INNER_ICMP}`);
    expect(d.layers).toEqual(['ethernet', 'cmd', 'ipv4', 'icmp']);
    // tshark 4.0.17 on this frame: eth:ethertype:cmd:ethertype:ip:icmp
    expect(chain(d.packet)).toBe('eth:ethertype:cmd:ethertype:ip:icmp');
  });

  it('in GRE: the ethertype comes first', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: GREv0, length 40: gre-proto-0x8909
    const d = decode(
      `020000000002020000000001 0800 4500003c00010000402f66900a0000010a000002 0000 8909 0800 01 01 0001 0064 ${INNER_ICMP}`,
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'gre', 'cmd', 'ipv4', 'icmp']);
    // as tshark shows various_gre.pcap: no ethertype layer after cmd inside GRE
    expect(chain(d.packet)).toBe('eth:ethertype:ip:gre:cmd:ip:icmp');
  });

  it('stops on a cut-short header: cmd.trunc_hdr', () => {
    expect(decode('020000000002020000000001 8909 010100').packet.anomaly).toBe('cmd.trunc_hdr');
  });
});
