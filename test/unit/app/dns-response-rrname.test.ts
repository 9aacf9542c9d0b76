// dns.response.rrname (Suricata 8, detect-dns-response.c) end to end: a hand-built query and
// response over UDP, rules on the buffer. Its values are the response's question names, then for
// each answer, authority and additional record the owner name and, when the rdata is a name
// (CNAME, NS, PTR, MX, SOA), that name; each value is inspected on its own; a section's values
// end at its first record with the root (empty) owner name; queries have no such buffer. Also
// the multi-buffer rule of dns.query and dns.response.rrname alike: a value is inspected even
// when the rule's fast pattern was in an earlier value that failed the rule.
import { describe, expect, it } from 'vitest';
import { alertsPerSid, udpExchange } from './conversation.js';

const name = (n: string): number[] =>
  n === '' ? [0] : [...n.split('.').flatMap((l) => [l.length, ...Buffer.from(l)]), 0];
const u16 = (v: number): number[] => [v >> 8, v & 0xff];
const rr = (owner: string, type: number, rdata: number[]): number[] => [
  ...name(owner),
  ...u16(type),
  ...u16(1),
  0,
  0,
  0x0e,
  0x10,
  ...u16(rdata.length),
  ...rdata,
];

const QUESTION = [...name('www.example.com'), ...u16(1), ...u16(1)];
const QUERY = Uint8Array.from([
  0x12,
  0x34,
  0x01,
  0x00,
  ...u16(1),
  ...u16(0),
  ...u16(0),
  ...u16(1),
  ...QUESTION,
  ...rr('', 41, []),
]);
// answer CNAME www.example.com → cdn.example.net and A cdn.example.net; authority NS example.com →
// ns1.example.org; additionals: an EDNS OPT record (root owner), then A hidden.example.com
const RESPONSE = Uint8Array.from([
  0x12,
  0x34,
  0x81,
  0x80,
  ...u16(1),
  ...u16(2),
  ...u16(1),
  ...u16(2),
  ...QUESTION,
  ...rr('www.example.com', 5, name('cdn.example.net')),
  ...rr('cdn.example.net', 1, [192, 0, 2, 7]),
  ...rr('example.com', 2, name('ns1.example.org')),
  ...rr('', 41, []),
  ...rr('hidden.example.com', 1, [192, 0, 2, 8]),
]);
// the same with the additionals the other way round: the A record comes before the OPT record
const RESPONSE_GLUE_FIRST = Uint8Array.from([
  ...RESPONSE.subarray(
    0,
    RESPONSE.length - rr('', 41, []).length - rr('hidden.example.com', 1, [192, 0, 2, 8]).length,
  ),
  ...rr('hidden.example.com', 1, [192, 0, 2, 8]),
  ...rr('', 41, []),
]);

const RULES = `
  alert dns any any -> any any (msg:"answer rdata"; dns.response.rrname; content:"cdn.example.net"; startswith; endswith; sid:1;)
  alert dns any any -> any any (msg:"authority rdata"; dns.response.rrname; content:"ns1.example.org"; sid:2;)
  alert dns any any -> any any (msg:"question name"; dns.response.rrname; content:"www.example.com"; startswith; endswith; sid:3;)
  alert dns any any -> any any (msg:"after the OPT record"; dns.response.rrname; content:"hidden.example.com"; sid:4;)
  alert dns any any -> any any (msg:"authority owner"; dns.response.rrname; content:"example.com"; startswith; endswith; sid:5;)
  alert dns any any -> any any (msg:"not a query name"; dns.query; content:"cdn.example.net"; sid:6;)
  alert dns any any -> any any (msg:"two values in one"; dns.response.rrname; content:"www.example.comcdn"; sid:7;)`;

describe('dns.response.rrname', () => {
  it('inspects each question, owner and rdata name of a response, not of the query', async () => {
    const records = udpExchange([
      { toServer: true, data: QUERY },
      { toServer: false, data: RESPONSE },
    ]);
    // sid 3: www.example.com is the query's question too, but only the response has the buffer
    expect(await alertsPerSid(RULES, records)).toEqual({ 1: 1, 2: 1, 3: 1, 4: 0, 5: 1, 6: 0, 7: 0 });
  });

  it("an additional record before the root-named OPT record is one of the buffer's values", async () => {
    const records = udpExchange([{ toServer: false, data: RESPONSE_GLUE_FIRST }]);
    expect((await alertsPerSid(RULES, records))[4]).toBe(1);
  });

  it('a value matches after an earlier value had the fast pattern and failed (dns.query too)', async () => {
    // two questions: example.com, then www.example.com (which also holds the pattern)
    const query = Uint8Array.from([
      0x12,
      0x35,
      0x01,
      0x00,
      ...u16(2),
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...name('example.com'),
      ...u16(1),
      ...u16(1),
      ...name('www.example.com'),
      ...u16(1),
      ...u16(1),
    ]);
    const rules = `
      alert dns any any -> any any (dns.query; content:"example.com"; startswith; endswith; sid:1;)
      alert dns any any -> any any (dns.query; content:"www.example.com"; startswith; endswith; sid:2;)
      alert dns any any -> any any (dns.query; content:"example.comwww"; sid:3;)`;
    expect(await alertsPerSid(rules, udpExchange([{ toServer: true, data: query }]))).toEqual({
      1: 1,
      2: 1,
      3: 0,
    });
  });
});
