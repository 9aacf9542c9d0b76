/** Tests of byte_extract: typed specs from good values, located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import type {
  ByteExtractSpec,
  ByteTestSpec,
  ContentSpec,
  IsdataatSpec,
} from '../../../../src/rules/types.js';
import { opts, reason } from '../helpers.js';

describe('byte_extract', () => {
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
