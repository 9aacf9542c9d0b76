import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEYWORD_ALIASES, KEYWORDS } from '../../../src/rules/keywords/index.js';
import type {
  ByteExtractSpec,
  ByteJumpSpec,
  ByteTestSpec,
  ContentSpec,
  FlagsSpec,
  IsdataatSpec,
  PcreSpec,
  RangeCondition,
} from '../../../src/rules/types.js';
import { fails, opts, parse } from './helpers.js';

const content = (o: string, i = 0): ContentSpec =>
  opts(o).matches.filter((m) => m.kind === 'content')[i] as ContentSpec;
const reason = (o: string): string => fails(o).issues[0]?.message ?? '';

describe('registry', () => {
  const readme = readFileSync(new URL('../../../src/rules/README.md', import.meta.url), 'utf8');
  it('aliases point at registered keywords', () => {
    for (const [alias, name] of Object.entries(KEYWORD_ALIASES))
      expect(KEYWORDS.get(alias)).toBe(KEYWORDS.get(name));
    expect(opts('tcp.flags:S;').conditions[0]).toMatchObject({ kind: 'flags', flags: 2 });
  });
  for (const [name, k] of [...KEYWORDS].filter(([n]) => !(n in KEYWORD_ALIASES))) {
    it(`${name}: meta, README row, example parses`, () => {
      expect(k.meta.name).toBe(name);
      expect(k.meta.summary.length).toBeGreaterThan(5);
      expect(k.meta.syntax).toContain(name);
      expect(readme).toContain(`| ${name} | keywords/${name}.ts |`);
      const r = parse(
        `alert tcp any any -> any any (${k.meta.example.includes('sid:') ? '' : 'sid:1; '}${k.meta.example})`,
      );
      const realErrors = r.failure?.issues.filter((i) => !i.message.startsWith('app-layer')) ?? [];
      expect(realErrors).toEqual([]);
    });
  }
});

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

