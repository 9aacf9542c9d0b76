import { describe, expect, it } from 'vitest';
import { resolveFields } from '../../../src/packets/fields.js';
import { decode } from './helpers.js';

describe('decode/ethernet', () => {
  it('names a frame shorter than 14 bytes `eth` with no field, as tshark does: eth.trunc_hdr', () => {
    const d = decode('00000000000000000000');
    expect(d.packet.anomaly).toBe('eth.trunc_hdr');
    const [chain, dst] = resolveFields(['frame.protocols', 'eth.dst']);
    expect(chain!(d.packet)).toBe('eth');
    expect(dst!(d.packet)).toBe('');
  });

  it('records an 802.3 length frame as LLC (no ethertype layer)', () => {
    // tcpdump -nt: STP 802.1d, Config (invalid)   (a cut-short BPDU; netsift stops at llc)
    const d = decode('0180c2000000 020000000001 0026 424203 000000000000000000');
    expect(resolveFields(['frame.protocols'])[0]!(d.packet)).toBe('eth:llc');
  });
});
