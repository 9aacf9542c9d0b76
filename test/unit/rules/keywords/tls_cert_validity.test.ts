/**
 * tls_cert_notbefore / tls_cert_notafter: the date grammar (values/date.ts, Suricata's inclusive
 * comparisons) and the validity read from DER, checked against openssl's reading of the same
 * certificates (an independent X.509 parser).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { certificate } from '../../../../bench/gen/der.js';
import { Rng } from '../../../../bench/gen/rng.js';
import { certValidity } from '../../../../src/app/fields.js';
import { dateRangeText } from '../../../../src/rules/values/date.js';
import { fails } from '../helpers.js';
import { appCandidate, verifier } from './app-candidate.js';

const epoch = (iso: string): number => Date.parse(iso) / 1000;

function opensslDates(der: Uint8Array): [number, number] {
  const out = execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-startdate', '-enddate'], {
    input: der,
  }).toString();
  const get = (k: string): number =>
    Date.parse(`${/=(.*)/.exec(out.split('\n').find((l) => l.startsWith(k)) ?? '')?.[1]}`) / 1000;
  return [get('notBefore'), get('notAfter')];
}

describe('tls_cert_notbefore / tls_cert_notafter', () => {
  it('writes dates as inclusive second ranges', () => {
    expect(dateRangeText('k', '2015')).toBe(String(epoch('2015-01-01T00:00:00Z')));
    expect(dateRangeText('k', '<2025-06')).toBe(`<=${epoch('2025-06-01T00:00:00Z')}`);
    expect(dateRangeText('k', '>2024-02-03T04:05:06')).toBe(`>=${epoch('2024-02-03T04:05:06Z')}`);
    expect(dateRangeText('k', '2015-2016-01-01')).toBe(
      `${epoch('2015-01-01T00:00:00Z') - 1}<>${epoch('2016-01-01T00:00:00Z') + 1}`,
    );
    expect(fails('tls_cert_notafter:yesterday;', 'alert tls any any -> any any').issues[0]?.message).toBe(
      'tls_cert_notafter: "yesterday" is not a date (YYYY[-MM[-DD[THH:MM[:SS]]]])',
    );
    expect(fails('tls_cert_notbefore:2020-13;', 'alert tls any any -> any any').issues).toHaveLength(1);
  });
  it('reads the validity of a DER certificate as openssl does', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 5; i++) {
      const der = certificate(rng, `host${i}.example`, 'Test CA', null);
      expect(certValidity(der)).toEqual(opensslDates(der));
    }
    expect(certValidity(Uint8Array.from([0x30, 0x03, 0x30, 0x01]))).toBeUndefined();
  });
  it('compares the server leaf certificate inclusively, and nothing else', () => {
    const der = certificate(new Rng(9), 'leaf.example', 'Test CA', null);
    const [nb, na] = opensslDates(der);
    const iso = (s: number): string => new Date(s * 1000).toISOString().slice(0, 19);
    const leaf = appCandidate({ 'tls.certs': der }, { appProto: 2, toServer: false });
    const m = (o: string, c = leaf): boolean =>
      verifier(`alert tls any any -> any any (${o} sid:1;)`).verify(c);
    expect(m(`tls_cert_notbefore:${iso(nb)};`)).toBe(true);
    expect(m(`tls_cert_notbefore:<${iso(nb)};`)).toBe(true);
    expect(m(`tls_cert_notbefore:>${iso(nb + 1)};`)).toBe(false);
    expect(m(`tls_cert_notafter:${iso(nb)}-${iso(na)};`)).toBe(true);
    expect(m(`tls_cert_notafter:${iso(nb)}-${iso(na - 1)};`)).toBe(false);
    // the client side (ClientHello) and non-TLS transactions have no server certificate
    expect(m(`tls_cert_notbefore:>1970;`, { ...leaf, toServer: true })).toBe(false);
    expect(m(`tls_cert_notbefore:>1970;`, { ...leaf, appProto: 1 })).toBe(false);
  });
  it('tls_cert_expired / tls_cert_valid compare with the packet time', () => {
    const der = certificate(new Rng(3), 'leaf.example', 'Test CA', null);
    const [nb, na] = opensslDates(der);
    const at = (s: number) =>
      appCandidate({ 'tls.certs': der }, { appProto: 2, toServer: false, tsNs: BigInt(s) * 1_000_000_000n });
    const m = (o: string, s: number): boolean =>
      verifier(`alert tls any any -> any any (${o} sid:1;)`).verify(at(s));
    expect([m('tls_cert_valid;', nb), m('tls_cert_valid;', na), m('tls_cert_valid;', na + 1)]).toEqual([
      true,
      true,
      false,
    ]);
    expect([
      m('tls_cert_expired;', na),
      m('tls_cert_expired;', na + 1),
      m('tls_cert_valid;', nb - 1),
    ]).toEqual([false, true, false]);
    expect(fails('tls_cert_expired:1;', 'alert tls any any -> any any').issues[0]?.message).toBe(
      'tls_cert_expired: takes no value, got "1"',
    );
  });
});
