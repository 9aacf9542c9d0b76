/** Tests of flags: typed specs from good values, located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import type { FlagsSpec } from '../../../../src/rules/types.js';
import { opts, reason } from '../helpers.js';

describe('flags', () => {
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
});
