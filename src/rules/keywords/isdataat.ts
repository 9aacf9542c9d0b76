/**
 * isdataat: there are at least N+1 bytes at offset N (or, `relative`, N bytes after the previous
 * match); `!` negates (Suricata "Payload keywords" § isdataat). N may be a byte_extract variable.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { IsdataatSpec } from '../types.js';
import { parseNumOrVar } from '../values/number.js';
import { requireValue, splitArgs } from './util.js';
import { OP_ISDATAAT, PF_NEGATED, PF_RELATIVE, type ProgramWriter } from '../compile/opcodes.js';

export const meta: KeywordMeta = {
  name: 'isdataat',
  summary: 'data is present at an offset, absolute or relative to the previous match; ! negates',
  syntax: 'isdataat:[!]<offset|var>[,relative][,rawbytes];',
  example: 'isdataat:!1,relative;',
};

export const keyword = defineKeyword({
  meta,
  parse(value, rule): IsdataatSpec {
    let v = requireValue('isdataat', value);
    const negated = v.startsWith('!');
    if (negated) v = v.slice(1);
    const [first, ...opts] = splitArgs(v);
    const offset = parseNumOrVar('isdataat', first ?? '', 0, 65535, new Set(rule.byteVars));
    let relative = false;
    let rawbytes = false;
    for (const o of opts) {
      if (o === 'relative') relative = true;
      else if (o === 'rawbytes') rawbytes = true;
      else badValue('isdataat', `unknown option "${o}" (expected relative or rawbytes)`);
    }
    return { kind: 'isdataat', negated, offset, relative, rawbytes, buffer: rule.currentBuffer };
  },
  apply(rule, spec: IsdataatSpec) {
    rule.matches.push(spec);
  },
});

/** Program form (assembly/verify/isdataat.ts): flags, then the offset value. */
export function encode(s: IsdataatSpec, w: ProgramWriter): void {
  w.op(OP_ISDATAAT, (s.relative ? PF_RELATIVE : 0) | (s.negated ? PF_NEGATED : 0));
  w.value(s.offset);
}
