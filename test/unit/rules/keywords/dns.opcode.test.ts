/** dns.opcode: parse forms (Suricata's u8 grammar) and evaluation on the DNS message (RFC 1035 § 4.1.1). */
import { describe, expect, it } from 'vitest';
import { ipv4Tcp, ipv4Udp } from '../../../helpers/capture-builder.js';
import { fails, parse } from '../helpers.js';
import { appCandidate, verifier } from './app-candidate.js';

/** A DNS header with `opcode` (flags: QR per `response`, RD) and no records. */
const dnsHeader = (opcode: number, response = false): Uint8Array =>
  Uint8Array.from([0xab, 0xcd, (response ? 0x80 : 0) | (opcode << 3) | 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

const overUdp = (msg: Uint8Array, toServer = true) =>
  appCandidate(
    { 'dns.query': 'example.com' },
    {
      appProto: 3,
      ipProto: 17,
      pkt: ipv4Udp('10.0.0.1', '10.0.0.2', 4000, 53, msg),
      toServer,
      pktToServer: toServer,
    },
  );

describe('dns.opcode', () => {
  it('parses N, !N and an exclusive range; the rule is an app-layer rule', () => {
    const r = parse('alert dns any any -> any any (dns.opcode:!0; sid:1;)').rule;
    expect(r?.conditions).toEqual([{ kind: 'dns.opcode', range: { op: 'ne', value: 0, max: 0 } }]);
    expect(r?.buffers).toEqual(['dns.opcode']);
    expect(fails('dns.opcode:256;', 'alert dns any any -> any any').issues).toHaveLength(1);
    expect(fails('dns.opcode:1; dns.opcode:2;', 'alert dns any any -> any any').issues[0]?.message).toBe(
      'dns.opcode: appears more than once in the rule',
    );
  });
  it('reads the opcode of the message, over UDP and TCP', () => {
    const m = (o: string, c: ReturnType<typeof overUdp>): boolean =>
      verifier(`alert dns any any -> any any (${o} sid:1;)`).verify(c);
    const notify = overUdp(dnsHeader(4));
    expect(m('dns.opcode:4;', notify)).toBe(true);
    expect(m('dns.opcode:!0;', notify)).toBe(true);
    expect(m('dns.opcode:0;', notify)).toBe(false);
    expect(m('dns.opcode:3-5;', notify)).toBe(true);
    expect(m('dns.opcode:0;', overUdp(dnsHeader(0, true), false))).toBe(true);
    // over TCP the message follows its two-byte length
    const tcpMsg = Uint8Array.from([0, 12, ...dnsHeader(5)]);
    const tcp = appCandidate(
      {},
      {
        appProto: 3,
        ipProto: 6,
        pkt: ipv4Tcp('10.0.0.1', '10.0.0.2', 4000, 53, 1, 1, 0x18, tcpMsg),
        pktToServer: true,
      },
    );
    expect(m('dns.opcode:5;', tcp)).toBe(true);
    // not a DNS transaction, or a message too short for a header: no opcode
    expect(m('dns.opcode:4;', { ...notify, appProto: 1 })).toBe(false);
    expect(m('dns.opcode:0;', overUdp(Uint8Array.from([1, 2, 3])))).toBe(false);
  });
});
