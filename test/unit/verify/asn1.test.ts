// The asn1 check (src/alerts/asn1.ts) on the cases of Suricata's rust asn1 tests (X.690 A.3, bit
// string and real overflows), plus offsets, truncation and depth.
import { describe, expect, it } from 'vitest';
import { asn1Matches } from '../../../src/alerts/asn1.js';
import type { Asn1Spec } from '../../../src/rules/types.js';
import { ethernet, ipv4Udp } from '../../helpers/capture-builder.js';
import { alertsAt } from '../../helpers/engine.js';

const spec = (o: Partial<Asn1Spec>): Asn1Spec => ({
  kind: 'asn1',
  bitstringOverflow: false,
  doubleOverflow: false,
  maxFrames: 30,
  buffer: 'payload',
  ...o,
});

// X.690 (07/2002) Annex A.3: a personnel record, outer length 0x85 = 133
const A3 = Buffer.concat([
  Buffer.from('60818561101a044a6f686e1a01501a05536d697468a00a1a084469726563746f72', 'hex'),
  Buffer.from('420133a10a43083139373130393137a21261101a044d6172791a01541a05536d697468', 'hex'),
  Buffer.from('a342311f61111a0552616c70681a01541a05536d697468a00a43083139353731313131', 'hex'),
  Buffer.from('311f61111a05537573616e1a01421a054a6f6e6573a00a43083139353930373137', 'hex'),
]);

function real(len: number): Uint8Array {
  const b = new Uint8Array(4 + len).fill(0x05);
  b.set([0x09, 0x82, len >> 8, len & 0xff]);
  return b;
}

describe('asn1 check', () => {
  it('oversize_length: an object longer than n (the record is 133 bytes)', () => {
    expect(A3.length).toBe(136);
    expect(asn1Matches(spec({ oversizeLength: 132, absoluteOffset: 0 }), A3, 0)).toBe(true);
    expect(asn1Matches(spec({ oversizeLength: 133, absoluteOffset: 0 }), A3, 0)).toBe(false);
  });

  it('bitstring_overflow: more unused bits than the string has', () => {
    expect(asn1Matches(spec({ bitstringOverflow: true }), Uint8Array.from([3, 1, 0xff]), 0)).toBe(true);
    expect(asn1Matches(spec({ bitstringOverflow: true }), Uint8Array.from([3, 1, 7]), 0)).toBe(false);
    // inside a SEQUENCE
    expect(asn1Matches(spec({ bitstringOverflow: true }), Uint8Array.from([0x30, 3, 3, 1, 9]), 0)).toBe(true);
  });

  it('double_overflow: a decimal REAL longer than 256 bytes', () => {
    expect(asn1Matches(spec({ doubleOverflow: true }), real(257), 0)).toBe(true);
    expect(asn1Matches(spec({ doubleOverflow: true }), real(256), 0)).toBe(false);
  });

  it('offsets: absolute, relative to the previous match (negative too), past the end', () => {
    const data = Uint8Array.from([0xaa, 0xbb, 3, 1, 0xff]);
    expect(asn1Matches(spec({ bitstringOverflow: true, absoluteOffset: 2 }), data, 0)).toBe(true);
    expect(asn1Matches(spec({ bitstringOverflow: true, relativeOffset: -1 }), data, 3)).toBe(true);
    expect(asn1Matches(spec({ bitstringOverflow: true, relativeOffset: 0 }), data, 3)).toBe(false);
    expect(asn1Matches(spec({ bitstringOverflow: true, absoluteOffset: 5 }), data, 0)).toBe(false);
  });

  it('an object cut short is not decoded; nothing past it either', () => {
    expect(asn1Matches(spec({ oversizeLength: 1 }), Uint8Array.from([0x04, 0x05, 1, 2]), 0)).toBe(false);
    expect(asn1Matches(spec({ bitstringOverflow: true }), Uint8Array.from([0x04, 9, 1, 3, 1, 0xff]), 0)).toBe(
      false,
    );
  });

  it('nesting deeper than max_frames is not decoded (no match, no recursion blow-up)', () => {
    const nested = (levels: number): Uint8Array => {
      let b = [3, 1, 0xff];
      for (let i = 0; i < levels; i++) b = [0x30, b.length, ...b];
      return Uint8Array.from(b);
    };
    const s = spec({ bitstringOverflow: true, maxFrames: 30 });
    expect(asn1Matches(s, nested(20), 0)).toBe(true);
    expect(asn1Matches(s, nested(40), 0)).toBe(false);
  });

  it('in a rule: after a content, relative to its end, through the engine', async () => {
    const datagram = (payload: number[], i: number) => ({
      tsNs: BigInt(1_700_000_000 + i) * 1_000_000_000n,
      data: ethernet(ipv4Udp('10.0.0.1', '10.0.0.2', 40000 + i, 161, Uint8Array.from(payload))),
    });
    const rule =
      'alert udp any any -> any 161 (content:"SNMP"; asn1:bitstring_overflow, relative_offset 0; sid:7;)';
    const snmp = [...Buffer.from('SNMP')];
    expect(
      await alertsAt(rule, [datagram([...snmp, 3, 1, 0xff], 0), datagram([...snmp, 3, 1, 0x07], 1)]),
    ).toEqual(['7@1']);
  });
});
