/**
 * metadata: comma-separated `key value` pairs (Suricata "Meta keywords" § metadata); may repeat.
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { requireValue, splitArgs } from './util.js';

export const meta: KeywordMeta = {
  name: 'metadata',
  summary: 'key/value pairs carried into alerts',
  syntax: 'metadata:<key> <value>[, <key> <value>]...;',
  example: 'metadata:created_at 2024_01_01, signature_severity Major;',
};

export function parse(value: string | undefined): [string, string][] {
  const out: [string, string][] = [];
  for (const item of splitArgs(requireValue('metadata', value))) {
    if (item === '') continue;
    const sp = item.search(/\s/);
    out.push(sp < 0 ? [item, ''] : [item.slice(0, sp), item.slice(sp).trim()]);
  }
  return out;
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: [string, string][]) {
    rule.metadata.push(...spec);
  },
});
