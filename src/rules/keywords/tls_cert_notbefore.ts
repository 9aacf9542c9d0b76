/**
 * tls_cert_notbefore: the start of the server certificate's validity (Suricata "TLS keywords" §
 * tls_cert_notbefore), compared with a date or a date range (values/date.ts: inclusive, UTC). Read
 * from the leaf certificate of the server's Certificate message (src/app/fields.ts).
 */
import type { KeywordMeta } from '../keyword.js';
import { dateRangeText } from '../values/date.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'tls_cert_notbefore' } = {
  name: 'tls_cert_notbefore',
  summary: 'server certificate validity start (date or range)',
  syntax: 'tls_cert_notbefore:[<|>]YYYY[-MM[-DD[THH:MM[:SS]]]] | DATE-DATE;',
  example: 'tls_cert_notbefore:<2025;',
};

export const keyword = rangeKeyword(meta, 0xffffffff, (v) => dateRangeText(meta.name, v), meta.name);
