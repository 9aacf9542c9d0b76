/**
 * Which rules inspect packet and stream (src/rules/compile/inspection.ts), after Suricata 7's
 * detect-parse.c SigValidate: TCP rules with payload keywords, no explicit packet/stream choice and
 * no packet keyword, whose payload content is anchored (depth, offset, startswith). What that does
 * to alerts is test/unit/match/packet-and-stream.test.ts's business.
 */
import { describe, expect, it } from 'vitest';
import { inspectsPacketAndStream } from '../../../../src/rules/compile/inspection.js';
import { loadRuleText } from '../../../../src/rules/loader.js';

function both(header: string, options: string): boolean {
  const text = `alert ${header} (${options} sid:1;)`;
  const r = loadRuleText(text).rules[0];
  if (!r) throw new Error(`rule not loaded: ${text}`);
  return inspectsPacketAndStream(r);
}

describe('rules inspecting packet and stream', () => {
  it.each([
    ['tcp any any -> any any', 'content:"GET"; depth:3;', true],
    ['tcp any any -> any any', 'content:"GET"; offset:0;', true],
    ['tcp any any -> any any', 'content:"GET"; startswith;', true],
    ['tcp any any -> any any', 'content:"a"; content:"GET"; depth:3; pcre:"/x/";', true],
    ['ip any any -> any any', 'content:"GET"; depth:3;', true],
    ['tcp any any -> any any', 'flow:established,to_server; content:"GET"; depth:3;', true],
    // Suricata sets both for stream_size too, but its stream inspection sees later sizes (inspection.ts)
    ['tcp any any -> any any', 'stream_size:client,>,10; content:"GET";', false],
    ['tcp any any -> any any', 'stream_size:client,>,10; content:"GET"; depth:3;', false],
    ['tcp any any -> any any', 'content:"GET";', false],
    ['tcp any any -> any any', 'content:"GET"; content:"x"; distance:0; within:5;', false],
    ['tcp any any -> any any', 'pcre:"/^GET/";', false],
    ['udp any any -> any any', 'content:"GET"; depth:3;', false],
    ['tcp-pkt any any -> any any', 'content:"GET"; depth:3;', false],
    ['tcp-stream any any -> any any', 'content:"GET"; depth:3;', false],
    ['tcp any any -> any any', 'flow:only_stream; content:"GET"; depth:3;', false],
    ['tcp any any -> any any', 'flow:no_stream; content:"GET"; depth:3;', false],
    ['tcp any any -> any any', 'dsize:>3; content:"GET"; depth:3;', false],
    ['tcp any any -> any any', 'flags:PA; content:"GET"; depth:3;', false],
    ['tcp any any -> any any', 'ttl:64; content:"GET"; depth:3;', false],
    ['tcp any any -> any any', 'tcp.hdr; content:"|50|"; offset:12; depth:1;', false],
    ['tcp any any -> any any', 'http.method; content:"GET"; depth:3;', false],
  ])('alert %s (%s): %s', (header, options, expected) => {
    expect(both(header, options)).toBe(expected);
  });
});
