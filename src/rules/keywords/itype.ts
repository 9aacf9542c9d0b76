/**
 * itype: ICMP type (Suricata "ICMP keywords" § itype). Value grammar: values/range.ts.
 */
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'itype' } = {
  name: 'itype',
  summary: 'ICMP type',
  syntax: 'itype:[<|>]N | N<>M;',
  example: 'itype:8;',
};

export const keyword = rangeKeyword(meta, 255);
