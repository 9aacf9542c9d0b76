/**
 * The verify program's instruction set: each rule's WASM-evaluable keywords, encoded at compile
 * time (program.ts) by the keyword files' `encode` and evaluated by assembly/verify/program.ts.
 * The numbers are the contract with assembly/verify/opcodes.ts (a test keeps the two equal).
 *
 * A program is a list of u32 words. An instruction's first word is `opcode | flags << 8`; its
 * operand words follow (a fixed count per opcode; CONTENT is followed by its pattern bytes, padded
 * to 4). Operands:
 *   value (NumOrVar or absent): 3 words, mode (0 absent, 1 number, 2 byte_extract variable) then
 *     an f64 (the number) or the variable's slot in the first word: JS numbers are f64, so the
 *     evaluator computes with f64 exactly as src/alerts/verify.ts does;
 *   range (values/range.ts): 5 words, RANGE_* then value and max as f64.
 */

export const OP_END = 0;
/** End of the evaluable prefix: what follows (pcre, ...) is left to the TypeScript verifier. */
export const OP_STOP = 1;
export const OP_CONTENT = 2;
export const OP_ISDATAAT = 3;
export const OP_BSIZE = 4;
export const OP_BYTE_TEST = 5;
export const OP_BYTE_JUMP = 6;
export const OP_BYTE_EXTRACT = 7;
export const OP_FLOW = 8;
export const OP_FLAGS = 9;
export const OP_SAMEIP = 10;
/** Numeric header keywords, in this order (RANGE_KEYWORD_OPS). */
export const OP_DSIZE = 11;
export const RANGE_KEYWORD_OPS = {
  dsize: 11,
  ttl: 12,
  tos: 13,
  id: 14,
  ip_proto: 15,
  itype: 16,
  icode: 17,
  icmp_id: 18,
  icmp_seq: 19,
  seq: 20,
  ack: 21,
  window: 22,
} as const;

/**
 * stream_size (assembly/verify/stream_size.ts): range instructions like the header keywords (one
 * range operand), on the server's or the client's stream size, or on either of them.
 */
export const OP_STREAM_SIZE_SERVER = 23;
export const OP_STREAM_SIZE_CLIENT = 24;
export const OP_STREAM_SIZE_EITHER = 25;

export const RANGE_CODES = { eq: 0, ne: 1, lt: 2, gt: 3, le: 4, ge: 5, range: 6 } as const;

// instruction flags (bits of flags, i.e. of word 0 >> 8)
export const PF_RELATIVE = 1;
export const PF_NEGATED = 2;
export const PF_NOCASE = 4;
export const PF_STARTSWITH = 8;
export const PF_ENDSWITH = 16;
/** CONTENT: a later keyword of the buffer depends on the cursor, so other occurrences are tried. */
export const PF_RETRY = 32;
/** byte_*: big endian (else little; dce reads little, as the verifier does). */
export const PF_BIG = 64;
/** byte_*: bits 7-8 the string base (0 binary, 1 hex, 2 dec, 3 oct). */
export const PF_BASE_SHIFT = 7;
export const PF_ALIGN = 512;
export const PF_FROM_BEGINNING = 1024;
export const PF_FROM_END = 2048;
// FLOW flags
export const PF_ESTABLISHED = 1;
export const PF_NOT_ESTABLISHED = 2;
export const PF_TO_SERVER = 4;
export const PF_TO_CLIENT = 8;
export const PF_ONLY_STREAM = 16;
export const PF_NO_STREAM = 32;

export const BYTE_TEST_OPS = { '<': 0, '>': 1, '=': 2, '<=': 3, '>=': 4, '&': 5, '^': 6 } as const;
export const FLAGS_MODES = { exact: 1, '+': 2, '*': 3, '!': 4 } as const;

/** byte_extract variables a program may hold (slots); a rule with more is verified in TypeScript. */
export const MAX_VARS = 16;

/** Appends instructions; values resolve byte_extract variable names to slots. */
export class ProgramWriter {
  readonly words: number[] = [];
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);

  constructor(private readonly vars: readonly string[]) {}

  op(opcode: number, flags = 0): void {
    this.words.push((opcode | (flags << 8)) >>> 0);
  }

  word(v: number): void {
    this.words.push(v >>> 0);
  }

  num(v: number): void {
    this.f64[0] = v;
    this.words.push(this.u32[0] as number, this.u32[1] as number);
  }

  /** A value operand: absent, a number, or a byte_extract variable (by its slot). */
  value(v: number | { readonly var: string } | undefined): void {
    if (v === undefined) {
      this.words.push(0, 0, 0);
    } else if (typeof v === 'number') {
      this.words.push(1);
      this.num(v);
    } else {
      this.words.push(2, this.slot(v.var), 0);
    }
  }

  range(r: { readonly op: keyof typeof RANGE_CODES; readonly value: number; readonly max: number }): void {
    this.words.push(RANGE_CODES[r.op]);
    this.num(r.value);
    this.num(r.max);
  }

  slot(name: string): number {
    const i = this.vars.indexOf(name);
    // an unknown name reads 0 in the verifier too (a variable never set): slot MAX_VARS is never written
    return i < 0 ? MAX_VARS : i;
  }

  bytes(b: Uint8Array): void {
    for (let i = 0; i < b.length; i += 4) {
      this.words.push(
        ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24)) >>> 0,
      );
    }
  }

  /** Flags of a byte_* keyword's reading options. */
  static byteFlags(endian: string, base: string | undefined): number {
    const b = base === 'hex' ? 1 : base === 'dec' ? 2 : base === 'oct' ? 3 : 0;
    return (endian === 'big' ? PF_BIG : 0) | (b << PF_BASE_SHIFT);
  }
}
