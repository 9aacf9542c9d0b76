/**
 * priority: alert priority 1 (high) .. 255, overrides the classtype priority (Suricata "Meta keywords" §
 * priority).
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { parseInteger } from '../values/number.js';
import { once, requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'priority',
  summary: 'alert priority 1 (high) .. 255, overrides the classtype priority',
  syntax: 'priority:<integer>;',
  example: 'priority:1;',
};

export function parse(value: string | undefined): number {
  return parseInteger('priority', requireValue('priority', value), 1, 255);
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: number) {
    once(rule, 'priority');
    rule.priority = spec;
  },
});
