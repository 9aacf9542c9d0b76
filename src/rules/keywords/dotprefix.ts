/**
 * dotprefix: transform; prepends a "." to the sticky buffer before inspection (domain-suffix matching) (Suricata "Transformations"). No value; follows a sticky buffer and
 * applies to every keyword of that buffer (applied by the worker's verifier, src/alerts/verify.ts).
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { addTransform, noValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'dotprefix',
  summary: 'prepends a "." to the sticky buffer before inspection (domain-suffix matching)',
  syntax: 'http.uri; dotprefix; content:"...";',
  example: 'dns.query; dotprefix; content:".example.com"; endswith;',
};

export function parse(value: string | undefined): true {
  noValue('dotprefix', value);
  return true;
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule) {
    addTransform(rule, 'dotprefix');
  },
});
