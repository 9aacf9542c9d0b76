import { describe, expect, it } from 'vitest';
import { translatePcre } from '../../../src/rules/pcre-js.js';

function re(pattern: string, flags = ''): RegExp {
  const t = translatePcre(pattern, flags);
  if (!t.ok) throw new Error(t.reason);
  return new RegExp(t.source, t.flags);
}
function rejects(pattern: string, flags = ''): string {
  const t = translatePcre(pattern, flags);
  if (t.ok) throw new Error(`accepted ${pattern} as ${t.source}`);
  return t.reason;
}
const latin1 = (bytes: number[]): string => String.fromCharCode(...bytes);

describe('translatePcre: exact rewrites', () => {
  it('dot stops only at LF without s, and matches everything with s', () => {
    expect(re('a.b').test('a\rb')).toBe(true);
    expect(re('a.b').test('a\nb')).toBe(false);
    expect(re('a.b', 's').test('a\nb')).toBe(true);
  });
  it('$ matches before a final newline unless E; with m, ^/$ break at LF only', () => {
    expect(re('abc$').test('abc\n')).toBe(true);
    expect(re('abc$').test('abc\nx')).toBe(false);
    expect(re('abc$', 'E').test('abc\n')).toBe(false);
    expect(re('^b$', 'm').test('a\nb\nc')).toBe(true);
    expect(re('^b$', 'm').test('a\rb\rc')).toBe(false);
    expect(re('^b').test('ab')).toBe(false);
  });
  it('\\s excludes 0xA0, \\h \\v \\e \\a and short \\x map to PCRE meanings', () => {
    expect(re('a\\sb').test(latin1([0x61, 0xa0, 0x62]))).toBe(false);
    expect(re('a\\sb').test('a\x0bb')).toBe(true);
    expect(re('[^\\s]').test(' ')).toBe(false);
    expect(re('a\\hb').test(latin1([0x61, 0xa0, 0x62]))).toBe(true);
    expect(re('a\\vb').test('a\rb')).toBe(true);
    expect(re('\\e').test('\x1b')).toBe(true);
    expect(re('\\a').test('\x07')).toBe(true);
    expect(re('\\x4').test('\x04')).toBe(true);
    expect(re('\\012').test('\n')).toBe(true);
  });
  it('\\A, \\z and \\Z become exact lookarounds; multiline ^ does not match after a final newline', () => {
    expect(re('\\Aab').test('ab')).toBe(true);
    expect(re('\\Aab', 'm').test('x\nab')).toBe(false);
    expect(re('ab\\z').test('ab\n')).toBe(false);
    expect(re('ab\\Z').test('ab\n')).toBe(true);
    expect(re('ab\\Z', 'm').test('ab\nx')).toBe(false);
    expect(re('^$', 'm').test('a\n')).toBe(false);
    expect(re('^$', 'm').test('a\n\nb')).toBe(true);
    expect(rejects('[\\A]')).toMatch(/inside a character class/);
  });
  it('x flag drops whitespace and comments outside classes, keeps escaped space', () => {
    expect(re('a b # comment\n c', 'x').test('abc')).toBe(true);
    expect(re('a\\ b', 'x').test('a b')).toBe(true);
    expect(re('[ ]', 'x').test(' ')).toBe(true);
  });
  it('leading inline flags become flags; A becomes sticky', () => {
    const t = translatePcre('(?i)abc', '');
    expect(t.ok && t.flags).toBe('i');
    expect(re('(?si)a.c').test('A\nC')).toBe(true);
    const a = re('bc', 'A');
    a.lastIndex = 0;
    expect(a.test('abc')).toBe(false);
    a.lastIndex = 1;
    expect(a.test('abc')).toBe(true);
  });
  it('G (ungreedy) swaps greedy and lazy quantifiers', () => {
    expect(re('a+', 'G').exec('aaa')?.[0]).toBe('a');
    expect(re('a+?', 'G').exec('aaa')?.[0]).toBe('aaa');
    expect(re('a{1,3}b?', 'G').exec('aaab')?.[0]).toBe('a');
    expect(re('a*+b', 'G').test('aab')).toBe(true);
  });
  it('inline flags that change nothing are accepted', () => {
    expect(re('a(?i:b)c', 'i').test('ABC')).toBe(true);
    expect(re('a(?i)b', 'i').test('AB')).toBe(true);
    expect(re('a(?-s:.)b').test('a\nb')).toBe(false);
    expect(rejects('a(?-i:b)', 'i')).toMatch(/inline flags "\(\?-i:"/);
  });
  it('a scoped (?i:...) in a case-sensitive pattern: its letters match either case, the rest does not', () => {
    const cases: [pattern: string, flags: string, subject: string, matches: boolean][] = [
      ['a(?i:b)c', '', 'aBc', true],
      ['a(?i:b)c', '', 'ABC', false],
      ['(?i:<\\/applet>)x', '', '</ApPlEt>x', true],
      ['(?i:<\\/applet>)x', '', '</applet>X', false],
      ['(?i:\\x41b|c{2})d', '', 'aBd', true],
      ['(?i:\\x41b|c{2})d', '', 'cCd', true],
      ['(?i:\\x5bz\\x5d)', '', '[Z]', true],
      ['[(?i:]b', '', '(b', true], // inside a class it is no group
      // ET Open sid 2016751 (emerging-exploit_kit.rules) loads now
      ['^((?!(?i:<\\/applet>)).)+?(?i:value)=', 's', '<applet>VALUE=', true],
    ];
    for (const [pattern, flags, subject, matches] of cases) {
      expect(re(pattern, flags).test(subject), `${pattern} on ${subject}`).toBe(matches);
    }
  });
  it('named groups, backreferences, (?# comments) and ] first in a class', () => {
    expect(re('(?P<w>ab)(?P=w)').test('abab')).toBe(true);
    expect(re('(?<w>ab)\\k<w>').test('abab')).toBe(true);
    expect(re('(a)\\g{1}0').test('aa0')).toBe(true);
    expect(re('a(?#note)b').test('ab')).toBe(true);
    expect(re('[]a]').test(']')).toBe(true);
    expect(re('[^]a]').test(']')).toBe(false);
  });
  it('non-ASCII literals become their UTF-8 bytes', () => {
    expect(re('é').test(latin1([0xc3, 0xa9]))).toBe(true);
    expect(re('é').test(latin1([0xe9]))).toBe(false);
  });
  it('lazy quantifiers and counted repetition pass through', () => {
    expect(re('a+?b{2,3}').test('aabbb')).toBe(true);
    expect(re('a{,3}').test('a{,3}')).toBe(true);
  });
});

