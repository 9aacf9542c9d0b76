/** Tests of content and its modifiers (nocase, rawbytes, offset, depth, distance, within, fast_pattern, startswith, endswith): typed specs from good values, located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import type { ContentSpec } from '../../../../src/rules/types.js';
import { opts, reason } from '../helpers.js';

const content = (o: string, i = 0): ContentSpec =>
  opts(o).matches.filter((m) => m.kind === 'content')[i] as ContentSpec;
describe('content', () => {
  it('decodes text, hex blocks and escapes', () => {
    expect([...content('content:"A|42 43|D|0a|";').bytes]).toEqual([0x41, 0x42, 0x43, 0x44, 0x0a]);
    expect(Buffer.from(content('content:"a\\"b\\;c\\\\d\\:e";').bytes).toString()).toBe('a"b;c\\d:e');
    expect([...content('content:"|4142|";').bytes]).toEqual([0x41, 0x42]);
    expect([...content('content:"é";').bytes]).toEqual([0xc3, 0xa9]);
    expect(content('content:!"x";').negated).toBe(true);
  });
  it('rejects bad values', () => {
    expect(reason('content:"|4|";')).toBe('content: bad hex block "|4|"');
    expect(reason('content:"|41";')).toMatch(/unterminated hex block/);
    expect(reason('content:"a\\x";')).toMatch(/invalid escape "\\x"/);
    expect(reason('content:"";')).toMatch(/is empty/);
    expect(reason('content:abc;')).toMatch(/expected a quoted string/);
    expect(reason('content:"a"b";')).toMatch(/unescaped/);
  });
  it('attaches modifiers to the preceding content', () => {
    const r = opts(
      'content:"abc"; nocase; offset:2; depth:10; content:"def"; distance:0; within:5; fast_pattern; content:"g"; rawbytes; startswith; content:"h"; endswith;',
    );
    const cs = r.matches as ContentSpec[];
    expect(cs[0]).toMatchObject({ nocase: true, offset: 2, depth: 10, buffer: 'payload' });
    expect(cs[1]).toMatchObject({ nocase: false, distance: 0, within: 5, fastPattern: { only: false } });
    expect(cs[2]).toMatchObject({ rawbytes: true, startswith: true });
    expect(cs[3]).toMatchObject({ endswith: true });
  });
  it('fast_pattern forms', () => {
    expect(content('content:"abcdef"; fast_pattern:only;').fastPattern).toEqual({ only: true });
    expect(content('content:"abcdef"; fast_pattern:1,3;').fastPattern).toEqual({
      only: false,
      offset: 1,
      length: 3,
    });
    expect(reason('content:"abc"; fast_pattern:2,3;')).toMatch(/lies outside the 3-byte content/);
    expect(reason('content:"a"; fast_pattern; content:"b"; fast_pattern;')).toMatch(/one content only/);
  });
  it('modifier errors', () => {
    expect(reason('nocase;')).toBe('nocase: needs a preceding content');
    expect(reason('content:"abc"; nocase; nocase;')).toMatch(/given twice/);
    expect(reason('content:"abcdef"; depth:3;')).toBe('depth: 3 is less than the content length 6');
    expect(reason('content:"abcdef"; within:2;')).toMatch(/within: 2 is less than the content length/);
    expect(reason('content:"a"; offset:-1;')).toMatch(/out of range/);
    expect(reason('content:"a"; depth:2; startswith;')).toMatch(/cannot be combined/);
    expect(reason('content:"a"; nocase:1;')).toMatch(/takes no value/);
  });
  it('negative distance is allowed', () => {
    expect(content('content:"a"; content:"b"; distance:-5;', 1).distance).toBe(-5);
  });
});
