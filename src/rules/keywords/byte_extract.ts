/**
 * byte_extract: read N bytes at an offset into a named variable that later keywords of the same
 * rule use as offset, depth, distance, within, value... (Suricata "Payload keywords" § byte_extract):
 *   byte_extract:<bytes>,<offset>,<name>[,relative][,multiplier <m>][,<endian>][,dce]
 *                [,string[,<base>]][,align <1|2|4>][,bitmask <v>]
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { ByteExtractSpec } from '../types.js';
import { parseInteger } from '../values/number.js';
import { type ByteOptions, checkByteCount, takeByteOption } from './byte-options.js';
import { requireValue, splitArgs } from './util.js';
import { OP_BYTE_EXTRACT, PF_RELATIVE, ProgramWriter } from '../compile/opcodes.js';

export const meta: KeywordMeta = {
  name: 'byte_extract',
  summary: 'read N bytes at an offset into a variable for later keywords',
  syntax:
    'byte_extract:<bytes>,<offset>,<name>[,relative][,multiplier <m>][,big|little|dce][,string[,hex|dec|oct]][,align <n>][,bitmask <v>];',
  example: 'byte_extract:2,0,len,relative; content:"x"; within:len;',
};

export const keyword = defineKeyword({
  meta,
  parse(value, rule): ByteExtractSpec {
    const args = splitArgs(requireValue('byte_extract', value));
    if (args.length < 3) badValue('byte_extract', `"${value}" needs at least <bytes>,<offset>,<name>`);
    const bytes = parseInteger('byte_extract', args[0] as string, 0, 32);
    const offset = parseInteger('byte_extract', args[1] as string, -0x80000000, 0x7fffffff);
    const name = args[2] as string;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) badValue('byte_extract', `"${name}" is not a variable name`);
    let relative = false;
    let multiplier = 1;
    let align = 0;
    const o: ByteOptions = {};
    const opts = args.slice(3);
    for (let i = 0; i < opts.length;) {
      const a = opts[i] as string;
      if (a === 'relative') relative = true;
      else if (a.startsWith('multiplier')) multiplier = parseInteger('byte_extract', a.slice(10), 1, 65535);
      else if (a.startsWith('align')) {
        align = parseInteger('byte_extract', a.slice(5), 1, 4);
        if (align === 3) badValue('byte_extract', 'align must be 1, 2 or 4');
      } else {
        const used = takeByteOption('byte_extract', opts, i, o);
        if (used === 0) badValue('byte_extract', `unknown option "${a}"`);
        i += used;
        continue;
      }
      i++;
    }
    checkByteCount('byte_extract', bytes, o);
    return {
      kind: 'byte_extract',
      bytes,
      offset,
      name,
      relative,
      multiplier,
      endian: o.endian ?? 'big',
      string: o.string,
      align,
      bitmask: o.bitmask,
      buffer: rule.currentBuffer,
    };
  },
  apply(rule, spec: ByteExtractSpec) {
    if (rule.byteVars.includes(spec.name)) badValue('byte_extract', `variable "${spec.name}" defined twice`);
    rule.byteVars.push(spec.name);
    rule.matches.push(spec);
  },
});

/** Program form (assembly/verify/byte_extract.ts): bytes, offset, multiplier, align, bitmask, slot. */
export function encode(s: ByteExtractSpec, w: ProgramWriter): void {
  w.op(OP_BYTE_EXTRACT, (s.relative ? PF_RELATIVE : 0) | ProgramWriter.byteFlags(s.endian, s.string));
  w.word(s.bytes);
  w.num(s.offset);
  w.num(s.multiplier);
  w.num(s.align);
  w.word(s.bitmask ?? 0);
  w.word(w.slot(s.name));
}
