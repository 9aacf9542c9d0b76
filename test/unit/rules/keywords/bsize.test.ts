/** Tests of bsize: typed specs from good values, located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import type { BsizeSpec } from '../../../../src/rules/types.js';
import { fails, parse } from '../helpers.js';

describe('bsize', () => {
  it('records the range and the buffer in force', () => {
    const r = parse('alert tcp any any -> any any (content:"a"; bsize:10<>20; sid:1;)').rule;
    expect(r?.matches[1]).toEqual({
      kind: 'bsize',
      range: { op: 'range', value: 10, max: 20 },
      buffer: 'payload',
    });
    // Behind a sticky buffer the rule is parsed in full, then gated unless the buffer is enabled.
    const u = parse('alert http any any -> any any (http.uri; bsize:>100; sid:1;)').rule;
    expect(u?.matches[0]).toMatchObject({ kind: 'bsize', buffer: 'http.uri' });
    const f = fails('sip.method; bsize:>100;');
    expect(f.reason).toBe('app-layer buffer not supported yet: sip.method');
    expect(f.issues).toHaveLength(1);
  });
  it('rejects a bad range and a second bsize for one buffer', () => {
    expect(fails('bsize:abc;').issues[0]?.message).toBe('bsize: "abc" is not an integer');
    expect(fails('bsize:5-2;').issues[0]?.message).toMatch(/lower bound/);
    expect(fails('bsize:1; bsize:2;').issues[0]?.message).toBe('bsize: given twice for buffer payload');
  });
  it('has the shared grammar forms', () => {
    const b = (v: string): BsizeSpec =>
      parse(`alert tcp any any -> any any (bsize:${v}; sid:1;)`).rule?.matches[0] as BsizeSpec;
    expect(b('>=3').range).toEqual({ op: 'ge', value: 3, max: 3 });
    expect(b('!7').range).toEqual({ op: 'ne', value: 7, max: 7 });
  });
});