describe('byte_extract / byte_test / byte_jump', () => {
  it('byte_test with operators, negation and options', () => {
    const t = opts('byte_test:2,!&,0x80,6,relative,little;').matches[0] as ByteTestSpec;
    expect(t).toMatchObject({
      bytes: 2,
      negated: true,
      operator: '&',
      value: 128,
      offset: 6,
      relative: true,
      endian: 'little',
    });
    const s = opts('byte_test:4,>=,1000,0,string,dec;').matches[0] as ByteTestSpec;
    expect(s).toMatchObject({ operator: '>=', string: 'dec', endian: 'big' });
    expect((opts('byte_test:1,=,1,0,bitmask 0x0f;').matches[0] as ByteTestSpec).bitmask).toBe(15);
    expect(reason('byte_test:2,~,1,0;')).toMatch(/unknown operator "~"/);
    expect(reason('byte_test:9,=,1,0;')).toMatch(/9 bytes \(1..8/);
    expect(reason('byte_test:2,=,1;')).toMatch(/needs at least/);
    expect((opts('byte_test:1,=,65,214748364;').matches[0] as ByteTestSpec).offset).toBe(214748364);
    expect(reason('byte_test:1,=,65,4294967296;')).toMatch(/out of range/);
    expect(reason('byte_test:2,=,1,0,sideways;')).toMatch(/unknown option "sideways"/);
  });
  it('byte_jump options', () => {
    const j = opts('byte_jump:4,12,relative,multiplier 2,little,align,from_beginning,post_offset -3;')
      .matches[0] as ByteJumpSpec;
    expect(j).toMatchObject({
      bytes: 4,
      offset: 12,
      relative: true,
      multiplier: 2,
      align: true,
      fromBeginning: true,
      postOffset: -3,
    });
    expect(reason('byte_jump:4,0,from_beginning,from_end;')).toMatch(/together/);
  });
  it('byte_extract variables are usable by later keywords and nowhere else', () => {
    const r = opts(
      'byte_extract:2,0,len,relative,little; content:"x"; distance:0; within:len; byte_test:1,>,len,len; isdataat:len,relative;',
    );
    const e = r.matches[0] as ByteExtractSpec;
    expect(e).toMatchObject({ name: 'len', bytes: 2, relative: true, endian: 'little' });
    expect((r.matches[1] as ContentSpec).within).toEqual({ var: 'len' });
    expect((r.matches[2] as ByteTestSpec).value).toEqual({ var: 'len' });
    expect((r.matches[3] as IsdataatSpec).offset).toEqual({ var: 'len' });
    expect(r.byteVars).toEqual(['len']);
    expect(reason('content:"x"; within:len;')).toMatch(
      /"len" is neither a number nor a byte_extract variable/,
    );
    expect(reason('byte_extract:1,0,v; byte_extract:1,0,v;')).toMatch(/defined twice/);
    expect(reason('byte_extract:1,0,1bad;')).toMatch(/not a variable name/);
  });
});

describe('isdataat, bsize, dsize and numeric header keywords', () => {
  it('isdataat', () => {
    expect(opts('isdataat:!10,relative;').matches[0]).toMatchObject({
      negated: true,
      offset: 10,
      relative: true,
    });
    expect(reason('isdataat:5,sideways;')).toMatch(/unknown option/);
  });
  it('bsize on the payload uses the range grammar', () => {
    expect(opts('bsize:10<>20;').matches[0]).toMatchObject({
      kind: 'bsize',
      range: { op: 'range', value: 10, max: 20 },
    });
  });
  const numeric: [string, string, object][] = [
    ['dsize', '>100', { op: 'gt', value: 100 }],
    ['ttl', '<5', { op: 'lt', value: 5 }],
    ['tos', '!0x10', { op: 'ne', value: 16 }],
    ['id', '31337', { op: 'eq', value: 31337 }],
    ['ip_proto', 'igmp', { op: 'eq', value: 2 }],
    ['ip_proto', '!tcp', { op: 'ne', value: 6 }],
    ['itype', '3<>6', { op: 'range', value: 3, max: 6 }],
    ['icode', '>=2', { op: 'ge', value: 2 }],
    ['icmp_id', '0', { op: 'eq', value: 0 }],
    ['icmp_seq', '<=9', { op: 'le', value: 9 }],
    ['seq', '4294967295', { op: 'eq', value: 4294967295 }],
    ['ack', '0', { op: 'eq', value: 0 }],
    ['window', '!55808', { op: 'ne', value: 55808 }],
  ];
  for (const [kw, v, want] of numeric) {
    it(`${kw}:${v}`, () => {
      const c = opts(`${kw}:${v};`).conditions[0] as RangeCondition;
      expect(c.kind).toBe(kw);
      expect(c.range).toMatchObject(want);
    });
  }
  it('bounds per keyword', () => {
    expect(reason('ttl:256;')).toMatch(/ttl: 256 is out of range 0..255/);
    expect(reason('window:70000;')).toMatch(/out of range/);
    expect(reason('dsize:>1; dsize:<5;')).toMatch(/appears more than once/);
  });
});

describe('flags, sameip, flow', () => {
  it('flags with modifiers and mask', () => {
    const f = (o: string): FlagsSpec => opts(o).conditions[0] as FlagsSpec;
    expect(f('flags:SA;')).toEqual({ kind: 'flags', modifier: 'exact', flags: 0x12, ignore: 0 });
    expect(f('flags:S,CE;')).toEqual({ kind: 'flags', modifier: 'exact', flags: 0x02, ignore: 0xc0 });
    expect(f('flags:+S;').modifier).toBe('+');
    expect(f('flags:*SA;').modifier).toBe('*');
    expect(f('flags:!R;')).toMatchObject({ modifier: '!', flags: 0x04 });
    expect(f('flags:S+;').modifier).toBe('+');
    expect(f('flags:0;').flags).toBe(0);
    expect(f('flags:12;').flags).toBe(0xc0);
    expect(reason('flags:SX;')).toMatch(/unknown flag "X"/);
    expect(reason('flags:+*S;')).toMatch(/more than one modifier/);
    expect(reason('flags:S0;')).toMatch(/cannot be combined/);
  });
  it('sameip', () => {
    expect(opts('sameip;').conditions).toEqual([{ kind: 'sameip' }]);
    expect(reason('sameip:1;')).toMatch(/takes no value/);
  });
  it('flow', () => {
    expect(opts('flow:established,to_server;').flow).toMatchObject({
      established: true,
      direction: 'server',
    });
    expect(opts('flow:from_server,only_stream;').flow).toMatchObject({
      direction: 'client',
      onlyStream: true,
    });
    expect(opts('flow:stateless,no_stream;').flow).toMatchObject({ stateless: true, noStream: true });
    expect(opts('flow:not_established;').flow?.notEstablished).toBe(true);
    expect(reason('flow:to_server,to_client;')).toMatch(/contradicts/);
    expect(reason('flow:established,not_established;')).toMatch(/together/);
    expect(reason('flow:sideways;')).toMatch(/unknown option "sideways"/);
  });
});

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
    expect(u('pcre:"/ab\\Z/";')).toMatch(/escape "\\Z"/);
    expect(u('pcre:"/\\Aab/";')).toMatch(/escape "\\A"/);
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

describe('flowbits, threshold, detection_filter', () => {
  it('flowbits commands and groups', () => {
    const r = opts(
      'flowbits:set,a&b; flowbits:isset,c|d; flowbits:noalert; flowbits:toggle,e; flowbits:setx,f,grp;',
    );
    expect(r.flowbits).toEqual([
      { op: 'set', names: ['a', 'b'], combine: 'all', group: undefined },
      { op: 'isset', names: ['c', 'd'], combine: 'any', group: undefined },
      { op: 'noalert', names: [], combine: 'all', group: undefined },
      { op: 'toggle', names: ['e'], combine: 'all', group: undefined },
      { op: 'setx', names: ['f'], combine: 'all', group: 'grp' },
    ]);
    expect(r.noalert).toBe(true);
    expect(reason('flowbits:set,a|b;')).toMatch(/only allowed with isset/);
    expect(reason('flowbits:frob,a;')).toMatch(/unknown command "frob"/);
    expect(reason('flowbits:isset;')).toMatch(/needs a name/);
    expect(reason('flowbits:isset,a|b&c;')).toMatch(/mixes/);
  });
  it('threshold and detection_filter', () => {
    const r = opts(
      'threshold: type limit, track by_src, seconds 3600, count 1; detection_filter:track by_dst, count 5, seconds 60;',
    );
    expect(r.threshold).toEqual({ type: 'limit', track: 'by_src', count: 1, seconds: 3600 });
    expect(r.detectionFilter).toEqual({ track: 'by_dst', count: 5, seconds: 60 });
    expect(reason('threshold:type limit, track by_src, count 1;')).toMatch(/missing "seconds"/);
    expect(reason('threshold:type often, track by_src, count 1, seconds 1;')).toMatch(/unknown type "often"/);
    expect(reason('detection_filter:track by_cat, count 1, seconds 1;')).toMatch(/unknown track "by_cat"/);
    expect(reason('detection_filter:type limit, track by_src, count 1, seconds 1;')).toMatch(
      /unknown argument "type"/,
    );
    expect(fails('detection_filter:track by_dst, count 3, seconds 60, unique_on dst_port;').reason).toBe(
      'unsupported: detection_filter unique_on',
    );
  });
});
