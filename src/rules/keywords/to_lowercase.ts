/**
 * to_lowercase: transform; lowercases the sticky buffer before inspection (Suricata "Transformations"). No value; follows a sticky buffer and
 * applies to every keyword of that buffer (applied by the worker's verifier, src/alerts/verify.ts).
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { addTransform, noValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'to_lowercase',
  summary: 'lowercases the sticky buffer before inspection',
  syntax: 'http.uri; to_lowercase; content:"...";',
  example: 'http.uri; to_lowercase; content:"/admin";',
};

export function parse(value: string | undefined): true {
  noValue('to_lowercase', value);
  return true;
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule) {
    addTransform(rule, 'to_lowercase');
  },
});
