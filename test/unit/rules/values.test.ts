import { describe, expect, it } from 'vitest';
import { RuleProblem } from '../../../src/rules/issues.js';
import { addressContains, parseAddress, parseIpv6 } from '../../../src/rules/values/address.js';
import { parseInteger } from '../../../src/rules/values/number.js';
import { parsePorts, portContains } from '../../../src/rules/values/port.js';
import { matchRange, parseRange } from '../../../src/rules/values/range.js';
import { levenshtein, suggest } from '../../../src/rules/values/suggest.js';
import { addressLookup, defaultVars, portLookup } from '../../../src/rules/vars.js';

const vars = defaultVars();
const A = addressLookup(vars);
const P = portLookup(vars);

describe('range grammar', () => {
  const cases: [string, number[], number[]][] = [
    ['5', [5], [4, 6]],
    ['=5', [5], [4]],
    ['<5', [0, 4], [5, 6]],
    ['>5', [6, 100], [5]],
    ['<=5', [5, 0], [6]],
    ['>=5', [5, 9], [4]],
    ['!5', [4, 6], [5]],
    ['1-5', [2, 4], [1, 5, 6]],
    ['1<>5', [2, 4], [1, 5]],
    ['0x10', [16], [10]],
  ];
  for (const [text, yes, no] of cases) {
    it(`${text}`, () => {
      const r = parseRange('ttl', text, 0, 255);
      for (const y of yes) expect(matchRange(r, y), `${y}`).toBe(true);
      for (const n of no) expect(matchRange(r, n), `${n}`).toBe(false);
    });
  }
  it('rejects bad values with the value in the message', () => {
    expect(() => parseRange('ttl', '300', 0, 255)).toThrow(/ttl: 300 is out of range 0..255/);
    expect(() => parseRange('ttl', '5-3', 0, 255)).toThrow(/lower bound/);
    expect(() => parseRange('ttl', 'abc', 0, 255)).toThrow(/"abc" is not an integer/);
    expect(() => parseRange('ttl', '<0', 0, 255)).toThrow(/never match/);
    expect(() => parseRange('ttl', '', 0, 255)).toThrow(RuleProblem);
  });
  it('parseInteger takes hex and bounds', () => {
    expect(parseInteger('x', '0xff', 0, 255)).toBe(255);
    expect(parseInteger('x', '-3', -5, 5)).toBe(-3);
    expect(() => parseInteger('x', '1.5', 0, 5)).toThrow(/not an integer/);
  });
});

