/** App-layer buffer rules: transforms, their fast patterns, and the buffer groups of the ruleset. */
import { describe, expect, it } from 'vitest';
import { transform } from '../../../src/alerts/verify.js';
import { appFastPattern, compileRuleset } from '../../../src/rules/compile/ruleset.js';
import type { Rule } from '../../../src/rules/types.js';
import { parse } from '../rules/helpers.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
const rule = (text: string): Rule => parse(text).rule as Rule;

describe('app-layer buffers', () => {
  it('applies the transforms as Suricata does', () => {
    expect(dec(transform('dotprefix', enc('a.example.com')))).toBe('.a.example.com');
    expect(dec(transform('to_lowercase', enc('/AdMiN')))).toBe('/admin');
    expect(dec(transform('strip_whitespace', enc(' a\tb\r\nc ')))).toBe('abc');
    expect(dec(transform('url_decode', enc('/a%20b+c%zz%4')))).toBe('/a b c%zz%4');
  });
  it('picks a fast pattern that holds before the transform, or none', () => {
    const dns = (o: string): Rule => rule(`alert dns any any -> any any (${o} sid:1;)`);
    const dot = appFastPattern(dns('dns.query; dotprefix; content:".evil.com"; endswith;'));
    expect(dot && dec(dot.pattern.bytes)).toBe('evil.com');
    expect(dot?.buffer).toBe(17);
    expect(appFastPattern(dns('dns.query; to_lowercase; content:"evil";'))?.pattern.nocase).toBe(true);
    expect(appFastPattern(dns('dns.query; strip_whitespace; content:"evil";'))).toBeUndefined();
  });
  it('compiles buffer rules into buffer groups and payload-only app rules into protocol groups', () => {
    const ok = rule(
      'alert http any any -> any any (http.uri; content:"/x"; http.host; content:"h.com"; sid:1;)',
    );
    const pay = rule('alert http any any -> any any (content:"GET"; sid:2;)');
    const mixed = rule('alert http any any -> any any (content:"GET"; http.uri; content:"/x"; sid:3;)');
    const c = compileRuleset([ok, pay, mixed]);
    expect(c.rules.map((r) => r.sid)).toEqual([1, 2, 3]);
    expect(c.skipped).toEqual([]);
    expect(c.stats.groups.map((g) => g.name)).toEqual(['tcp', 'http.uri', 'http.host']);
  });
});
