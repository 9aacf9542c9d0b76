/** Tests of numeric header keywords (dsize ttl tos id ip_proto itype icode icmp_id icmp_seq seq ack window): typed specs from good values, located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import type { RangeCondition } from '../../../../src/rules/types.js';
import { opts, reason } from '../helpers.js';

describe('numeric header keywords', () => {
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
