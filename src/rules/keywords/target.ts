/**
 * target: which side of the alert is the target (Suricata "Meta keywords" § target).
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { once, requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'target',
  summary: 'the target of the attack: src_ip or dest_ip',
  syntax: 'target:src_ip|dest_ip;',
  example: 'target:dest_ip;',
};

export function parse(value: string | undefined): 'src_ip' | 'dest_ip' {
  const v = requireValue('target', value);
  if (v !== 'src_ip' && v !== 'dest_ip') badValue('target', `"${v}" is not src_ip or dest_ip`);
  return v;
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: 'src_ip' | 'dest_ip') {
    once(rule, 'target');
    rule.target = spec;
  },
});
