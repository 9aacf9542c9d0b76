/**
 * tls_cert_expired: the server certificate has expired (the flow's time is after its notAfter), as
 * Suricata's detect-tls-cert-validity.c compares them with the flow's last packet time. Takes no
 * value. Read from the leaf certificate of the server's Certificate message (src/app/fields.ts).
 */
import type { KeywordMeta } from '../keyword.js';
import { fieldFlagKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'tls_cert_expired' } = {
  name: 'tls_cert_expired',
  summary: 'server certificate expired at the flow time',
  syntax: 'tls_cert_expired;',
  example: 'tls_cert_expired;',
};

export const keyword = fieldFlagKeyword(meta);
