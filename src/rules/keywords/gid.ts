/**
 * gid: group id (default 1); sids are unique per gid (Suricata "Meta keywords" § gid).
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { parseInteger } from '../values/number.js';
import { once, requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'gid',
  summary: 'group id (default 1); sids are unique per gid',
  syntax: 'gid:<integer>;',
  example: 'gid:1;',
};

export function parse(value: string | undefined): number {
  return parseInteger('gid', requireValue('gid', value), 0, 4294967295);
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: number) {
    once(rule, 'gid');
    rule.gid = spec;
  },
});
