/**
 * strip_whitespace: transform; removes every whitespace byte from the sticky buffer before inspection (Suricata "Transformations"). No value; follows a sticky buffer and
 * applies to every keyword of that buffer (applied by the worker's verifier, src/alerts/verify.ts).
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { addTransform, noValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'strip_whitespace',
  summary: 'removes every whitespace byte from the sticky buffer before inspection',
  syntax: 'http.uri; strip_whitespace; content:"...";',
  example: 'http.uri; strip_whitespace; content:"/a/b";',
};

export function parse(value: string | undefined): true {
  noValue('strip_whitespace', value);
  return true;
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule) {
    addTransform(rule, 'strip_whitespace');
  },
});
