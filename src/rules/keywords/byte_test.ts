/**
 * byte_test: read N bytes at an offset and compare them with a value (Suricata "Payload keywords"
 * § byte_test, Snort 2.9 §3.5.27):
 *   byte_test:<bytes>,[!]<op>,<value>,<offset>[,relative][,<endian>][,string,<base>][,dce][,bitmask <v>]
 * Operators < > = <= >= & ^ (and != written `!=`). value and offset may be byte_extract variables.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { ByteTestSpec } from '../types.js';
import { parseInteger, parseNumOrVar } from '../values/number.js';
import { type ByteOptions, checkByteCount, takeByteOption } from './byte-options.js';
import { requireValue, splitArgs } from './util.js';
import { BYTE_TEST_OPS, OP_BYTE_TEST, PF_NEGATED, PF_RELATIVE, ProgramWriter } from '../compile/opcodes.js';

export const meta: KeywordMeta = {
  name: 'byte_test',
  summary: 'compare N bytes read at an offset with a value',
  syntax:
    'byte_test:<bytes>,[!]<op>,<value>,<offset>[,relative][,big|little|dce][,string,hex|dec|oct][,bitmask <v>];',
  example: 'byte_test:2,>,512,0,relative,little;',
};

const OPS = ['<=', '>=', '<', '>', '=', '&', '^'] as const;

export const keyword = defineKeyword({
  meta,
  parse(value, rule): ByteTestSpec {
    const args = splitArgs(requireValue('byte_test', value));
    if (args.length < 4) badValue('byte_test', `"${value}" needs at least <bytes>,<op>,<value>,<offset>`);
    const vars = new Set(rule.byteVars);
    const bytes = parseInteger('byte_test', args[0] as string, 0, 32);
    let opText = (args[1] as string).replace(/\s+/g, '');
    let negated = false;
    if (opText.startsWith('!')) {
      negated = true;
      opText = opText.slice(1);
      if (opText === '') opText = '=';
    }
    const operator = OPS.find((o) => o === opText);
    if (!operator)
      badValue('byte_test', `unknown operator "${args[1]}" (expected < > = <= >= & ^, optionally with !)`);
    const testValue = parseNumOrVar('byte_test', args[2] as string, 0, Number.MAX_SAFE_INTEGER, vars);
    const offset = parseNumOrVar('byte_test', args[3] as string, -0x80000000, 0x7fffffff, vars);
    let relative = false;
    const o: ByteOptions = {};
    const opts = args.slice(4);
    for (let i = 0; i < opts.length;) {
      if (opts[i] === 'relative') {
        relative = true;
        i++;
        continue;
      }
      const used = takeByteOption('byte_test', opts, i, o);
      if (used === 0) badValue('byte_test', `unknown option "${opts[i]}"`);
      i += used;
    }
    checkByteCount('byte_test', bytes, o);
    return {
      kind: 'byte_test',
      bytes,
      negated,
      operator,
      value: testValue,
      offset,
      relative,
      endian: o.endian ?? 'big',
      string: o.string,
      bitmask: o.bitmask,
      buffer: rule.currentBuffer,
    };
  },
  apply(rule, spec: ByteTestSpec) {
    rule.matches.push(spec);
  },
});

/** Program form (assembly/verify/byte_test.ts): bytes, operator, value, offset, bitmask (0 = none). */
export function encode(s: ByteTestSpec, w: ProgramWriter): void {
  w.op(
    OP_BYTE_TEST,
    (s.relative ? PF_RELATIVE : 0) |
      (s.negated ? PF_NEGATED : 0) |
      ProgramWriter.byteFlags(s.endian, s.string),
  );
  w.word(s.bytes);
  w.word(BYTE_TEST_OPS[s.operator]);
  w.value(s.value);
  w.value(s.offset);
  w.word(s.bitmask ?? 0);
}
