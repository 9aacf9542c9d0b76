/**
 * sameip: source and destination addresses are equal (Suricata "IP keywords" § sameip).
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { SameipSpec } from '../types.js';
import { noValue, once } from './util.js';
import { OP_SAMEIP, type ProgramWriter } from '../compile/opcodes.js';

export const meta: KeywordMeta = {
  name: 'sameip',
  summary: 'source address equals destination address',
  syntax: 'sameip;',
  example: 'sameip;',
};

export function parse(value: string | undefined): SameipSpec {
  noValue('sameip', value);
  return { kind: 'sameip' };
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: SameipSpec) {
    once(rule, 'sameip');
    rule.conditions.push(spec);
  },
});

/** Program form (assembly/verify/sameip.ts): no operands. */
export function encode(_s: SameipSpec, w: ProgramWriter): void {
  w.op(OP_SAMEIP);
}
