/**
 * tls_cert_valid: the server certificate is valid (the flow's time is within notBefore..notAfter), as
 * Suricata's detect-tls-cert-validity.c compares them with the flow's last packet time. Takes no
 * value. Read from the leaf certificate of the server's Certificate message (src/app/fields.ts).
 */
import type { KeywordMeta } from '../keyword.js';
import { fieldFlagKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'tls_cert_valid' } = {
  name: 'tls_cert_valid',
  summary: 'server certificate valid at the flow time',
  syntax: 'tls_cert_valid;',
  example: 'tls_cert_valid;',
};

export const keyword = fieldFlagKeyword(meta);
