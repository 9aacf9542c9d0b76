/** Tests of bsize: typed specs from good values, located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import { opts } from '../helpers.js';

describe('bsize', () => {
  it('bsize on the payload uses the range grammar', () => {
    expect(opts('bsize:10<>20;').matches[0]).toMatchObject({
      kind: 'bsize',
      range: { op: 'range', value: 10, max: 20 },
    });
  });
});
