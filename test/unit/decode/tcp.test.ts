import { describe, expect, it } from 'vitest';
import { resolveFields } from '../../../src/packets/fields.js';
import { LAYER_TRUNCATED } from '../../../src/wasm/protocols.js';
import { decode } from './helpers.js';

const fields = resolveFields(['tcp.srcport', 'tcp.flags', 'tcp.len', 'frame.protocols']);
const row = (d: ReturnType<typeof decode>): string[] => fields.map((f) => f(d.packet));

describe('decode/tcp', () => {
  it('decodes a SYN with MSS and computes tcp.len from the IP length', () => {
    // tcpdump -nt: IP 10.0.0.1.1234 > 10.0.0.2.80: Flags [S], seq 1, win 65535, options [mss 1460], length 0
    const d = decode(
      '020000000002020000000001 0800 4500002c00010000400666d40a0000010a000002' +
        '04d2 0050 00000001 00000000 6002 ffff 0000 0000 020405b4',
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'tcp']);
    expect(row(d)).toEqual(['1234', '0x0002', '0', 'eth:ethertype:ip:tcp']);
  });

  it('keeps a header whose options are cut short as a truncated layer: tcp.trunc_hdr, no tcp.len', () => {
    // data offset 8 (32 bytes) but only 24 captured; tshark 4.0.17: tcp.srcport 1234, tcp.flags 0x0002, no tcp.len
    const d = decode(
      '020000000002020000000001 0800 4500002c00010000400666d40a0000010a000002' +
        '04d2 0050 00000001 00000000 8002 ffff 0000 0000 020405b4',
    );
    expect(d.packet.anomaly).toBe('tcp.trunc_hdr');
    expect(d.packet.layers[2]!.flags & LAYER_TRUNCATED).toBe(LAYER_TRUNCATED);
    expect(row(d)).toEqual(['1234', '0x0002', '', 'eth:ethertype:ip:tcp']);
  });
});
