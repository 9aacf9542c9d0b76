/**
 * icmp_id: ICMP echo identifier (Suricata "ICMP keywords" § icmp_id). Value grammar: values/range.ts.
 */
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'icmp_id' } = {
  name: 'icmp_id',
  summary: 'ICMP echo identifier',
  syntax: 'icmp_id:N;',
  example: 'icmp_id:0;',
};

export const keyword = rangeKeyword(meta, 65535);
