// DNS parser (assembly/app/dns.ts): a query and its response as dig/BIND send them (compressed
// names), DNS over TCP framing, and hostile names: pointer loops, forward pointers, truncation,
// reserved label types, names over 255 bytes.
import { describe, expect, it } from 'vitest';
import * as L from '../../../src/wasm/layout.js';
import { AppParser, hex } from './harness.js';

// dig www.example.com A (id 0x1f2e, RD, EDNS OPT in additional)
const QUERY = hex(
  '1f2e 0120 0001 0000 0000 0001' +
    '03 777777 07 6578616d706c65 03 636f6d 00 0001 0001' +
    '00 0029 1000 0000 0000 0000',
);
// response: CNAME www.example.com -> example.com, A 93.184.216.34, AAAA 2606:2800:220:1::248
const RESPONSE = hex(
  '1f2e 8180 0001 0003 0000 0000' +
    '03 777777 07 6578616d706c65 03 636f6d 00 0001 0001' +
    'c00c 0005 0001 00000e10 0002 c010' +
    'c010 0001 0001 00000e10 0004 5db8d822' +
    'c010 001c 0001 00000e10 0010 26062800022000010000000000000248',
);

describe('dns parser', () => {
  it('parses a query', () => {
    const p = new AppParser();
    expect(p.dns(0, QUERY)).toBe(true);
    expect(p.buffer('dns.query')).toBe('www.example.com');
    const [ev] = p.events();
    expect(ev?.dns).toMatchObject({ id: 0x1f2e, qr: false, rrname: 'www.example.com', rrtype: 1, opcode: 0 });
  });

  it('parses a response with compressed names', () => {
    const p = new AppParser();
    p.dns(1, RESPONSE);
    const [ev] = p.events();
    expect(ev?.dns?.rcode).toBe(0);
    expect(ev?.dns?.answers).toEqual([
      { rrname: 'www.example.com', rrtype: 5, rrclass: 1, ttl: 3600, rdata: 'example.com' },
      { rrname: 'example.com', rrtype: 1, rrclass: 1, ttl: 3600, rdata: '93.184.216.34' },
      { rrname: 'example.com', rrtype: 28, rrclass: 1, ttl: 3600, rdata: '2606:2800:220:1::248' },
    ]);
  });

  it('frames DNS over TCP with a length prefix, split anywhere', () => {
    for (const size of [1, 3, 1000]) {
      const p = new AppParser();
      const q = Buffer.concat([Buffer.from([0, QUERY.length]), QUERY]);
      const r = Buffer.concat([Buffer.from([0, RESPONSE.length]), RESPONSE]);
      p.streamChunked(0, q, size).streamChunked(1, r, size);
      expect(p.appProto).toBe(L.APP_PROTO_DNS);
      expect(p.events().map((e) => [e.dns?.qr, e.dns?.rrname, e.dns?.answers.length])).toEqual([
        [false, 'www.example.com', 0],
        [true, 'www.example.com', 3],
      ]);
    }
  });

  it('stops at a compression pointer loop', () => {
    const p = new AppParser();
    // question name = pointer to itself (offset 12)
    expect(p.dns(0, hex('0001 0100 0001 0000 0000 0000 c00c 0001 0001'))).toBe(false);
    // two labels pointing at each other: 12 -> 14 -> 12 (forward pointer refused)
    expect(p.dns(0, hex('0002 0100 0001 0000 0000 0000 c00e c00c 0001 0001'))).toBe(false);
    expect(p.anomaly('dns.name_loop')).toBe(2);
  });

  it('follows at most 16 pointers', () => {
    // a chain of 20 backward pointers: each name at the next offset points to the previous one
    const parts = ['0003 8180 0001 0014 0000 0000', '01 61 00 0001 0001'];
    let prev = 12;
    let off = 12 + 7;
    for (let i = 0; i < 20; i++) {
      parts.push(`${(0xc000 | prev).toString(16)} 0005 0001 00000001 0002 ${(0xc000 | prev).toString(16)}`);
      prev = off;
      off += 14;
    }
    const p = new AppParser();
    p.dns(1, hex(parts.join('')));
    expect(p.anomaly('dns.name_loop')).toBeGreaterThan(0);
  });

  it('truncated, bad labels and long names are anomalies', () => {
    const p = new AppParser();
    expect(p.dns(0, hex('0001 0100 0001'))).toBe(false);
    expect(p.dns(0, hex('0001 0100 0001 0000 0000 0000 05 6162'))).toBe(false);
    expect(p.dns(0, hex('0001 0100 0001 0000 0000 0000 40 61 00 0001 0001'))).toBe(false);
    const long = Array.from({ length: 5 }, () => '3f' + '61'.repeat(63)).join('') + '00 0001 0001';
    expect(p.dns(0, hex('0001 0100 0001 0000 0000 0000' + long))).toBe(false);
    expect(p.anomalies()).toMatchObject({
      'dns.truncated': 2,
      'dns.bad_label': 1,
      'dns.name_too_long': 1,
    });
  });
});
