/**
 * flowint: named integer counters on the flow (Suricata "Flow keywords" § flowint):
 * `flowint:<name>,<op>[,<value or other flowint>];` with op one of
 *   =  +  -                 set, add, subtract (a matching rule changes the counter; `+` or `-` on
 *                           a counter not set yet starts it from 0)
 *   ==  !=  <  <=  >  >=    compare (false while the counter is not set)
 *   isset  notset (isnotset)
 * Comparisons are checked before the rule matches; changes apply once it has (as flowbits).
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { FlowintOp, FlowintSpec } from '../types.js';
import { parseInteger } from '../values/number.js';
import { requireValue, splitArgs } from './util.js';

export const meta: KeywordMeta = {
  name: 'flowint',
  summary: 'set, add to and compare named integer counters on the flow',
  syntax: 'flowint:<name>,<=|+|-|==|!=|<|<=|>|>=|isset|notset>[,<value|name>];',
  example: 'flowint:ET.downloads,+,1; flowint:ET.downloads,>,3;',
};

const OPS: readonly FlowintOp[] = ['=', '+', '-', '==', '!=', '<', '<=', '>', '>=', 'isset', 'notset'];
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function parse(value: string | undefined): FlowintSpec {
  const [name = '', opText = '', operand, extra] = splitArgs(requireValue('flowint', value));
  if (!NAME.test(name)) badValue('flowint', `"${name}" is not a flowint name`);
  const op = OPS.find((o) => o === (opText === 'isnotset' ? 'notset' : opText));
  if (!op) badValue('flowint', `unknown operator "${opText}" (expected ${OPS.join(' ')})`);
  if (extra !== undefined) badValue('flowint', 'too many arguments');
  if (op === 'isset' || op === 'notset') {
    if (operand !== undefined) badValue('flowint', `${op} takes no value`);
    return { name, op };
  }
  if (operand === undefined || operand === '') badValue('flowint', `${op} needs a value`);
  if (/^\d+$/.test(operand)) return { name, op, value: parseInteger('flowint', operand, 0, 0xffffffff) };
  if (!NAME.test(operand)) badValue('flowint', `"${operand}" is neither a number nor a flowint name`);
  return { name, op, other: operand };
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: FlowintSpec) {
    (rule.flowint ??= []).push(spec);
  },
});
