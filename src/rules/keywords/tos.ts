/**
 * tos: IP type-of-service byte (Suricata "IP keywords" § tos). Value grammar: values/range.ts.
 */
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'tos' } = {
  name: 'tos',
  summary: 'IP type-of-service byte',
  syntax: 'tos:[!]N;',
  example: 'tos:0x10;',
};

export const keyword = rangeKeyword(meta, 255);
