/**
 * icmp_seq: ICMP echo sequence number (Suricata "ICMP keywords" § icmp_seq). Value grammar: values/range.ts.
 */
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'icmp_seq' } = {
  name: 'icmp_seq',
  summary: 'ICMP echo sequence number',
  syntax: 'icmp_seq:N;',
  example: 'icmp_seq:0;',
};

export const keyword = rangeKeyword(meta, 65535);
