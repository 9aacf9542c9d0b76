/**
 * classtype: the rule's class from classification.config (Suricata "Meta keywords" § classtype);
 * the parser checks it against the loaded classification.config, when one is loaded.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { once, requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'classtype',
  summary: 'class of the attack, from classification.config (gives the default priority)',
  syntax: 'classtype:<name>;',
  example: 'classtype:trojan-activity;',
};

export function parse(value: string | undefined): string {
  const v = requireValue('classtype', value);
  if (!/^[A-Za-z0-9_.-]+$/.test(v)) badValue('classtype', `"${v}" is not a class name`);
  return v;
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: string) {
    once(rule, 'classtype');
    rule.classtype = spec;
  },
});
