import { describe, expect, it } from 'vitest';
import { resolveFields } from '../../../src/packets/fields.js';
import { decode, decodeAllTruncations } from './helpers.js';

const ARP_FRAME = 'ffffffffffff02000000000a0806 0001080006040001 0200000000010a000001 0000000000000a000002';
// tcpdump -nt: IP 10.0.0.1.54321 > 10.0.0.2.4789: VXLAN, flags [I] (0x08), vni 123
//   ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28
const VXLAN =
  '020000000002020000000001 0800 4500004e000100004011669c0a0000010a000002 d43112b5003a0000' +
  `08000000 00007b00 ${ARP_FRAME}`;

describe('decode/vxlan', () => {
  it('decodes UDP 4789 as VXLAN carrying Ethernet; tshark fields read the first (outer) headers', () => {
    const d = decode(VXLAN);
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'udp', 'vxlan', 'ethernet', 'arp']);
    const [chain, ethSrc, opcode] = resolveFields(['frame.protocols', 'eth.src', 'arp.opcode']);
    expect(chain!(d.packet)).toBe('eth:ethertype:ip:udp:vxlan:eth:ethertype:arp');
    expect(ethSrc!(d.packet)).toBe('02:00:00:00:00:01');
    expect(opcode!(d.packet)).toBe('1');
  });

  it('counts an unset I flag (vxlan.bad_flags) and still decodes', () => {
    // tcpdump -nt: IP 10.0.0.1.54321 > 10.0.0.2.4789: VXLAN, flags [invalid] (0x00), vni 123 ...
    const d = decode(VXLAN.replace('08000000 00007b00', '00000000 00007b00'));
    expect(d.layers.at(-1)).toBe('arp');
    expect(d.anomalies).toEqual(['vxlan.bad_flags']);
    expect(d.packet.anomaly).toBeUndefined();
  });

  it('stops on a cut-short header: vxlan.trunc_hdr', () => {
    // tcpdump -nt: IP 10.0.0.1.54321 > 10.0.0.2.4789: VXLAN (invalid)
    const d = decode(
      '020000000002020000000001 0800 4500002100010000401166c90a0000010a000002 d43112b5000d0000 0800000000',
    );
    expect(d.packet.anomaly).toBe('vxlan.trunc_hdr');
  });

  it('leaves other ports alone: the payload is data', () => {
    const d = decode(VXLAN.replace('d43112b5', 'd43112b6'));
    expect(d.layers).toEqual(['ethernet', 'ipv4', 'udp', 'data']);
  });

  it('never throws on any truncation', () => {
    expect(decodeAllTruncations(VXLAN)).toBeGreaterThan(0);
  });
});
