/** Tests of byte_test: typed specs from good values, located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import type { ByteTestSpec } from '../../../../src/rules/types.js';
import { opts, reason } from '../helpers.js';

describe('byte_test', () => {
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
});
