/**
 * window: TCP window size (Suricata "TCP keywords" § window). Value grammar: values/range.ts.
 */
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'window' } = {
  name: 'window',
  summary: 'TCP window size',
  syntax: 'window:[!]N;',
  example: 'window:55808;',
};

export const keyword = rangeKeyword(meta, 65535);
