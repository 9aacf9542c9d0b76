/** urilen: parse forms (Suricata detect-urilen.c grammar) and evaluation on the URI buffers. */
import { describe, expect, it } from 'vitest';
import type { UrilenSpec } from '../../../../src/rules/types.js';
import { fails, parse } from '../helpers.js';
import { appCandidate, verifier } from './app-candidate.js';

const spec = (v: string): UrilenSpec | undefined =>
  parse(`alert http any any -> any any (urilen:${v}; sid:1;)`).rule?.matches[0] as UrilenSpec | undefined;

describe('urilen', () => {
  it('parses the range forms and the buffer choice', () => {
    expect(spec('10')).toEqual({
      kind: 'urilen',
      range: { op: 'eq', value: 10, max: 10 },
      buffer: 'http.uri',
    });
    expect(spec('>5,raw')).toEqual({
      kind: 'urilen',
      range: { op: 'gt', value: 5, max: 5 },
      buffer: 'http.uri.raw',
    });
    expect(spec('5<>10, norm')?.range).toEqual({ op: 'range', value: 5, max: 10 });
    expect(parse('alert http any any -> any any (urilen:<3; sid:1;)').rule?.buffers).toEqual(['http.uri']);
  });
  it('rejects what Suricata rejects', () => {
    expect(fails('urilen:abc;', 'alert http any any -> any any').issues[0]?.message).toBe(
      'urilen: "abc" is not an integer',
    );
    expect(fails('urilen:5,big;', 'alert http any any -> any any').issues[0]?.message).toBe(
      'urilen: "big" is neither norm nor raw',
    );
    expect(fails('urilen:70000;', 'alert http any any -> any any').issues).toHaveLength(1);
    expect(fails('urilen;', 'alert http any any -> any any').issues[0]?.message).toBe(
      'urilen: needs a value',
    );
  });
  it('compares the normalised or the raw URI length, with exclusive ranges', () => {
    // "/a%41" is 5 bytes raw and "/aA" (3 bytes) normalised
    const c = appCandidate({ 'http.uri': '/aA', 'http.uri.raw': '/a%41' });
    const m = (o: string): boolean => verifier(`alert http any any -> any any (${o} sid:1;)`).verify(c);
    expect(m('urilen:3;')).toBe(true);
    expect(m('urilen:5;')).toBe(false);
    expect(m('urilen:5,raw;')).toBe(true);
    expect(m('urilen:2<>4;')).toBe(true);
    expect(m('urilen:3<>5;')).toBe(false);
    expect(m('urilen:>2; http.method; content:"GET";')).toBe(false);
    expect(m('urilen:<4; content:"/aA"; http_uri;')).toBe(true);
    // no request URI: nothing to measure
    expect(verifier('alert http any any -> any any (urilen:>0; sid:1;)').verify(appCandidate({}))).toBe(
      false,
    );
  });
});
