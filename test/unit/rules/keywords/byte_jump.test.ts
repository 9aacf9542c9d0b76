/** Tests of byte_jump: typed specs from good values, located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import type { ByteJumpSpec } from '../../../../src/rules/types.js';
import { opts, reason } from '../helpers.js';

describe('byte_jump', () => {
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
});
