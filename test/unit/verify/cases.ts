/**
 * The verifier case table, run against the TypeScript verifier (verify.test.ts) and the WASM verify
 * programs (differential.test.ts): a rule option list, a payload, whether the rule matches, and
 * candidate overrides.
 */
import type { Candidate } from '../../../src/alerts/verify.js';

export function v4(a: string): Uint8Array {
  const b = new Uint8Array(16);
  b[10] = 0xff;
  b[11] = 0xff;
  a.split('.').forEach((x, i) => (b[12 + i] = Number(x)));
  return b;
}

export function cand(payload: string | Uint8Array, over: Partial<Candidate> = {}): Candidate {
  const buf = typeof payload === 'string' ? Uint8Array.from(Buffer.from(payload, 'latin1')) : payload;
  // a minimal IPv4 + TCP header in front of the payload for header keywords
  const pkt = new Uint8Array(40 + buf.length);
  pkt[0] = 0x45;
  pkt[8] = 64; // ttl
  pkt[9] = 6;
  pkt[20 + 13] = 0x18;
  pkt.set(buf, 40);
  return {
    buf,
    stream: false,
    toServer: true,
    hasFlow: true,
    seenBoth: true,
    established: true,
    tcpState: 3,
    ipVersion: 4,
    ipProto: 6,
    tcpFlags: 0x18,
    src: v4('10.0.0.1'),
    dst: v4('192.0.2.7'),
    srcPort: 40000,
    dstPort: 80,
    pkt,
    ipOff: 0,
    l4Off: 20,
    payloadLen: buf.length,
    ...over,
  };
}

export const CASES: [string, string, string | Uint8Array, boolean, Partial<Candidate>?][] = [
  ['content', 'content:"evil";', 'an evil thing', true],
  ['content absent', 'content:"evil";', 'a good thing', false],
  ['nocase', 'content:"EVIL"; nocase;', 'an evil thing', true],
  ['case-sensitive', 'content:"EVIL";', 'an evil thing', false],
  ['offset', 'content:"evil"; offset:4;', 'an evil thing', false],
  ['offset ok', 'content:"evil"; offset:3;', 'an evil thing', true],
  ['depth', 'content:"evil"; depth:6;', 'an evil thing', false],
  ['depth ok', 'content:"evil"; depth:7;', 'an evil thing', true],
  ['distance', 'content:"a"; content:"b"; distance:2;', 'a b', false],
  ['distance ok', 'content:"a"; content:"b"; distance:1;', 'a b', true],
  ['within', 'content:"GET"; content:"HTTP"; within:5;', 'GET /index HTTP', false],
  ['within ok', 'content:"GET"; content:"HTTP"; within:12;', 'GET /index HTTP', true],
  ['retry previous occurrence', 'content:"ab"; content:"cd"; within:2;', 'ab xx abcd', true],
  ['negated', 'content:"evil"; content:!"good";', 'evil only', true],
  ['negated present', 'content:"evil"; content:!"good";', 'evil and good', false],
  // a relative negated content that fails sends the previous content to its next occurrence
  ['negated relative retries', 'content:"a"; content:!"b"; distance:0; within:1;', 'ab ac', true],
  ['negated relative', 'content:"a"; content:!"b"; distance:0; within:1;', 'ab ab', false],
  ['startswith', 'content:"GET"; startswith;', 'GET /', true],
  ['startswith not', 'content:"GET"; startswith;', ' GET /', false],
  ['endswith', 'content:"end"; endswith;', 'the end', true],
  ['endswith not', 'content:"end"; endswith;', 'the end.', false],
  ['isdataat', 'content:"ab"; isdataat:2,relative;', 'abcd', true],
  ['isdataat past end', 'content:"ab"; isdataat:2,relative;', 'abc', false],
  ['isdataat negated', 'content:"ab"; isdataat:!1,relative;', 'ab', true],
  ['pcre', 'pcre:"/ev[i1]l/i";', 'an EV1L thing', true],
  ['pcre relative', 'content:"x"; pcre:"/^y/R";', 'xy', true],
  ['pcre negated', 'content:"x"; pcre:!"/zz/";', 'xy', true],
  ['byte_test', 'content:"L"; byte_test:1,>,5,0,relative;', Uint8Array.from([0x4c, 9]), true],
  ['byte_test false', 'content:"L"; byte_test:1,>,9,0,relative;', Uint8Array.from([0x4c, 9]), false],
  ['byte_test string dec', 'byte_test:3,=,123,1,string,dec;', 'x123', true],
  ['byte_jump', 'content:"L"; byte_jump:1,0,relative; content:"Z"; within:1;', 'L\x02xxZ', true],
  ['byte_extract', 'byte_extract:1,0,n; content:"Z"; offset:n; depth:1;', '\x03xxZ', true],
  ['byte_extract miss', 'byte_extract:1,0,n; content:"Z"; offset:n; depth:1;', '\x02xxZ', false],
  ['bsize', 'bsize:5;', 'hello', true],
  ['dsize', 'dsize:>3;', 'hello', true],
  ['dsize false', 'dsize:<3;', 'hello', false],
  ['flags', 'flags:PA;', '', true],
  ['flags exact', 'flags:S;', '', false],
  ['flags +', 'flags:A+;', '', true],
  ['ttl', 'ttl:64;', '', true],
  ['ttl range', 'ttl:<10;', '', false],
  ['flow to_server', 'flow:established,to_server;', '', true],
  ['flow to_client', 'flow:to_client;', '', false],
  ['flow not established', 'flow:established;', '', false, { established: false }],
  ['itype on tcp', 'itype:8;', '', false],
];
