/**
 * dns.rrtype: the record types of a DNS message (Suricata 8 "DNS keywords" § dns.rrtype, an
 * unsigned 16-bit integer): the question types of a request, the answer types of a response.
 * Several values, so Suricata's multi-integer index may follow the range: `dns.rrtype:1,0` (the
 * first), `1,-1` (the last), `1,all` (every one, at least one), `1,any` (default: one of them).
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { ListCondition } from '../types.js';
import { parseRange } from '../values/range.js';
import { once, requireValue, splitArgs } from './util.js';

export const meta: KeywordMeta = {
  name: 'dns.rrtype',
  summary: 'DNS record types (questions of a request, answers of a response)',
  syntax: 'dns.rrtype:[!]N | N-M [,index|all|any];',
  example: 'dns.rrtype:16,0;',
};

export const keyword = defineKeyword({
  meta,
  parse(value): ListCondition {
    const [range = '', index = 'any', ...rest] = splitArgs(requireValue('dns.rrtype', value));
    if (rest.length) badValue('dns.rrtype', `too many arguments in "${value}"`);
    if (index !== 'any' && index !== 'all' && !/^-?\d+$/.test(index)) {
      badValue('dns.rrtype', `index "${index}" is not an integer, all or any`);
    }
    return {
      kind: 'dns.rrtype',
      range: parseRange('dns.rrtype', range, 0, 0xffff),
      index: index === 'any' || index === 'all' ? index : Number(index),
    };
  },
  apply(rule, spec: ListCondition) {
    once(rule, 'dns.rrtype');
    rule.conditions.push(spec);
    if (!rule.buffers.includes('dns.rrtype')) rule.buffers.push('dns.rrtype');
  },
});