describe('addresses', () => {
  it('evaluates the default variables', () => {
    const home = parseAddress('$HOME_NET', A);
    expect(addressContains(home, '10.1.2.3')).toBe(true);
    expect(addressContains(home, '172.20.0.1')).toBe(true);
    expect(addressContains(home, '8.8.8.8')).toBe(false);
    const ext = parseAddress('$EXTERNAL_NET', A);
    expect(addressContains(ext, '8.8.8.8')).toBe(true);
    expect(addressContains(ext, '192.168.1.1')).toBe(false);
    expect(addressContains(ext, '2001:db8::1')).toBe(true);
  });
  it('handles any, CIDR, netmask, ranges, v6 and nested negated lists', () => {
    expect(parseAddress('any', A).any).toBe(true);
    const a = parseAddress('[1.2.3.0/24,![1.2.3.4,1.2.3.5]]', A);
    expect(addressContains(a, '1.2.3.3')).toBe(true);
    expect(addressContains(a, '1.2.3.4')).toBe(false);
    expect(addressContains(a, '1.2.3.5')).toBe(false);
    expect(addressContains(a, '1.2.4.1')).toBe(false);
    const nested = parseAddress('[10.0.0.0/8,![10.1.0.0/16,!10.1.2.3]]', A);
    expect(addressContains(nested, '10.1.2.3')).toBe(true);
    expect(addressContains(nested, '10.1.2.4')).toBe(false);
    expect(addressContains(nested, '10.2.0.1')).toBe(true);
    expect(addressContains(parseAddress('1.2.3.0/255.255.255.0', A), '1.2.3.200')).toBe(true);
    expect(addressContains(parseAddress('1.2.3.4-1.2.3.6', A), '1.2.3.6')).toBe(true);
    expect(addressContains(parseAddress('1.2.3.4-1.2.3.6', A), '1.2.3.7')).toBe(false);
    const v6 = parseAddress('[2001:db8::/32, !2001:db8::1]', A);
    expect(addressContains(v6, '2001:db8::2')).toBe(true);
    expect(addressContains(v6, '2001:db8::1')).toBe(false);
    expect(addressContains(v6, '10.0.0.1')).toBe(false);
    expect(addressContains(parseAddress('!1.2.3.4', A), '1.2.3.5')).toBe(true);
    expect(addressContains(parseAddress('[!1.2.3.4]', A), '9.9.9.9')).toBe(true);
  });
  it('parses IPv6 forms', () => {
    expect(parseIpv6('::1')).toBe(1n);
    expect(parseIpv6('::ffff:1.2.3.4')).toBe(0xffff01020304n);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toBe(0x00010002000300040005000600070008n);
    expect(parseIpv6('1::2::3')).toBeUndefined();
    expect(parseIpv6('12345::')).toBeUndefined();
  });
  it('rejects bad addresses, empty sets and undefined variables', () => {
    expect(() => parseAddress('!any', A)).toThrow(/matches no address/);
    expect(() => parseAddress('[1.2.3.4,!1.2.3.4]', A)).toThrow(/matches no address/);
    expect(() => parseAddress('$NOPE', A)).toThrow(/undefined variable \$NOPE/);
    expect(() => parseAddress('1.2.3.256', A)).toThrow(/not an address/);
    expect(() => parseAddress('1.2.3.0/33', A)).toThrow(/bad prefix length/);
    expect(() => parseAddress('[1.2.3.4', A)).toThrow(/missing "\]"/);
    expect(() => parseAddress('1.2.3.0/255.0.255.0', A)).toThrow(/bad netmask/);
  });
  it('detects variable cycles', () => {
    const loop = (n: string): string | undefined => (n === 'A' ? '$B' : n === 'B' ? '$A' : undefined);
    expect(() => parseAddress('$A', loop)).toThrow(/nests too deeply/);
  });
});

describe('ports', () => {
  it('handles any, ranges, open ranges, lists, negation and variables', () => {
    expect(parsePorts('any', P).any).toBe(true);
    const p = parsePorts('[1024:,!8080,22]', P);
    expect(portContains(p, 22)).toBe(true);
    expect(portContains(p, 2000)).toBe(true);
    expect(portContains(p, 8080)).toBe(false);
    expect(portContains(p, 80)).toBe(false);
    expect(portContains(parsePorts(':1023', P), 0)).toBe(true);
    expect(portContains(parsePorts('$HTTP_PORTS', P), 80)).toBe(true);
    expect(portContains(parsePorts('$FILE_DATA_PORTS', P), 143)).toBe(true);
    expect(portContains(parsePorts('$SHELLCODE_PORTS', P), 80)).toBe(false);
    expect(portContains(parsePorts('![1:100]', P), 50)).toBe(false);
  });
  it('rejects bad ports', () => {
    expect(() => parsePorts('70000', P)).toThrow(/above 65535/);
    expect(() => parsePorts('100:50', P)).toThrow(/reversed/);
    expect(() => parsePorts('!any', P)).toThrow(/matches no port/);
    expect(() => parsePorts('http', P)).toThrow(/not a port/);
  });
});

describe('suggest', () => {
  it('computes Levenshtein distance and suggests close names only', () => {
    expect(levenshtein('contnet', 'content')).toBe(1);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(suggest('contnet', ['content', 'nocase'])).toBe('content');
    expect(suggest('zzzzzz', ['content', 'nocase'])).toBeUndefined();
  });
});
