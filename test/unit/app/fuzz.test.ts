// Hostile input for the app-layer parsers: random and mutated bytes in both directions, looping
// and truncated DNS names, huge headers, endless chunked bodies, malformed TLS lengths. The
// invariants: no trap, WASM memory never grows after init (every buffer is preallocated), the
// named buffers stay inside linear memory, anomalies are counted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppParser, hex } from './harness.js';

const QUERY = hex('1f2e 0120 0001 0000 0000 0000 03 777777 07 6578616d706c65 03 636f6d 00 0001 0001');
const RESPONSE = hex(
  '1f2e 8180 0001 0002 0000 0000 03 777777 07 6578616d706c65 03 636f6d 00 0001 0001' +
    'c00c 0005 0001 00000e10 0002 c010 c010 0001 0001 00000e10 0004 5db8d822',
);
// a ClientHello with SNI, groups, point formats, ALPN, signature algorithms, supported_versions
const CLIENT_HELLO = hex(
  '16 0301 0079 01 000075 0303' +
    '00'.repeat(32) +
    '00 0006 1301 c02b 0a0a 01 00 0046' +
    '0000 0010 000e 00 000b 6578616d706c652e636f6d' +
    '000a 0006 0004 001d 0017 000b 0002 0100' +
    '0010 000b 0009 02 6832 08 687474702f312e31' +
    '000d 0006 0004 0403 0804 002b 0003 02 0304',
);
const HTTP = Buffer.from('GET /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc');
const HTTP_RESP = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n');

function mutate(base: Uint8Array, edits: [number, number][], cut: number): Uint8Array {
  const b = Buffer.from(base);
  for (const [pos, v] of edits) b[pos % b.length] = v;
  return b.subarray(0, Math.max(1, cut % (b.length + 1)));
}

describe('app parsers under hostile input', () => {
  const p = new AppParser();
  const mem0 = p.ex.memory.buffer.byteLength;

  it('random chunks in both directions never trap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.uint8Array({ maxLength: 300 })), {
          maxLength: 20,
        }),
        (chunks) => {
          for (const [d, b] of chunks) if (b.length) p.stream(d as 0 | 1, b);
          p.end();
          p.ex.clearRecords();
        },
      ),
      { numRuns: 400 },
    );
    expect(p.ex.memory.buffer.byteLength).toBe(mem0);
  });

  it('mutated HTTP, DNS and TLS never trap', () => {
    const edits = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 });
    fc.assert(
      fc.property(edits, fc.nat(), fc.integer({ min: 1, max: 64 }), (e, cut, size) => {
        p.streamChunked(0, mutate(CLIENT_HELLO, e, cut + CLIENT_HELLO.length), size).end();
        p.streamChunked(0, mutate(HTTP, e, cut + HTTP.length), size);
        p.streamChunked(1, mutate(HTTP_RESP, e, cut), size).end();
        p.dns(0, mutate(QUERY, e, cut));
        p.dns(1, mutate(RESPONSE, e, cut + RESPONSE.length));
        p.ex.clearRecords();
      }),
      { numRuns: 500 },
    );
    expect(p.ex.memory.buffer.byteLength).toBe(mem0);
  });

  it('DNS names that loop, point forward or run off the end', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 80 }), (tail) => {
        // a header promising many questions and answers, then arbitrary label / pointer bytes
        const msg = Buffer.concat([hex('0001 8180 0004 0010 0000 0000'), Buffer.from(tail)]);
        p.dns(1, msg);
      }),
      { numRuns: 1000 },
    );
    const a = p.anomalies();
    expect((a['dns.truncated'] ?? 0) + (a['dns.name_loop'] ?? 0) + (a['dns.bad_label'] ?? 0)).toBeGreaterThan(
      0,
    );
    p.ex.clearRecords();
  });

  it('a 4 MiB header block is cut at the cap and counted', () => {
    const q = new AppParser();
    q.stream(0, 'GET / HTTP/1.1\r\nX-Pad: ');
    const pad = Buffer.alloc(64 << 10, 0x41);
    for (let i = 0; i < 64; i++) q.stream(0, pad);
    q.stream(0, '\r\n\r\n').stream(1, 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n').end();
    expect(q.anomaly('http.header_too_long')).toBe(1);
    expect(q.events().map((e) => e.http?.status)).toEqual([200]);
    expect(q.ex.memory.buffer.byteLength).toBe(mem0);
  });

  it('an endless chunked body keeps HTTP_BODY_LIMIT bytes and counts the rest', () => {
    const q = new AppParser();
    q.stream(0, 'GET / HTTP/1.1\r\nHost: h\r\n\r\n').stream(
      1,
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    const chunk = Buffer.from('10\r\n0123456789abcdef\r\n'.repeat(4096));
    for (let i = 0; i < 32; i++) q.stream(1, chunk);
    expect(q.events()).toHaveLength(0);
    expect(q.buffer('http.response_body')).toBeUndefined();
    q.end();
    const [ev] = q.events();
    expect(ev?.http?.length).toBe(32 * 4096 * 16);
    // a chunk size that never ends is a bad chunk size, not a hang
    const r = new AppParser();
    r.stream(0, 'GET / HTTP/1.1\r\n\r\n').stream(1, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
    r.stream(1, Buffer.alloc(100000, 0x66)).end();
    expect(r.anomaly('http.bad_chunk_size')).toBe(1);
  });

  it('random and mutated gzip bodies never trap the inflater', async () => {
    const { gzipSync } = await import('node:zlib');
    const good = gzipSync(Buffer.from('abc'.repeat(3000)));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 4096 }),
          fc
            .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 16 })
            .map((e) => mutate(good, e, good.length)),
        ),
        (body) => {
          const q = new AppParser();
          q.stream(0, 'GET / HTTP/1.1\r\n\r\n');
          q.stream(1, `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\n\r\n`);
          if (body.length) q.stream(1, body);
          q.end();
          expect(q.ex.memory.buffer.byteLength).toBe(mem0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('TLS records with every length value', () => {
    const q = new AppParser();
    for (let len = 0; len < 0x10000; len += 257) {
      const rec = Buffer.from(CLIENT_HELLO);
      rec.writeUInt16BE(len, 3);
      rec.writeUIntBE(len, 6, 3);
      q.stream(0, rec).end();
    }
    expect(q.anomaly('tls.bad_record_len')).toBe(0); // too long for a record: not detected as TLS
    expect(q.ex.memory.buffer.byteLength).toBe(mem0);
  });
});
