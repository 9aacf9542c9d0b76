import { describe, expect, it } from 'vitest';
import { resolveFields } from '../../../src/packets/fields.js';
import { decode } from './helpers.js';

const LINKTYPE_LINUX_SLL = 113;
const chain = resolveFields(['frame.protocols'])[0]!;

describe('decode/sll', () => {
  it('hands an ethertype protocol to the ethertype dispatch (tshark: sll:ethertype:ip)', () => {
    const d = decode(
      '0000 0304 0006 000000000000 0000 0800 4500001c00010000400166de0a0000010a0000020800f7fd00010001',
      LINKTYPE_LINUX_SLL,
    );
    expect(chain(d.packet)).toBe('sll:ethertype:ip:icmp');
  });

  it('takes ARPHRD_IPGRE frames without an ethertype layer (tshark: sll:ipv6)', () => {
    const d = decode(
      '0000 030a 0000 000000000000 0000 86dd' +
        '6000000000083a40 20010db8000000000000000000000001 20010db8000000000000000000000002 8000000000010001',
      LINKTYPE_LINUX_SLL,
    );
    expect(chain(d.packet)).toBe('sll:ipv6:icmpv6');
  });

  it('reads protocol 0x0004 (LINUX_SLL_P_802_2) as LLC (tshark 4.0.17: sll:llc:stp)', () => {
    const d = decode('0000 0001 0006 000000000000 0000 0004 424203000000000000', LINKTYPE_LINUX_SLL);
    expect(d.layers).toEqual(['sll', 'llc']);
    expect(chain(d.packet)).toBe('sll:llc');
  });
});
