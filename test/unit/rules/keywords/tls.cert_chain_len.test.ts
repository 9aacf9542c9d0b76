/** tls.cert_chain_len: the u32 range grammar and the count of a certificate_list (RFC 5246 § 7.4.2). */
import { describe, expect, it } from 'vitest';
import { certificate } from '../../../../bench/gen/der.js';
import { Rng } from '../../../../bench/gen/rng.js';
import { certCount } from '../../../../src/app/fields.js';
import { parse } from '../helpers.js';
import { appCandidate, verifier } from './app-candidate.js';

/** A certificate_list of `n` generated certificates (3-byte length + DER each). */
function chain(n: number): Uint8Array {
  const rng = new Rng(n);
  const parts = Array.from({ length: n }, (_, i) => certificate(rng, `c${i}.example`, 'CA', null)).flatMap(
    (der) => [der.length >> 16, (der.length >> 8) & 0xff, der.length & 0xff, ...der],
  );
  return Uint8Array.from(parts);
}

describe('tls.cert_chain_len', () => {
  it('is a keyword with a value, not a sticky buffer', () => {
    const r = parse('alert tls any any -> any any (tls.cert_chain_len:0<>4; sid:1;)').rule;
    expect(r?.conditions).toEqual([{ kind: 'tls.cert_chain_len', range: { op: 'range', value: 0, max: 4 } }]);
    expect(r?.buffers).toEqual(['tls.cert_chain_len']);
  });
  it('counts the certificates of the server chain', () => {
    expect([0, 1, 3].map((n) => certCount(chain(n)))).toEqual([0, 1, 3]);
    // an entry cut short is not a certificate
    expect(certCount(chain(2).subarray(0, 10))).toBe(0);
    const c = appCandidate({ 'tls.cert_chain': chain(3) }, { appProto: 2, toServer: false });
    const m = (o: string, cand = c): boolean =>
      verifier(`alert tls any any -> any any (${o} sid:1;)`).verify(cand);
    expect([m('tls.cert_chain_len:3;'), m('tls.cert_chain_len:<4;'), m('tls.cert_chain_len:!3;')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(m('tls.cert_chain_len:>0;', { ...c, toServer: true })).toBe(false);
  });
});
