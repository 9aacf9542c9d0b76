import { describe, expect, it } from 'vitest';
import { decode } from './helpers.js';

describe('decode/igmp', () => {
  it('records an IGMPv2 report as a leaf layer', () => {
    // tcpdump -nt: IP 10.0.0.1 > 224.0.0.22: igmp v2 report 224.0.0.22
    const d = decode(
      '020000000002020000000001 0800 4500001c000100000102cfc80a000001e0000016 1600fa04e0000016',
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'igmp']);
    expect(d.packet.anomaly).toBeUndefined();
  });

  it('stops on fewer than 8 bytes: igmp.trunc_hdr', () => {
    // tcpdump -nt: IP 10.0.0.1 > 224.0.0.22:  [|igmp]
    const d = decode('020000000002020000000001 0800 45000018000100000102cfcc0a000001e0000016 1600fa04');
    expect(d.packet.anomaly).toBe('igmp.trunc_hdr');
  });
});
