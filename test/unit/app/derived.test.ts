// Derived multi-value buffers (src/app/derived.ts): http.request_header / http.response_header
// as Suricata defines them ("Name: Value" per header, each value inspected on its own, request
// headers only on the request side), checked on header blocks and through the verifier.
import { describe, expect, it } from 'vitest';
import { appBufferValues, headerValue, headerValues } from '../../../src/app/derived.js';
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

describe('header value buffers (http.accept, http.content_len, ...)', () => {
  const block = Buffer.from(
    'Accept: */*\r\naccept:  text/html \r\nContent-Length: 12\r\nConnection: close\r\n',
    'latin1',
  );
  it('is the trimmed value of the header, several joined by ", "', () => {
    expect(Buffer.from(headerValue(block, 'accept') ?? []).toString()).toBe('*/*, text/html');
    expect(Buffer.from(headerValue(block, 'content-length') ?? []).toString()).toBe('12');
    expect(headerValue(block, 'accept-language')).toBeUndefined();
  });
  it('request headers exist on the request side only; content_len on both', () => {
    const raw = { 'http.header.raw': block };
    expect(text(appBufferValues(appCandidate(raw), 'http.connection'))).toEqual(['close']);
    expect(appBufferValues(appCandidate(raw, { toServer: false }), 'http.accept')).toEqual([]);
    expect(text(appBufferValues(appCandidate(raw, { toServer: false }), 'http.content_len'))).toEqual(['12']);
    const m = (o: string): boolean =>
      verifier(`alert http any any -> any any (${o} sid:1;)`).verify(appCandidate(raw));
    expect(m('http.accept; content:"*/*, text/html"; bsize:14;')).toBe(true);
    expect(m('http.content_len; content:"12"; startswith; endswith;')).toBe(true);
    expect(m('http.accept_enc; content:"gzip";')).toBe(false);
    const host = appCandidate({
      'http.header.raw': 'Host: WWW.Example.com:8080\r\n',
      'http.host': 'www.example.com',
    });
    const h = (o: string): boolean => verifier(`alert http any any -> any any (${o} sid:1;)`).verify(host);
    expect(h('http.host.raw; content:"WWW.Example.com|3a|8080"; bsize:20;')).toBe(true);
    expect(h('http.host; content:"|3a|8080";')).toBe(false);
  });
});
