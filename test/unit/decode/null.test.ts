import { describe, expect, it } from 'vitest';
import { resolveFields } from '../../../src/packets/fields.js';
import { decode } from './helpers.js';

const LINKTYPE_NULL = 0;
const IPV4_ICMP = '4500001c00010000400166de0a0000010a0000020800f7fd00010001';
const chain = resolveFields(['frame.protocols'])[0]!;

describe('decode/null (BSD loopback)', () => {
  it('reads AF_INET in host byte order', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 8
    const d = decode(`02000000 ${IPV4_ICMP}`, LINKTYPE_NULL);
    expect(chain(d.packet)).toBe('null:ip:icmp');
  });

  it('records an unknown address family as data (tshark: null:data): null.unknown_family', () => {
    const d = decode(`63000000 ${IPV4_ICMP}`, LINKTYPE_NULL);
    expect(d.packet.anomaly).toBe('null.unknown_family');
    expect(chain(d.packet)).toBe('null:data');
  });
});
