/** Tests of asn1: typed specs (ET Open's spellings), located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import { opts, reason } from '../helpers.js';

describe('asn1', () => {
  it('options as ET Open writes them (commas or spaces), max_frames 30 by default', () => {
    expect(
      opts('asn1:double_overflow, bitstring_overflow, relative_offset 27, oversize_length 2048;').matches[0],
    ).toMatchObject({
      kind: 'asn1',
      doubleOverflow: true,
      bitstringOverflow: true,
      relativeOffset: 27,
      oversizeLength: 2048,
      maxFrames: 30,
    });
    expect(opts('asn1:oversize_length 1024,relative_offset -1;').matches[0]).toMatchObject({
      oversizeLength: 1024,
      relativeOffset: -1,
      bitstringOverflow: false,
    });
  });

  it('reports what it cannot read', () => {
    expect(reason('asn1:frobnicate;')).toMatch(/unknown option "frobnicate"/);
    expect(reason('asn1:oversize_length;')).toMatch(/oversize_length needs a number/);
    expect(reason('asn1:absolute_offset 0;')).toMatch(
      /needs bitstring_overflow, double_overflow or oversize_length/,
    );
    expect(reason('asn1:bitstring_overflow, absolute_offset 1, relative_offset 2;')).toMatch(
      /exclude each other/,
    );
  });
});
