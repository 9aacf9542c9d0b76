/**
 * seq: TCP sequence number (Suricata "TCP keywords" § seq). Value grammar: values/range.ts.
 */
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'seq' } = {
  name: 'seq',
  summary: 'TCP sequence number',
  syntax: 'seq:N;',
  example: 'seq:0;',
};

export const keyword = rangeKeyword(meta, 4294967295);
