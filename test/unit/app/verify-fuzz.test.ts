// Hostile bytes for the verifier's own readers of app-layer data (src/app/derived.ts, fields.ts,
// raw.ts): header blocks, DNS messages, DER certificates, certificate lists and packets of any
// shape never throw, end, and give bounded results; rules using every app keyword verify random
// candidates without throwing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appBufferValues, headerValue, headerValues } from '../../../src/app/derived.js';
import { certCount, certValidity, dnsRecordTypes } from '../../../src/app/fields.js';
import { packetPayload } from '../../../src/app/raw.js';
import { appCandidate, verifier } from '../rules/keywords/app-candidate.js';

const RULES = [
  'alert dns any any -> any any (dns.opcode:!0; dns.rrtype:1,-1; sid:1;)',
  'alert dns any any -> any any (content:"|00 01|"; dns.query; content:"a"; sid:2;)',
  'alert tls any any -> any any (tls.cert_chain_len:>1; tls_cert_notafter:>2020; tls_cert_expired; sid:3;)',
  'alert tls any any -> any any (tls_cert_valid; tls_cert_notbefore:2000-2030; sid:4;)',
  'alert http any any -> any any (content:"GET"; http.request_header; content:"Host"; http.accept; content:"*"; sid:5;)',
  'alert http any any -> any any (urilen:>3,raw; http.content_len; content:"1"; http.response_header; bsize:>2; sid:6;)',
].map(verifier);

describe('verifier readers under hostile bytes', () => {
  it('header blocks: one value per line at most, each within the block size plus its separator', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (b) => {
        const vs = headerValues(b);
        expect(vs.length).toBeLessThanOrEqual(b.length);
        for (const v of vs) expect(v.length).toBeLessThanOrEqual(b.length + 2);
        headerValue(b, 'host');
      }),
      { numRuns: 2000 },
    );
  });
  it('DNS messages: record types end, at most one per record the header announces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (m, answers) => {
        const t = dnsRecordTypes(m, answers);
        const count = (o: number): number => ((m[o] ?? 0) << 8) | (m[o + 1] ?? 0);
        expect(t.length).toBeLessThanOrEqual(answers ? count(6) : count(4));
      }),
      { numRuns: 3000 },
    );
    // a question name that is all labels of 63 bytes never ends: bounded by the label cap
    const long = Uint8Array.from([0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, ...Array(4000).fill(1)]);
    expect(dnsRecordTypes(long, false)).toEqual([]);
  });
  it('DER certificates and certificate lists of any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const v = certValidity(b);
        if (v) expect(v.every(Number.isFinite)).toBe(true);
        expect(certCount(b)).toBeLessThanOrEqual(Math.floor(b.length / 3));
      }),
      { numRuns: 3000 },
    );
  });
  it('packets with any header values give a payload inside the packet', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 120 }),
        fc.constantFrom(4, 6),
        fc.constantFrom(6, 17),
        (pkt, v, p) => {
          const pay = packetPayload({ pkt, ipOff: 0, l4Off: v === 4 ? 20 : 40, ipVersion: v, ipProto: p });
          expect(pay.length).toBeLessThanOrEqual(pkt.length);
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('rules with every app keyword verify random candidates without throwing', () => {
    const names = [
      'http.header.raw',
      'http.uri.raw',
      'http.start',
      'http.request_body',
      'tls.certs',
      'tls.cert_chain',
      'dns.query',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 200 }), { minLength: names.length, maxLength: names.length }),
        fc.uint8Array({ minLength: 40, maxLength: 200 }),
        fc.constantFrom(1, 2, 3),
        fc.boolean(),
        (bufs, pkt, appProto, toServer) => {
          const c = appCandidate(Object.fromEntries(names.map((n, i) => [n, bufs[i] as Uint8Array])), {
            pkt,
            appProto,
            toServer,
            ipProto: appProto === 3 ? 17 : 6,
            tsNs: 1_700_000_000_000_000_000n,
          });
          for (const r of RULES) r.verify(c);
          for (const n of ['http.request_header', 'http.accept', 'http.content_len']) appBufferValues(c, n);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
