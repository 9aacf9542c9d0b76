/**
 * reference: an external reference `type,value` (Suricata "Meta keywords" § reference);
 * types come from reference.config (url, cve, bugtraq, md5, ...); we keep the pair as written.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { Reference } from '../types.js';
import { requireValue } from './util.js';

export const meta: KeywordMeta = {
  name: 'reference',
  summary: 'external reference (url, cve, ...)',
  syntax: 'reference:<type>,<value>;',
  example: 'reference:cve,2021-44228;',
};

export function parse(value: string | undefined): Reference {
  const v = requireValue('reference', value);
  const comma = v.indexOf(',');
  if (comma <= 0 || comma === v.length - 1) badValue('reference', `"${v}" is not <type>,<value>`);
  return { type: v.slice(0, comma).trim(), value: v.slice(comma + 1).trim() };
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: Reference) {
    rule.references.push(spec);
  },
});
