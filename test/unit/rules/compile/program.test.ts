/**
 * Rule → verify program (src/rules/compile/program.ts): which rules get a full program, a prefix
 * ending in STOP, or none; what the evaluator does with them is differential.test.ts's business.
 */
import { describe, expect, it } from 'vitest';
import {
  OP_CONTENT,
  OP_END,
  OP_FLOW,
  OP_STOP,
  PF_RETRY,
  RANGE_KEYWORD_OPS,
} from '../../../../src/rules/compile/opcodes.js';
import { encodeProgram } from '../../../../src/rules/compile/program.js';
import { isAppRule } from '../../../../src/rules/compile/ruleset.js';
import { loadRuleText } from '../../../../src/rules/loader.js';

function program(text: string): ReturnType<typeof encodeProgram> {
  const r = loadRuleText(text).rules[0];
  if (!r) throw new Error(`rule not loaded: ${text}`);
  return encodeProgram(r, isAppRule(r));
}

const ops = (words: readonly number[]): number[] => words.map((w) => w & 0xff);

describe('verify program encoding', () => {
  it('encodes conditions, flow, then the payload keywords, and ends full', () => {
    const p = program('alert tcp any any -> any any (ttl:<5; flow:established; content:"ab"; sid:1;)');
    expect(p?.full).toBe(true);
    const w = p?.words ?? [];
    expect(w[0]! & 0xff).toBe(RANGE_KEYWORD_OPS.ttl);
    expect(ops(w)).toContain(OP_FLOW);
    expect(ops(w)).toContain(OP_CONTENT);
    expect(w[w.length - 1]).toBe(OP_END);
  });

  it('stops at pcre: the prefix is a necessary condition', () => {
    const p = program('alert tcp any any -> any any (content:"ab"; pcre:"/x/R"; content:"cd"; sid:1;)');
    expect(p?.full).toBe(false);
    const w = p?.words ?? [];
    expect(w[w.length - 1]).toBe(OP_STOP);
    // the content before pcre retries: a later relative keyword (the pcre) depends on it
    expect((w[0]! >> 8) & PF_RETRY).toBe(PF_RETRY);
  });

  it('gives app-layer rules no program (their buffers are verified in TypeScript)', () => {
    expect(program('alert http any any -> any any (http.uri; content:"/x"; sid:1;)')).toBeUndefined();
  });

  it('gives a content-less rule a program that only ends', () => {
    expect(program('alert tcp any any -> any any (sid:1;)')).toEqual({ words: [OP_END], full: true });
  });
});
