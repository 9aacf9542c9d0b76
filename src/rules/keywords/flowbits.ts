/**
 * flowbits: named boolean state on the flow (Suricata "Flow keywords" § flowbits, Snort 2.9
 * §3.6.10): set, setx, unset, toggle, isset, isnotset, reset, noalert. Names may be grouped with
 * `&` (all of them) or, for isset/isnotset, `|` (any of them); Snort's optional third argument
 * names a group. `noalert` (no name) makes the rule silent.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { FlowbitsOp, FlowbitsSpec } from '../types.js';
import { requireValue, splitArgs } from './util.js';

export const meta: KeywordMeta = {
  name: 'flowbits',
  summary: 'set, clear and test named flags on the flow',
  syntax:
    'flowbits:<set|setx|unset|toggle|isset|isnotset|reset|noalert>[,<name>[&<name>...|\\|<name>...][,<group>]];',
  example: 'flowbits:set,ET.evil; flowbits:noalert;',
};

const OPS: readonly FlowbitsOp[] = [
  'set',
  'setx',
  'unset',
  'toggle',
  'isset',
  'isnotset',
  'noalert',
  'reset',
];
const NAME = /^[A-Za-z0-9_.-]+$/;

export function parse(value: string | undefined): FlowbitsSpec {
  const [opText = '', namesText, group, extra] = splitArgs(requireValue('flowbits', value));
  const op = OPS.find((o) => o === opText);
  if (!op) badValue('flowbits', `unknown command "${opText}" (expected ${OPS.join(', ')})`);
  if (extra !== undefined) badValue('flowbits', 'too many arguments');
  if (op === 'noalert' || op === 'reset') {
    if (namesText !== undefined && op === 'noalert') badValue('flowbits', 'noalert takes no name');
    return { op, names: [], combine: 'all', group: namesText };
  }
  if (namesText === undefined || namesText === '') badValue('flowbits', `${op} needs a name`);
  const hasOr = namesText.includes('|');
  const hasAnd = namesText.includes('&');
  if (hasOr && hasAnd) badValue('flowbits', `"${namesText}" mixes & and |`);
  if (hasOr && op !== 'isset' && op !== 'isnotset')
    badValue('flowbits', `"|" is only allowed with isset/isnotset`);
  const names = namesText.split(hasOr ? '|' : '&').map((n) => n.trim());
  for (const n of names) if (!NAME.test(n)) badValue('flowbits', `"${n}" is not a flowbit name`);
  return { op, names, combine: hasOr ? 'any' : 'all', group: group === '' ? undefined : group };
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: FlowbitsSpec) {
    if (spec.op === 'noalert') rule.noalert = true;
    rule.flowbits.push(spec);
  },
});
