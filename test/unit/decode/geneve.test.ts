import { describe, expect, it } from 'vitest';
import { decode } from './helpers.js';

const OUTER = '020000000002020000000001 0800';
const ARP_FRAME = 'ffffffffffff02000000000a0806 0001080006040001 0200000000010a000001 0000000000000a000002';

describe('decode/geneve', () => {
  it('skips the options (opt len x 4 bytes) and decodes protocol 0x6558 as Ethernet', () => {
    // tcpdump -nt: IP 10.0.0.1.54321 > 10.0.0.2.6081: Geneve, Flags [none], vni 0x4d, options [4 bytes]:
    //   ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28
    const d = decode(
      `${OUTER} 4500005200010000401166980a0000010a000002 d43117c1003e0000 01006558 00004d00 01020300 ${ARP_FRAME}`,
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'udp', 'geneve', 'ethernet', 'arp']);
    expect(d.packet.layers[3]!.headerLength).toBe(12);
  });

  it('decodes an IPv4 protocol type directly', () => {
    // tcpdump -nt: IP 10.0.0.1.54321 > 10.0.0.2.6081: Geneve, Flags [none], vni 0x4d: IP 192.168.0.1 > 192.168.0.2: ICMP ...
    const d = decode(
      `${OUTER} 4500004000010000401166aa0a0000010a000002 d43117c1002c0000 00000800 00004d00` +
        '4500001c000100004001f98cc0a80001c0a800020800f7fd00010001',
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'udp', 'geneve', 'ipv4', 'icmp']);
  });

  it('rejects a version other than 0: geneve.bad_version', () => {
    // tcpdump -nt: IP 10.0.0.1.54321 > 10.0.0.2.6081: Geneve ERROR: unknown-version 1
    const d = decode(
      `${OUTER} 4500004e000100004011669c0a0000010a000002 d43117c1003a0000 40006558 00004d00 ${ARP_FRAME}`,
    );
    expect(d.packet.anomaly).toBe('geneve.bad_version');
  });

  it('rejects options that run past the captured bytes: geneve.bad_opt_len', () => {
    // tcpdump -nt: IP 10.0.0.1.54321 > 10.0.0.2.6081: Geneve, Flags [none], vni 0x4d truncated-geneve - 244 bytes missing
    const d = decode(
      `${OUTER} 4500002c00010000401166be0a0000010a000002 d43117c100180000 3f006558 00004d00 0000000000000000`,
    );
    expect(d.packet.anomaly).toBe('geneve.bad_opt_len');
  });

  it('stops on a cut-short header: geneve.trunc_hdr', () => {
    // tcpdump -nt: IP 10.0.0.1.54321 > 10.0.0.2.6081: Geneve [length 3 < 8] (invalid)
    const d = decode(`${OUTER} 4500001f00010000401166cb0a0000010a000002 d43117c1000b0000 000065`);
    expect(d.packet.anomaly).toBe('geneve.trunc_hdr');
  });
});
