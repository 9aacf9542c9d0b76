/**
 * base64_decode / base64_data: parse forms, RFC 4648 decoding checked against Node's decoder,
 * and evaluation: the decoded bytes are the base64_data buffer of the keywords after it, from the
 * buffer of the previous content (Suricata detect-base64-decode.c).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase64 } from '../../../../src/alerts/verify.js';
import { appFastPattern } from '../../../../src/rules/compile/ruleset.js';
import type { Rule } from '../../../../src/rules/types.js';
import { fails, parse } from '../helpers.js';
import { appCandidate, verifier } from './app-candidate.js';

const b64 = (s: string): string => Buffer.from(s, 'latin1').toString('base64');

describe('base64_decode / base64_data', () => {
  it('parses bytes, offset, relative; attaches to the buffer of the previous content', () => {
    const r = parse(
      'alert http any any -> any any (content:"d="; http_client_body; base64_decode:bytes 300, offset 2, relative; base64_data; content:"x"; sid:1;)',
    ).rule;
    expect(r?.matches[1]).toEqual({
      kind: 'base64_decode',
      bytes: 300,
      offset: 2,
      relative: true,
      buffer: 'http.request_body',
    });
    expect(r?.matches[2]).toMatchObject({ kind: 'content', buffer: 'base64_data' });
    expect(r?.buffers).toEqual(['http.request_body']);
    expect(
      parse('alert tcp any any -> any any (base64_decode; base64_data; content:"x"; sid:1;)').rule?.buffers,
    ).toEqual([]);
    expect(fails('base64_decode:bytes x;').issues[0]?.message).toBe('base64_decode: "x" is not an integer');
    expect(fails('base64_decode:length 3;').issues[0]?.message).toBe(
      'base64_decode: "length 3" is not bytes N, offset N or relative',
    );
  });
  it('decodes as Node does, up to the first byte outside the alphabet', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 90 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
        expect(Buffer.from(decodeBase64(Buffer.from(text)))).toEqual(Buffer.from(bytes));
      }),
    );
    expect(Buffer.from(decodeBase64(Buffer.from(`${b64('abc')}!${b64('zzz')}`))).toString()).toBe('abc');
  });
  it('base64_data holds what decoded; the fast pattern is never in it', () => {
    const text =
      'alert http any any -> any any (http.request_body; content:"data="; base64_decode:offset 0, relative; base64_data; content:"<!DOCTYPE"; content:"SYSTEM"; distance:0; sid:1;)';
    const v = verifier(text);
    const body = (s: string) => appCandidate({ 'http.request_body': s });
    expect(v.verify(body(`data=${b64('<!DOCTYPE x SYSTEM "y">')}`))).toBe(true);
    expect(v.verify(body(`data=${b64('<!DOCTYPE x PUBLIC')}`))).toBe(false);
    expect(v.verify(body(`data=!!${b64('<!DOCTYPE x SYSTEM')}`))).toBe(false);
    expect(appFastPattern(parse(text).rule as Rule)?.buffer).toBe(9); // http.request_body
    // on a packet payload (no app layer): the packet is the buffer decoded
    const pkt = verifier(
      'alert tcp any any -> any any (content:"k="; base64_decode:relative; base64_data; content:"evil"; sid:1;)',
    );
    expect(pkt.verify({ ...body(''), appBuffer: undefined, buf: Buffer.from(`k=${b64('so evil')}`) })).toBe(
      true,
    );
  });
});
