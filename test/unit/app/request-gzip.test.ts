// gzip / deflate request bodies (suricata-verify http-post-data-decompression, Suricata 7.0.16+):
// http.request_body is inspected decoded; the body is compressed here by node:zlib, an
// independent implementation of RFC 1951/1952.
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { alertsPerSid, tcpConversation } from './conversation.js';

const RULES = `
  alert http any any -> any any (flow:to_server; content:"name=value"; http_client_body; sid:1;)
  alert http any any -> any any (http.response_body; content:"name"; sid:2;)`;

function post(encoding: string, body: Buffer): Buffer {
  const head = `POST /f HTTP/1.1\r\nHost: h\r\nContent-Encoding: ${encoding}\r\nContent-Length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

describe('compressed request bodies', () => {
  it('are inspected decoded (gzip and deflate)', async () => {
    const plain = Buffer.from('name=value&other=1');
    for (const [enc, body] of [
      ['gzip', gzipSync(plain)],
      ['deflate', deflateSync(plain)],
    ] as const) {
      const conv = tcpConversation([{ toServer: true, data: post(enc, body) }]);
      expect(await alertsPerSid(RULES, conv), enc).toEqual({ 1: 1, 2: 0 });
    }
  });
  it('a body that does not decode stays raw', async () => {
    const conv = tcpConversation([
      { toServer: true, data: post('gzip', Buffer.from('name=value, not gzip')) },
    ]);
    expect(await alertsPerSid(RULES, conv)).toEqual({ 1: 1, 2: 0 });
  });
});
