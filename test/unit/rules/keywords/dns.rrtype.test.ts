/**
 * dns.rrtype: parse forms (u16 range + Suricata's multi-integer index) and evaluation on DNS
 * messages built by hand (RFC 1035 § 4.1): question types in a request, answer types in a
 * response (as suricata-verify dns-rrtype-index expects: a CNAME-then-A answer list is not `1,0`
 * but is `1,-1`).
 */
import { describe, expect, it } from 'vitest';
import { dnsRecordTypes } from '../../../../src/app/fields.js';
import type { Candidate } from '../../../../src/alerts/verify.js';
import { ipv4Udp } from '../../../helpers/capture-builder.js';
import { fails, parse } from '../helpers.js';
import { appCandidate, verifier } from './app-candidate.js';

const name = (n: string): number[] => [...n.split('.').flatMap((l) => [l.length, ...Buffer.from(l)]), 0];
const u16 = (v: number): number[] => [v >> 8, v & 0xff];
/** A message with one question of `qtype` and answers of `types` (owner: a pointer to the question name). */
function message(qtype: number, types: number[]): Uint8Array {
  const answers = types.flatMap((t) => [0xc0, 12, ...u16(t), 0, 1, 0, 0, 0, 60, ...u16(4), 1, 2, 3, 4]);
  const flags = types.length ? 0x8180 : 0x0100;
  return Uint8Array.from([
    0,
    7,
    ...u16(flags),
    0,
    1,
    ...u16(types.length),
    0,
    0,
    0,
    0,
    ...name('a.example'),
    ...u16(qtype),
    0,
    1,
    ...answers,
  ]);
}
const cand = (m: Uint8Array, toServer: boolean): Candidate =>
  appCandidate(
    {},
    {
      appProto: 3,
      ipProto: 17,
      toServer,
      pktToServer: toServer,
      pkt: ipv4Udp('10.0.0.1', '10.0.0.2', 5000, 53, m),
    },
  );

describe('dns.rrtype', () => {
  it('parses the range and the index', () => {
    expect(parse('alert dns any any -> any any (dns.rrtype:1,-1; sid:1;)').rule?.conditions).toEqual([
      { kind: 'dns.rrtype', range: { op: 'eq', value: 1, max: 1 }, index: -1 },
    ]);
    expect(parse('alert dns any any -> any any (dns.rrtype:!2; sid:1;)').rule?.conditions[0]).toMatchObject({
      index: 'any',
    });
    expect(fails('dns.rrtype:1,first;', 'alert dns any any -> any any').issues[0]?.message).toBe(
      'dns.rrtype: index "first" is not an integer, all or any',
    );
    expect(fails('dns.rrtype:70000;', 'alert dns any any -> any any').issues).toHaveLength(1);
  });
  it('lists question types of a request and answer types of a response', () => {
    expect(dnsRecordTypes(message(28, []), false)).toEqual([28]);
    expect(dnsRecordTypes(message(1, [5, 1]), true)).toEqual([5, 1]);
    // a truncated answer list stops where it breaks
    expect(dnsRecordTypes(message(1, [5, 1]).subarray(0, 40), true)).toEqual([5]);
  });
  it('applies the index as Suricata does', () => {
    const m = (o: string, c: Candidate): boolean =>
      verifier(`alert dns any any -> any any (${o} sid:1;)`).verify(c);
    const resp = cand(message(1, [5, 1]), false);
    expect([
      m('dns.rrtype:1;', resp),
      m('dns.rrtype:1,0;', resp),
      m('dns.rrtype:1,-1;', resp),
      m('dns.rrtype:1,all;', resp),
    ]).toEqual([true, false, true, false]);
    expect(m('dns.rrtype:!2;', resp)).toBe(true);
    const req = cand(message(28, []), true);
    expect([m('dns.rrtype:28;', req), m('dns.rrtype:1;', req), m('dns.rrtype:28,5;', req)]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
