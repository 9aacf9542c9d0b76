/**
 * Rule → verify program (opcodes.ts documents the instruction set; assembly/verify/program.ts runs
 * it for every candidate before it leaves WASM). The program holds what src/alerts/verify.ts
 * checks apart from the header, which the WASM prefilter already decides (headerOk): packet
 * conditions, flow, then the payload keywords in rule order with the same relative semantics.
 *
 * `full`: the program is the whole of RuleVerifier.verify for IPv4 packets (an IPv6 packet still
 * needs the TypeScript header check when the rule lists IPv6 addresses). Otherwise the program
 * stops (OP_STOP) at the first keyword WASM does not evaluate (pcre); what precedes it is a
 * necessary condition: a rule whose prefix fails cannot match, so the candidate dies in WASM, and
 * a survivor crosses to the TypeScript verifier, which keeps the final say. The retry flags come
 * from the whole keyword list, so the prefix explores the occurrences the full search explores, in
 * the same order, and reaches the stop no later (in MAX_STEPS terms) than the full search would.
 *
 * No program (undefined): app-layer rules (their buffers are verified in TypeScript) and rules with
 * more byte_extract variables than MAX_VARS.
 */
import type { MatchSpec, RangeCondition, Rule } from '../types.js';
import { PAYLOAD_BUFFER } from '../types.js';
import { isRelative } from '../relative.js';
import { encode as encodeBsize } from '../keywords/bsize.js';
import { encode as encodeByteExtract } from '../keywords/byte_extract.js';
import { encode as encodeByteJump } from '../keywords/byte_jump.js';
import { encode as encodeByteTest } from '../keywords/byte_test.js';
import { encode as encodeContent } from '../keywords/content.js';
import { encode as encodeFlags } from '../keywords/flags.js';
import { encode as encodeFlow } from '../keywords/flow.js';
import { encode as encodeIsdataat } from '../keywords/isdataat.js';
import { encode as encodeRange } from '../keywords/range-keyword.js';
import { encode as encodeSameip } from '../keywords/sameip.js';
import { encode as encodeStreamSize } from '../keywords/stream_size.js';
import { MAX_VARS, OP_END, OP_STOP, ProgramWriter, RANGE_KEYWORD_OPS } from './opcodes.js';

/**
 * The encoders of the payload keywords without extra context (content needs its retry flag); a
 * keyword not listed here (pcre, base64_decode, urilen, ...) ends the evaluable prefix.
 */
const ENCODERS: Partial<Record<MatchSpec['kind'], (s: never, w: ProgramWriter) => void>> = {
  isdataat: encodeIsdataat,
  bsize: encodeBsize,
  byte_test: encodeByteTest,
  byte_jump: encodeByteJump,
  byte_extract: encodeByteExtract,
};

export interface VerifyProgram {
  readonly words: readonly number[];
  readonly full: boolean;
}

export function encodeProgram(rule: Rule, isApp: boolean): VerifyProgram | undefined {
  if (isApp || rule.byteVars.length > MAX_VARS) return undefined;
  const w = new ProgramWriter(rule.byteVars);
  for (const c of rule.conditions) {
    if (c.kind === 'flags') encodeFlags(c, w);
    else if (c.kind === 'sameip') encodeSameip(c, w);
    else if (c.kind === 'stream_size') encodeStreamSize(c, w);
    else if (c.kind in RANGE_KEYWORD_OPS)
      encodeRange(c as RangeCondition & { kind: keyof typeof RANGE_KEYWORD_OPS }, w);
    // a transaction field (dns.opcode, tls_cert_*, ...): only the TypeScript verifier reads those
    else return undefined;
  }
  if (rule.flow) encodeFlow(rule.flow, w);
  const ms = rule.matches;
  let full = true;
  for (let i = 0; i < ms.length && full; i++) {
    const m = ms[i] as MatchSpec;
    if (m.buffer !== PAYLOAD_BUFFER) return undefined;
    const encode = ENCODERS[m.kind] as ((s: MatchSpec, w: ProgramWriter) => void) | undefined;
    if (m.kind === 'content') encodeContent(m, w, ms.slice(i + 1).some(isRelative));
    else if (encode) encode(m, w);
    else full = false;
  }
  w.op(full ? OP_END : OP_STOP);
  return { words: w.words, full };
}
