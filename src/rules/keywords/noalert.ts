/**
 * noalert: the rule never alerts (it only sets state, e.g. flowbits). Suricata 7 keyword, the same
 * as `flowbits:noalert`.
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { noValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'noalert',
  summary: 'the rule never raises an alert',
  syntax: 'noalert;',
  example: 'noalert;',
};

export function parse(value: string | undefined): true {
  noValue('noalert', value);
  return true;
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule) {
    rule.noalert = true;
  },
});
