/**
 * byte_jump: read N bytes at an offset as a length and move the inspection pointer by it
 * (Suricata "Payload keywords" § byte_jump, Snort 2.9 §3.5.28):
 *   byte_jump:<bytes>,<offset>[,relative][,multiplier <m>][,<endian>][,string,<base>][,align]
 *             [,from_beginning][,from_end][,post_offset <n>][,dce][,bitmask <v>]
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { ByteJumpSpec } from '../types.js';
import { parseInteger, parseNumOrVar } from '../values/number.js';
import { type ByteOptions, checkByteCount, takeByteOption } from './byte-options.js';
import { requireValue, splitArgs } from './util.js';
import {
  OP_BYTE_JUMP,
  PF_ALIGN,
  PF_FROM_BEGINNING,
  PF_FROM_END,
  PF_RELATIVE,
  ProgramWriter,
} from '../compile/opcodes.js';

export const meta: KeywordMeta = {
  name: 'byte_jump',
  summary: 'read a length at an offset and move the inspection pointer past it',
  syntax:
    'byte_jump:<bytes>,<offset>[,relative][,multiplier <m>][,big|little|dce][,string,hex|dec|oct][,align][,from_beginning|from_end][,post_offset <n>][,bitmask <v>];',
  example: 'byte_jump:4,12,relative,align;',
};

export const keyword = defineKeyword({
  meta,
  parse(value, rule): ByteJumpSpec {
    const args = splitArgs(requireValue('byte_jump', value));
    if (args.length < 2) badValue('byte_jump', `"${value}" needs at least <bytes>,<offset>`);
    const vars = new Set(rule.byteVars);
    const bytes = parseInteger('byte_jump', args[0] as string, 0, 32);
    const offset = parseNumOrVar('byte_jump', args[1] as string, -0x80000000, 0x7fffffff, vars);
    let relative = false;
    let multiplier = 1;
    let align = false;
    let fromBeginning = false;
    let fromEnd = false;
    let postOffset = 0;
    const o: ByteOptions = {};
    const opts = args.slice(2);
    for (let i = 0; i < opts.length;) {
      const a = opts[i] as string;
      if (a === 'relative') relative = true;
      else if (a === 'align') align = true;
      else if (a === 'from_beginning') fromBeginning = true;
      else if (a === 'from_end') fromEnd = true;
      else if (a.startsWith('multiplier')) multiplier = parseInteger('byte_jump', a.slice(10), 1, 65535);
      else if (a.startsWith('post_offset'))
        postOffset = parseInteger('byte_jump', a.slice(11), -65535, 65535);
      else {
        const used = takeByteOption('byte_jump', opts, i, o);
        if (used === 0) badValue('byte_jump', `unknown option "${a}"`);
        i += used;
        continue;
      }
      i++;
    }
    if (fromBeginning && fromEnd) badValue('byte_jump', 'from_beginning and from_end together');
    checkByteCount('byte_jump', bytes, o);
    return {
      kind: 'byte_jump',
      bytes,
      offset,
      relative,
      multiplier,
      endian: o.endian ?? 'big',
      string: o.string,
      align,
      fromBeginning,
      fromEnd,
      postOffset,
      bitmask: o.bitmask,
      buffer: rule.currentBuffer,
    };
  },
  apply(rule, spec: ByteJumpSpec) {
    rule.matches.push(spec);
  },
});

/** Program form (assembly/verify/byte_jump.ts): bytes, offset, multiplier, post_offset, bitmask. */
export function encode(s: ByteJumpSpec, w: ProgramWriter): void {
  w.op(
    OP_BYTE_JUMP,
    (s.relative ? PF_RELATIVE : 0) |
      (s.align ? PF_ALIGN : 0) |
      (s.fromBeginning ? PF_FROM_BEGINNING : 0) |
      (s.fromEnd ? PF_FROM_END : 0) |
      ProgramWriter.byteFlags(s.endian, s.string),
  );
  w.word(s.bytes);
  w.value(s.offset);
  w.num(s.multiplier);
  w.num(s.postOffset);
  w.word(s.bitmask ?? 0);
}
