// HTTP/1.x parser (assembly/app/http.ts) through the standalone module: requests and responses
// as sent by curl / nginx, split at every byte, pipelined, chunked, HEAD, 100-continue, and the
// named buffers rules inspect.
import { describe, expect, it } from 'vitest';
import * as L from '../../../src/wasm/layout.js';
import { AppParser } from './harness.js';

const REQ =
  'GET /index.html?q=1 HTTP/1.1\r\nHost: www.Example.com:8080\r\nUser-Agent: curl/7.88.1\r\n' +
  'Accept: */*\r\nCookie: a=b\r\nReferer: http://ref.example/\r\n\r\n';
const RESP =
  'HTTP/1.1 200 OK\r\nServer: nginx/1.24.0\r\nContent-Type: text/html\r\nContent-Length: 11\r\n' +
  'Set-Cookie: s=1\r\n\r\nhello world';

describe('http parser', () => {
  it('parses a request and its response into one transaction', () => {
    const p = new AppParser();
    p.stream(0, REQ);
    expect(p.appProto).toBe(L.APP_PROTO_HTTP);
    expect(p.buffer('http.method')).toBe('GET');
    expect(p.buffer('http.uri')).toBe('/index.html?q=1');
    expect(p.buffer('http.host')).toBe('www.example.com');
    expect(p.buffer('http.user_agent')).toBe('curl/7.88.1');
    expect(p.buffer('http.cookie')).toBe('a=b');
    expect(p.buffer('http.request_line')).toBe('GET /index.html?q=1 HTTP/1.1');
    expect(p.buffer('http.header_names')).toBe(
      '\r\nHost\r\nUser-Agent\r\nAccept\r\nCookie\r\nReferer\r\n\r\n',
    );
    expect(p.buffer('http.header')).toContain('Accept: */*\r\n');
    expect(p.buffer('http.header')).not.toContain('Cookie');
    expect(p.events()).toHaveLength(0);
    p.stream(1, RESP);
    expect(p.buffer('http.stat_code')).toBe('200');
    expect(p.buffer('http.stat_msg')).toBe('OK');
    expect(p.buffer('http.response_body')).toBe('hello world');
    const [ev, ...rest] = p.events();
    expect(rest).toHaveLength(0);
    expect(ev?.http).toMatchObject({
      method: 'GET',
      url: '/index.html?q=1',
      hostname: 'www.example.com',
      hostPort: 8080,
      protocol: 'HTTP/1.1',
      userAgent: 'curl/7.88.1',
      referer: 'http://ref.example/',
      status: 200,
      contentType: 'text/html',
      server: 'nginx/1.24.0',
      length: 11,
    });
  });

  it('gives the same result when every byte is a separate chunk', () => {
    const p = new AppParser();
    p.streamChunked(0, Buffer.from(REQ), 1).streamChunked(1, Buffer.from(RESP), 1);
    expect(p.events().map((e) => [e.http?.url, e.http?.status, e.http?.length])).toEqual([
      ['/index.html?q=1', 200, 11],
    ]);
  });

  it('decodes chunked bodies split anywhere', () => {
    const body =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n';
    for (const size of [1, 2, 3, 7, 1000]) {
      const p = new AppParser();
      p.stream(0, 'GET / HTTP/1.1\r\nHost: a\r\n\r\n').streamChunked(1, Buffer.from(body), size);
      expect(p.events().map((e) => e.http?.length)).toEqual([11]);
      expect(p.buffer('http.response_body')).toBe('hello world');
    }
  });

  it('pipelined requests pair with their responses in order', () => {
    const p = new AppParser();
    p.stream(0, 'GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n');
    p.stream(
      1,
      'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nAHTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nBB',
    );
    p.end();
    const evs = p.events().map((e) => [e.http?.url ?? null, e.http?.status ?? null]);
    expect(evs).toEqual([
      ['/a', 200],
      ['/b', 404],
    ]);
  });

  it('pairs deep pipelining in order; a fifth waiting request logs the oldest alone', () => {
    const p = new AppParser();
    const reqs = ['/1', '/2', '/3', '/4', '/5'].map((u) => `HEAD ${u} HTTP/1.1\r\nHost: h\r\n\r\n`).join('');
    p.stream(0, reqs);
    p.stream(1, 'HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n'.repeat(2));
    p.end();
    expect(p.events().map((e) => [e.http?.url ?? null, e.http?.status ?? null])).toEqual([
      ['/1', null],
      ['/2', null],
      ['/3', 200],
      ['/4', 200],
      ['/5', null],
    ]);
  });

  it('HEAD responses have no body; 100-continue is skipped', () => {
    const p = new AppParser();
    p.stream(0, 'HEAD / HTTP/1.1\r\nHost: h\r\n\r\n');
    p.stream(1, 'HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n');
    p.stream(0, 'POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\nabc');
    expect(p.buffer('http.request_body')).toBe('abc');
    p.stream(1, 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n');
    expect(p.events().map((e) => [e.http?.method, e.http?.status, e.http?.requestBodyLength])).toEqual([
      ['HEAD', 200, 0],
      ['POST', 201, 3],
    ]);
  });

  it('normalises http.uri and keeps http.uri.raw', () => {
    const p = new AppParser();
    p.stream(0, 'GET http://h.example/a/./b/../c%41%2e/d?x=%41 HTTP/1.0\r\n\r\n');
    expect(p.buffer('http.uri.raw')).toBe('http://h.example/a/./b/../c%41%2e/d?x=%41');
    expect(p.buffer('http.uri')).toBe('/a/cA./d?x=%41');
    const q = new AppParser();
    q.stream(0, 'GET /../../etc/passwd HTTP/1.1\r\n\r\n');
    expect(q.buffer('http.uri')).toBe('/etc/passwd');
  });

  it('a chunked body with a bad size line is read as it is, from its first byte, until the flow ends', () => {
    // http-evader-074: `Transfer-Encoding: \rchunked` and an unchunked body; libhtp falls back to
    // identity, so the body starts with the first byte that is not a chunk size
    const p = new AppParser();
    p.stream(0, 'GET /e HTTP/1.1\r\nHost: h\r\n\r\n');
    p.stream(
      1,
      'HTTP/1.1 200 ok\r\nTransfer-Encoding: \rchunked\r\nConnection: close\r\n\r\nX5O!P%@AP[4\\PZX54',
    );
    p.end();
    expect(p.buffer('http.response_body')).toBe('X5O!P%@AP[4\\PZX54');
    expect(p.anomaly('http.bad_chunk_size')).toBe(1);
  });

  it('reads a response without length until the flow ends', () => {
    const p = new AppParser();
    p.stream(0, 'GET / HTTP/1.0\r\n\r\n').stream(1, 'HTTP/1.0 200 OK\r\n\r\nsome ').stream(1, 'bytes');
    expect(p.events()).toHaveLength(0);
    p.end();
    expect(p.events().map((e) => e.http?.length)).toEqual([10]);
  });

  it('malformed start lines are anomalies, not crashes', () => {
    const p = new AppParser();
    p.stream(0, 'GET /x\x01y HTTP/9\r\n\r\n').stream(1, 'HTTP/1.1 2x0 Bad\r\nContent-Length: zz\r\n\r\n');
    p.end();
    expect(p.anomaly('http.bad_status_line')).toBe(1);
    expect(p.anomaly('http.bad_content_length')).toBe(1);
  });

  it('does not take non-HTTP streams', () => {
    const p = new AppParser();
    const kex = '\x00\x00\x05\xdc\x06\x14'.padEnd(80, '\x00');
    p.stream(0, 'NICK netsift\r\n').stream(1, ':irc.example NOTICE * :hello\r\n');
    expect(p.appProto).toBe(L.APP_PROTO_NONE); // fewer than 64 bytes: undecided
    p.stream(0, kex).stream(1, kex);
    expect(p.appProto).toBe(L.APP_PROTO_FAILED);
    expect(p.events()).toHaveLength(0);
  });
});

describe('http gzip bodies', () => {
  it('file.data sees the inflated prefix of gzip and deflate bodies', async () => {
    const { gzipSync, deflateSync, deflateRawSync } = await import('node:zlib');
    const text = Buffer.from('<html>' + 'netsift inflates bodies; '.repeat(200) + '</html>');
    for (const [enc, body] of [
      ['gzip', gzipSync(text)],
      ['deflate', deflateSync(text)],
      ['deflate', deflateRawSync(text.subarray(0, 3000), { level: 0 })], // stored block
    ] as const) {
      const p = new AppParser();
      p.stream(0, 'GET / HTTP/1.1\r\nHost: h\r\n\r\n');
      p.stream(1, `HTTP/1.1 200 OK\r\nContent-Encoding: ${enc}\r\nContent-Length: ${body.length}\r\n\r\n`);
      p.stream(1, body);
      const want = body.length < 4000 && body[0] !== 0x1f && body[0] !== 0x78 ? text.subarray(0, 3000) : text;
      expect(p.buffer('http.response_body'), enc).toBe(want.toString('latin1'));
      expect(p.anomaly('http.gzip_not_decoded')).toBe(0);
    }
  });

  it('a corrupt or truncated gzip body is counted, never a trap', async () => {
    const { gzipSync } = await import('node:zlib');
    const body = gzipSync(Buffer.alloc(100000, 0x61));
    const p = new AppParser();
    p.stream(0, 'GET / HTTP/1.1\r\n\r\n');
    p.stream(1, `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 20\r\n\r\n`);
    p.stream(1, body.subarray(0, 20));
    expect((p.buffer('http.response_body') ?? '').length).toBeGreaterThanOrEqual(0);
    const q = new AppParser();
    q.stream(0, 'GET / HTTP/1.1\r\n\r\n');
    q.stream(1, `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 12\r\n\r\n`);
    q.stream(1, Buffer.from('1f8b0800000000000003ffff', 'hex'));
    expect(q.anomaly('http.gzip_not_decoded')).toBe(1);
  });
});

describe('http upgrade', () => {
  it('a 101 response ends HTTP/1 parsing (h2c, websocket)', () => {
    const p = new AppParser();
    p.stream(
      0,
      'GET /robots.txt HTTP/1.1\r\nHost: h\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\n\r\n',
    );
    p.stream(1, 'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n');
    p.stream(1, Buffer.from('000006040000000000000300000064', 'hex'));
    p.stream(0, 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
    p.end();
    expect(p.events().map((e) => [e.http?.url, e.http?.status])).toEqual([['/robots.txt', 101]]);
    expect(p.anomalies()).toEqual({});
  });
});
