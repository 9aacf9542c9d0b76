/** Tests of pcre: typed specs from good values, located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import type { PcreSpec } from '../../../../src/rules/types.js';
import { fails, opts, reason } from '../helpers.js';

describe('pcre', () => {
  const pcre = (o: string): PcreSpec => opts(o).matches[0] as PcreSpec;
  it('maps flags and records Suricata flags', () => {
    const p = pcre('pcre:"/^abc.d$/Ri";');
    expect(p).toMatchObject({ relative: true, negated: false, jsFlags: 'i', source: '^abc.d$' });
    expect(p.regex.test('ABC\rD')).toBe(true);
    expect(p.regex.test('abcxd\n')).toBe(true);
    expect(pcre('pcre:!"/x/smB";')).toMatchObject({ negated: true, rawbytes: true });
    expect(pcre('pcre:"/a/O";').otherFlags).toBe('O');
  });
  it('reports unsupported syntax with the construct named', () => {
    const u = (o: string): string => {
      const f = fails(o);
      expect(f.reason).toBe('unsupported: pcre syntax');
      return f.issues[0]?.message ?? '';
    };
    expect(u('pcre:"/(a)\\1++/";')).toMatch(/possessive quantifier "\+\+" in a pattern with backreferences/);
    expect(u('pcre:"/(a)(?>b)\\1/";')).toMatch(/atomic group/);
    expect(u('pcre:"/ab\\K/";')).toMatch(/escape "\\K"/);
    expect(u('pcre:"/a\\Gb/";')).toMatch(/escape "\\G"/);
    expect(u('pcre:"/a(?i)b/";')).toMatch(/inline flags/);
    expect(u('pcre:"/[[:alpha:]]/";')).toMatch(/POSIX/);
    expect(u('pcre:"/a(?-i)b/i";')).toMatch(/inline flags/);
  });
  it('takes an unquoted pattern too', () => {
    expect(pcre('pcre:/one/i;')).toMatchObject({ source: 'one', jsFlags: 'i' });
  });
  it('rejects malformed values', () => {
    expect(reason('pcre:"abc";')).toMatch(/does not start with "\/"/);
    expect(reason('pcre:"/abc/Z";')).toMatch(/unknown flag "Z"/);
  });
});
