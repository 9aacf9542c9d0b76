/**
 * rev: revision of the rule (Suricata "Meta keywords" § rev).
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { parseInteger } from '../values/number.js';
import { once, requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'rev',
  summary: 'revision of the rule',
  syntax: 'rev:<integer>;',
  example: 'rev:3;',
};

export function parse(value: string | undefined): number {
  return parseInteger('rev', requireValue('rev', value), 0, 4294967295);
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: number) {
    once(rule, 'rev');
    rule.rev = spec;
  },
});
