// Filled-but-empty buffers vs buffers that are not there (suricata-verify detect-bsize-0):
// Suricata inspects an empty header value as an empty buffer (bsize:0 and a negated content
// match), while a header that is absent, or a body that was not sent, is no buffer (nothing
// matches, a negated content neither).
import { describe, expect, it } from 'vitest';
import { alertsPerSid, tcpConversation } from './conversation.js';

const RULES = `
  alert http any any -> any any (http.user_agent; bsize:0; sid:1;)
  alert http any any -> any any (http.user_agent; content:!"u"; sid:2;)
  alert http any any -> any any (http.request_body; bsize:0; sid:3;)
  alert http any any -> any any (http.request_body; content:!"x"; sid:4;)`;

const request = (headers: string): string => `GET / HTTP/1.1\r\nHost: localhost\r\n${headers}\r\n`;

describe('empty buffers', () => {
  it('an empty header value is an empty buffer', async () => {
    const conv = tcpConversation([{ toServer: true, data: request('User-Agent:\r\n') }]);
    expect(await alertsPerSid(RULES, conv)).toEqual({ 1: 1, 2: 1, 3: 0, 4: 0 });
  });
  it('an absent header or body is no buffer', async () => {
    const conv = tcpConversation([{ toServer: true, data: request('') }]);
    expect(await alertsPerSid(RULES, conv)).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0 });
  });
  it('a body is a buffer', async () => {
    const post = 'POST / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: ua\r\nContent-Length: 3\r\n\r\nabc';
    expect(await alertsPerSid(RULES, tcpConversation([{ toServer: true, data: post }]))).toEqual({
      1: 0,
      2: 0,
      3: 0,
      4: 1,
    });
  });
});
