/**
 * url_decode: transform; decodes %XX escapes and "+" (space) in the sticky buffer before inspection (Suricata "Transformations"). No value; follows a sticky buffer and
 * applies to every keyword of that buffer (applied by the worker's verifier, src/alerts/verify.ts).
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { addTransform, noValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'url_decode',
  summary: 'decodes %XX escapes and "+" (space) in the sticky buffer before inspection',
  syntax: 'http.uri; url_decode; content:"...";',
  example: 'http.uri; url_decode; content:"/a b";',
};

export function parse(value: string | undefined): true {
  noValue('url_decode', value);
  return true;
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule) {
    addTransform(rule, 'url_decode');
  },
});
