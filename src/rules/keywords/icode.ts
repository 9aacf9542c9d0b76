/**
 * icode: ICMP code (Suricata "ICMP keywords" § icode). Value grammar: values/range.ts.
 */
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'icode' } = {
  name: 'icode',
  summary: 'ICMP code',
  syntax: 'icode:[<|>]N | N<>M;',
  example: 'icode:0;',
};

export const keyword = rangeKeyword(meta, 255);
