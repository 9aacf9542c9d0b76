/**
 * sid: signature id, unique per gid (Suricata "Meta keywords" § sid).
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { parseInteger } from '../values/number.js';
import { once, requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'sid',
  summary: 'signature id, unique per gid',
  syntax: 'sid:<integer>;',
  example: 'sid:2000001;',
};

export function parse(value: string | undefined): number {
  return parseInteger('sid', requireValue('sid', value), 1, 4294967295);
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: number) {
    once(rule, 'sid');
    rule.sid = spec;
  },
});
