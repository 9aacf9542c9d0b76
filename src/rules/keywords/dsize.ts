/**
 * dsize: payload size of the packet (Suricata "Payload keywords" § dsize). Value grammar: values/range.ts.
 */
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'dsize' } = {
  name: 'dsize',
  summary: 'payload size of the packet',
  syntax: 'dsize:[<|>|<=|>=|!]N | N<>M;',
  example: 'dsize:>1000;',
};

export const keyword = rangeKeyword(meta, 65535);