describe('translatePcre: atomic groups and possessive quantifiers', () => {
  it('possessive quantifiers never give back', () => {
    expect(re('a*+a').test('aaa')).toBe(false);
    expect(re('a*a').test('aaa')).toBe(true);
    expect(re('x[ab]++b').test('xabab')).toBe(false);
    expect(re('x[ab]++c').test('xababc')).toBe(true);
    expect(re('(?:ab){1,2}+b').test('ababb')).toBe(true);
    expect(re('(?:ab){1,2}+b').test('abab')).toBe(false);
    expect(re('a?+a').test('a')).toBe(false);
  });
  it('atomic groups commit to their first match', () => {
    expect(re('(?>a|ab)c').test('abc')).toBe(false);
    expect(re('(?>ab|a)c').test('abc')).toBe(true);
    expect(re('(?>a+)b').test('aab')).toBe(true);
    expect(re('(x)(?>a+)(y)').exec('xaay')?.[0]).toBe('xaay');
  });
  it('with named backreferences only: the added groups renumber nothing they use', () => {
    expect(re('(?P<w>a++)a').test('aaa')).toBe(false);
    expect(re('(?P<w>a++)b(?P=w)').test('aabaa')).toBe(true);
    expect(re('(?P<w>a++)b(?P=w)').exec('aabaa')?.[0]).toBe('aabaa');
    expect(re('(?<w>(?>ab|a))c\\k<w>').test('abcab')).toBe(true);
    // ET Open sid 2019842 (emerging-web_client.rules)
    const r = re(
      '^\\s*?Preserve\\s*?(?P<var1>[a-z]\\w{0,254}+)\\s*?\\x28\\s*?[^\\x29]+?\\x29.*?redim\\s*?Preserve\\s*?(?P=var1)',
      'si',
    );
    expect(r.test('Preserve abc(1) x redim Preserve abc')).toBe(true);
    expect(r.test('Preserve abc(1) x redim Preserve abd')).toBe(false);
  });
  it('ET Open sid 2025427 translates', () => {
    const r = re('AUTH\\s+\\S+\\s+(?:[a-zA-Z0-9\\+\\/=]{4})*+[a-zA-Z0-9\\+\\/=]{3}\\s');
    expect(r.test('AUTH PLAIN abcdefg ')).toBe(true);
    expect(r.test('AUTH PLAIN abcdefgh ')).toBe(false);
  });
});

describe('translatePcre: rejected constructs', () => {
  const cases: [string, string, RegExp][] = [
    ['(a)\\1*+', '', /possessive quantifier "\*\+" in a pattern with backreferences/],
    ['(a)(?>b)\\1', '', /atomic group/],
    ['(?|a)', '', /branch-reset/],
    ['(?(1)a|b)', '', /conditional/],
    ['(a)(?1)', '', /recursion/],
    ['(?R)', '', /recursion/],
    ['a(?i)b', '', /inline flags "\(\?i\)"/],
    ['a(?i:[b])', '', /inline flags/],
    ['[](](x)\\2', '', /"\\2" refers to a group the pattern does not have/], // `(` in a class opens none
    ['(?i:(a)\\1)', '', /inline flags/],
    ['a(?i:b', '', /unterminated "\(\?i:" group/],
    ['\\Gab', '', /\\G/],
    ['a\\Kb', '', /\\K/],
    ['\\Qa.b\\E', '', /\\Q/],
    ['\\R', '', /\\R/],
    ['\\p{L}', '', /\\p/],
    ['\\x{41}', '', /\\x\{/],
    ['[[:digit:]]', '', /POSIX/],
    ['(a)\\2', '', /group the pattern does not have/],
    ['[\\S]', '', /inside a character class/],
    ['(a', '', /JavaScript rejects/],
    ['[a', '', /unterminated character class/],
  ];
  for (const [p, f, want] of cases) {
    it(`/${p}/${f}`, () => expect(rejects(p, f)).toMatch(want));
  }
});
