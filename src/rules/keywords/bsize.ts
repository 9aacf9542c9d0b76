/**
 * bsize: size of the current (sticky) buffer (Suricata "Payload keywords" § bsize); the shared
 * range grammar (values/range.ts). Applies to the buffer in force where it is written.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { BsizeSpec } from '../types.js';
import { parseRange } from '../values/range.js';
import { requireValue } from './util.js';
import { OP_BSIZE, type ProgramWriter } from '../compile/opcodes.js';

export const meta: KeywordMeta = {
  name: 'bsize',
  summary: 'length of the current buffer',
  syntax: 'bsize:[<|>|<=|>=|!]N | N<>M | N-M;',
  example: 'http.uri; bsize:>100;',
};

export const keyword = defineKeyword({
  meta,
  parse(value, rule): BsizeSpec {
    return {
      kind: 'bsize',
      range: parseRange('bsize', requireValue('bsize', value), 0, 0xffffffff),
      buffer: rule.currentBuffer,
    };
  },
  apply(rule, spec: BsizeSpec) {
    if (rule.matches.some((m) => m.kind === 'bsize' && m.buffer === spec.buffer)) {
      badValue('bsize', `given twice for buffer ${spec.buffer}`);
    }
    rule.matches.push(spec);
  },
});

/** Program form (assembly/verify/bsize.ts): the range. */
export function encode(s: BsizeSpec, w: ProgramWriter): void {
  w.op(OP_BSIZE);
  w.range(s.range);
}
