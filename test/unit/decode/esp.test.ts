import { describe, expect, it } from 'vitest';
import { decode } from './helpers.js';

describe('decode/esp', () => {
  it('records SPI and sequence number; the ciphertext is not decoded', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2: ESP(spi=0x00001001,seq=0x1), length 24
    const d = decode(
      '020000000002020000000001 0800 4500002c000100004032669d0a0000010a000002 00001001 00000001' +
        '00'.repeat(16),
    );
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'esp']);
    expect(d.packet.anomaly).toBeUndefined();
  });

  it('stops on fewer than 8 bytes: esp.trunc_hdr', () => {
    // tcpdump -nt: IP 10.0.0.1 > 10.0.0.2:  [|esp]
    const d = decode('020000000002020000000001 0800 4500001800010000403266b10a0000010a000002 00001001');
    expect(d.packet.anomaly).toBe('esp.trunc_hdr');
  });
});
