/**
 * tls.version: names and raw values (Suricata detect-tls-version.c), the server's selected version
 * (TLS 1.3 only with supported_versions in the ServerHello, RFC 8446 § 4.2.1) and the client's.
 */
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../../../src/alerts/verify.js';
import { fails, parse } from '../helpers.js';
import { appCandidate, verifier } from './app-candidate.js';

const server = (ja3s: string): Candidate =>
  appCandidate({ 'ja3s.string': ja3s }, { appProto: 2, toServer: false });
const client = (ja4: string): Candidate => appCandidate({ 'ja4.hash': ja4 }, { appProto: 2, toServer: true });

describe('tls.version', () => {
  it('parses 1.0 .. 1.3 and raw values', () => {
    expect(parse('alert tls any any -> any any (tls.version:1.2; sid:1;)').rule?.conditions).toEqual([
      { kind: 'tls.version', range: { op: 'eq', value: 0x0303, max: 0x0303 } },
    ]);
    expect(
      parse('alert tls any any -> any any (tls.version:0x0301; sid:1;)').rule?.conditions[0],
    ).toMatchObject({
      range: { value: 0x0301 },
    });
    expect(fails('tls.version:2.0;', 'alert tls any any -> any any').issues[0]?.message).toBe(
      'tls.version: "2.0" is not 1.0, 1.1, 1.2, 1.3 or 0xHHHH',
    );
  });
  it('reads the version each side uses', () => {
    const m = (o: string, c: Candidate): boolean =>
      verifier(`alert tls any any -> any any (${o} sid:1;)`).verify(c);
    expect(m('tls.version:1.2;', server('771,49199,65281-0-11-35-16'))).toBe(true);
    expect(m('tls.version:1.3;', server('771,4865,43-51'))).toBe(true);
    expect(m('tls.version:1.2;', server('771,4865,43-51'))).toBe(false);
    expect(m('tls.version:1.0;', server('769,47,65281'))).toBe(true);
    expect(m('tls.version:1.3;', client('t13d1516h2_8daaf6152771_e5627efa2ab1'))).toBe(true);
    expect(m('tls.version:1.2;', client('t12d0907h1_aaaaaaaaaaaa_bbbbbbbbbbbb'))).toBe(true);
    expect(m('tls.version:1.2;', { ...server('771,1,2'), appProto: 1 })).toBe(false);
  });
});
