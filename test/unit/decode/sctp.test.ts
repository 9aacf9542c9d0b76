import { describe, expect, it } from 'vitest';
import { decode } from './helpers.js';

describe('decode/sctp', () => {
  it('records the common header (ports for the flow) and leaves the chunks undecoded', () => {
    // tcpdump -nt: IP 10.0.0.1.2905 > 10.0.0.2.2905: sctp (1) [INIT] ...
    const d = decode(
      '020000000002020000000001 0800 4500003000010000408466470a0000010a000002' +
        '0b59 0b59 01020304 00000000 0100001000000000000000000000ffff',
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'sctp']);
    expect(d.packet.layers[2]!.headerLength).toBe(12);
    expect(d.packet.anomaly).toBeUndefined();
  });

  it('stops on a cut-short header: sctp.trunc_hdr, the captured ports kept', () => {
    // tcpdump -nt: IP truncated-sctp - 6 bytes missing!
    const d = decode('020000000002020000000001 0800 4500001a000100004084665d0a0000010a000002 0b590b590102');
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'sctp']);
    expect(d.packet.anomaly).toBe('sctp.trunc_hdr');
  });
});
