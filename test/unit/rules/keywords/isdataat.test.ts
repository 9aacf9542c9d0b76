/** Tests of isdataat: typed specs from good values, located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import { opts, reason } from '../helpers.js';

describe('isdataat', () => {
  it('isdataat', () => {
    expect(opts('isdataat:!10,relative;').matches[0]).toMatchObject({
      negated: true,
      offset: 10,
      relative: true,
    });
    expect(reason('isdataat:5,sideways;')).toMatch(/unknown option/);
  });
});
