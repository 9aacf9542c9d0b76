// Derived multi-value buffers (src/app/derived.ts): http.request_header / http.response_header
// as Suricata defines them ("Name: Value" per header, each value inspected on its own, request
// headers only on the request side), checked on header blocks and through the verifier.
import { describe, expect, it } from 'vitest';
import { appBufferValues, headerValues } from '../../../src/app/derived.js';
import { appCandidate, verifier } from '../rules/keywords/app-candidate.js';

const text = (bs: Uint8Array[]): string[] => bs.map((b) => Buffer.from(b).toString('latin1'));

describe('http.request_header / http.response_header', () => {
  it('cuts one "Name: Value" per header line, trimmed, folded lines joined', () => {
    const block = Buffer.from(
      'Host:example.com\r\nUser-Agent:  curl/8 \r\nX-Long: a\r\n  b\r\n\tc\r\nno colon here\r\nConnection: close\n',
      'latin1',
    );
    expect(text(headerValues(block))).toEqual([
      'Host: example.com',
      'User-Agent: curl/8',
      'X-Long: a b c',
      'Connection: close',
    ]);
    expect(headerValues(new Uint8Array(0))).toEqual([]);
  });
  it('exists on its own side only', () => {
    const raw = { 'http.header.raw': 'Connection: close\r\nDate: today\r\n' };
    expect(text(appBufferValues(appCandidate(raw), 'http.request_header'))).toEqual([
      'Connection: close',
      'Date: today',
    ]);
    expect(appBufferValues(appCandidate(raw), 'http.response_header')).toEqual([]);
    expect(appBufferValues(appCandidate(raw, { toServer: false }), 'http.response_header')).toHaveLength(2);
  });
  it('matches when every keyword of the buffer holds in one header', () => {
    const c = appCandidate({ 'http.header.raw': 'Host: a.example\r\nAccept: */*\r\n' });
    const m = (o: string): boolean => verifier(`alert http any any -> any any (${o} sid:1;)`).verify(c);
    expect(m('http.request_header; content:"Host|3a 20|"; startswith; content:"a.example"; endswith;')).toBe(
      true,
    );
    // "Host: " and "*/*" are both in the block but never in one header
    expect(m('http.request_header; content:"Host|3a 20|"; content:"*/*";')).toBe(false);
    expect(m('http.request_header; content:"Accept|3a 20|*/*"; bsize:11;')).toBe(true);
    expect(m('http.response_header; content:"Host";')).toBe(false);
  });
});
