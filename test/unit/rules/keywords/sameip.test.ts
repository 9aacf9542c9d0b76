/** Tests of sameip: typed specs from good values, located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import { opts, reason } from '../helpers.js';

describe('sameip', () => {
  it('sameip', () => {
    expect(opts('sameip;').conditions).toEqual([{ kind: 'sameip' }]);
    expect(reason('sameip:1;')).toMatch(/takes no value/);
  });
});
