/**
 * id: IPv4 identification field (Suricata "IP keywords" § id). Value grammar: values/range.ts.
 */
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'id' } = {
  name: 'id',
  summary: 'IPv4 identification field',
  syntax: 'id:N;',
  example: 'id:31337;',
};

export const keyword = rangeKeyword(meta, 65535);
