import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { decodePacket } from '../../../src/packets/decode-one.js';
import { resolveFields } from '../../../src/packets/fields.js';
import { hex } from './helpers.js';

// tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 8
const ICMP = '020000000002020000000001 0800 4500001c00010000400166de0a0000010a000002 0800f7fd00010001';

describe('decodePacket (library API)', () => {
  it('decodes Ethernet by default and returns layers, bytes and no anomaly', () => {
    const p = decodePacket(hex(ICMP));
    expect(p.layers.map((l) => l.name)).toEqual(['ethernet', 'ipv4', 'icmp']);
    expect(p.anomaly).toBeUndefined();
    expect(p.captureLength).toBe(42);
    expect(p.bytes).toEqual(hex(ICMP));
    expect(resolveFields(['ip.src'])[0]!(p)).toBe('10.0.0.1');
  });

  it('returns an independent packet: the next call does not change the previous result', () => {
    const a = decodePacket(hex(ICMP));
    decodePacket(hex('ff03 0021 4500001c00010000400166de0a0000010a0000020800f7fd00010001'), 9);
    expect(a.layers.map((l) => l.name)).toEqual(['ethernet', 'ipv4', 'icmp']);
  });

  it('takes the link type (101 = raw IP)', () => {
    const p = decodePacket(hex('4500001c00010000400166de0a0000010a000002 0800f7fd00010001'), 101);
    expect(p.layers.map((l) => l.name)).toEqual(['ipv4', 'icmp']);
  });

  it('reports an unsupported link type as an anomaly, not an exception', () => {
    expect(decodePacket(hex(ICMP), 147).anomaly).toBe('frame.unsupported_linktype');
  });

  it('rejects an impossible link type or an oversized packet with a ConfigError', () => {
    expect(() => decodePacket(hex(ICMP), -1)).toThrow(ConfigError);
    expect(() => decodePacket(new Uint8Array(262145))).toThrow(ConfigError);
  });
});
