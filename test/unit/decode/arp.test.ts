import { describe, expect, it } from 'vitest';
import { resolveFields } from '../../../src/packets/fields.js';
import { decode, decodeAllTruncations } from './helpers.js';

// tcpdump -nt: ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28
const REQUEST =
  '020000000002020000000001 0806 0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000002';

describe('decode/arp', () => {
  it('decodes a request: a leaf layer whose opcode tshark calls arp.opcode', () => {
    const d = decode(REQUEST);
    expect(d.layers).toEqual(['ethernet', 'arp']);
    expect(d.packet.layers[1]!.headerLength).toBe(28);
    const [opcode, chain] = resolveFields(['arp.opcode', 'frame.protocols']);
    expect(opcode!(d.packet)).toBe('1');
    expect(chain!(d.packet)).toBe('eth:ethertype:arp');
  });

  it('stops on a cut-short fixed part: arp.trunc_hdr', () => {
    // tcpdump -nt: [|arp]
    const d = decode('020000000002020000000001 0806 00010800060400');
    expect(d.packet.anomaly).toBe('arp.trunc_hdr');
  });

  it('stops when the addresses run past the captured bytes: arp.trunc_hdr, opcode still readable', () => {
    // tcpdump -nt: [|arp]
    const d = decode('020000000002020000000001 0806 0001080006040001 0200000000010a0000010000');
    expect(d.layers).toEqual(['ethernet', 'arp']);
    expect(d.packet.anomaly).toBe('arp.trunc_hdr');
    expect(resolveFields(['arp.opcode'])[0]!(d.packet)).toBe('1');
  });

  it('rejects a zero address length: arp.bad_len', () => {
    // tcpdump -nt: ARP, Ethernet (len 0), IPv4 (len 4), length 28
    const d = decode(`020000000002020000000001 0806 0001 0800 00 04 0001 ${'00'.repeat(20)}`);
    expect(d.packet.anomaly).toBe('arp.bad_len');
    expect(resolveFields(['arp.opcode'])[0]!(d.packet)).toBe('1'); // as tshark shows it
  });

  it('never throws on any truncation', () => {
    expect(decodeAllTruncations(REQUEST)).toBeGreaterThan(0);
  });
});
