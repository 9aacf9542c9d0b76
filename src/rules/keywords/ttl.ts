/**
 * ttl: IP time-to-live (Suricata "IP keywords" § ttl). Value grammar: values/range.ts.
 */
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'ttl' } = {
  name: 'ttl',
  summary: 'IP time-to-live',
  syntax: 'ttl:[<|>|<=|>=|!]N | N-M;',
  example: 'ttl:<5;',
};

export const keyword = rangeKeyword(meta, 255);
