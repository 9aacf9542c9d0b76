/**
 * ack: TCP acknowledgement number (Suricata "TCP keywords" § ack). Value grammar: values/range.ts.
 */
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'ack' } = {
  name: 'ack',
  summary: 'TCP acknowledgement number',
  syntax: 'ack:N;',
  example: 'ack:0;',
};

export const keyword = rangeKeyword(meta, 4294967295);
