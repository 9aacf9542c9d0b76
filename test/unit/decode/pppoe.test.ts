import { describe, expect, it } from 'vitest';
import { decode, decodeAllTruncations } from './helpers.js';

// tcpdump -nt: PPPoE  [ses 0x1] IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 8
const SESSION =
  '020000000002020000000001 8864 11000001001e 0021' +
  '4500001c00010000400166de0a0000010a0000020800f7fd00010001';

describe('decode/pppoe', () => {
  it('decodes a session frame through PPP to IPv4', () => {
    const d = decode(SESSION);
    expect(d.layers).toEqual(['ethernet', 'pppoe_session', 'ppp', 'ipv4', 'icmp']);
    expect(d.packet.anomaly).toBeUndefined();
  });

  it('records a discovery frame (PADI) without decoding its tags', () => {
    // tcpdump -nt: PPPoE PADI [Service-Name]
    const d = decode('020000000002020000000001 8863 110900000004 01010000');
    expect(d.layers).toEqual(['ethernet', 'pppoe_discovery']);
    expect(d.packet.anomaly).toBeUndefined();
  });

  it('counts a version/type other than 1/1 (pppoe.bad_version) and decodes on, as tshark does', () => {
    // tcpdump -nt: [ver 2]PPPoE  [ses 0x1] IP 10.0.0.1 > 10.0.0.2: ICMP echo request ...
    const d = decode(SESSION.replace('8864 1100', '8864 2100'));
    expect(d.layers).toEqual(['ethernet', 'pppoe_session', 'ppp', 'ipv4', 'icmp']);
    expect(d.packet.anomaly).toBeUndefined();
    expect(d.anomalies).toEqual(['pppoe.bad_version']);
  });

  it('stops on a cut-short header: pppoe.trunc_hdr', () => {
    // tcpdump -nt: (length 3 < 6) (invalid)
    const d = decode('020000000002020000000001 8864 110000');
    expect(d.packet.anomaly).toBe('pppoe.trunc_hdr');
  });

  it('never throws on any truncation', () => {
    expect(decodeAllTruncations(SESSION)).toBeGreaterThan(0);
  });
});
