/**
 * tls_cert_notafter: the end of the server certificate's validity (Suricata "TLS keywords" §
 * tls_cert_notafter), compared with a date or a date range (values/date.ts: inclusive, UTC). Read
 * from the leaf certificate of the server's Certificate message (src/app/fields.ts).
 */
import type { KeywordMeta } from '../keyword.js';
import { dateRangeText } from '../values/date.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'tls_cert_notafter' } = {
  name: 'tls_cert_notafter',
  summary: 'server certificate validity end (date or range)',
  syntax: 'tls_cert_notafter:[<|>]YYYY[-MM[-DD[THH:MM[:SS]]]] | DATE-DATE;',
  example: 'tls_cert_notafter:>2015-06;',
};

export const keyword = rangeKeyword(meta, 0xffffffff, (v) => dateRangeText(meta.name, v), meta.name);
