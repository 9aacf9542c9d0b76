/**
 * tls.cert_chain_len: the number of certificates in the server's Certificate message (Suricata
 * "TLS keywords" § tls.cert_chain_len, an unsigned 32-bit integer: `N`, `<N`, `>N`, `!N`, `N<>M`
 * exclusive). Counted by the verifier from the certificate_list (src/app/fields.ts).
 */
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'tls.cert_chain_len' } = {
  name: 'tls.cert_chain_len',
  summary: 'number of certificates in the server chain',
  syntax: 'tls.cert_chain_len:[<|>|!]N | N<>M;',
  example: 'tls.cert_chain_len:>3;',
};

export const keyword = rangeKeyword(meta, 0xffffffff, undefined, meta.name);
