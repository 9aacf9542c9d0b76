/**
 * Rules inspecting packet and stream (src/rules/compile/inspection.ts): Suricata 7 gives a TCP rule
 * with an anchored payload content (depth, offset, startswith) both SIG_FLAG_REQUIRE_PACKET and
 * SIG_FLAG_REQUIRE_STREAM (detect-parse.c SigValidate), and inspects it on the packet carrying the
 * data and again on the raw stream once that data is inspected there (a later packet in IDS mode,
 * or the flow-end pseudo packet): two alerts for one request. netsift reports both on the carrying
 * packet. A plain rule, tcp-pkt, tcp-stream or a rule with a packet keyword alerts once; so does
 * the anchored rule when only the reassembled stream holds its match.
 */
import { describe, expect, it } from 'vitest';
import { compileRuleset } from '../../../src/rules/compile/ruleset.js';
import { loadRuleText } from '../../../src/rules/loader.js';
import { alertsOf } from '../../helpers/alerts.js';
import { pcapFile } from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';
import { tcpSession, timed } from '../flow/gen.js';

const C = { ip: '10.0.0.1', port: 40000 };
const S = { ip: '10.0.0.2', port: 80 };
const REQUEST = Buffer.from('GET /index.html HTTP/1.0\r\nHost: example.com\r\n\r\n');
const RESPONSE = Buffer.from('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n');

/** "packet:sid" per alert, sorted. */
async function alertsPerPacket(frames: Uint8Array[], rules: string): Promise<string[]> {
  const compiled = compileRuleset(loadRuleText(rules).rules);
  expect(compiled.skipped).toEqual([]);
  const alerts = await alertsOf(tempFile(pcapFile(timed(frames)), 'packet-and-stream.pcap'), compiled);
  return alerts.map((a) => `${a.pktNum}:${a.rule.sid}`).sort();
}

/** A session whose request is sent in two segments, cut at `cut` (packets 4 and 5). */
function splitRequest(cut: number): Uint8Array[] {
  return tcpSession({
    client: C,
    server: S,
    toServer: [
      { off: 0, data: REQUEST.subarray(0, cut) },
      { off: cut, data: REQUEST.subarray(cut) },
    ],
  });
}

describe('rules inspecting packet and stream', () => {
  // handshake (1-3), the request (4), the response (5), FIN, FIN, ACK (6-8)
  const session = tcpSession({
    client: C,
    server: S,
    toServer: [{ off: 0, data: REQUEST }],
    toClient: [{ off: 0, data: RESPONSE }],
  });

  it('an anchored payload content alerts for the packet and for the stream; other rules once', async () => {
    const rules = [
      'alert tcp any any -> any any (content:"GET "; depth:4; content:"HTTP/1."; distance:0; sid:1;)',
      'alert tcp any any -> any any (flow:established,to_server; content:"GET"; startswith; sid:2;)',
      'alert ip any any -> any any (content:"/index"; offset:4; sid:3;)',
      'alert tcp any any -> any any (content:"HTTP/1.0|0d 0a|"; sid:4;)',
      'alert tcp-pkt any any -> any any (content:"GET "; depth:4; sid:5;)',
      'alert tcp-stream any any -> any any (content:"GET "; depth:4; sid:6;)',
      'alert tcp any any -> any any (flow:to_server,only_stream; content:"GET "; depth:4; sid:7;)',
      'alert tcp any any -> any any (flags:PA; content:"GET "; depth:4; sid:8;)',
      'alert tcp any any -> any any (dsize:>10; content:"GET "; depth:4; sid:9;)',
    ].join('\n');
    expect(await alertsPerPacket(session, rules)).toEqual([
      '4:1',
      '4:1',
      '4:2',
      '4:2',
      '4:3',
      '4:3',
      '4:4',
      '4:5',
      '4:6',
      '4:7',
      '4:8',
      '4:9',
    ]);
  });

  it('a match only the reassembled stream holds alerts once, for the stream', async () => {
    const split = splitRequest(REQUEST.indexOf('HTTP') + 2);
    const rules =
      'alert tcp any any -> any any (content:"GET "; depth:4; content:"HTTP/1."; distance:0; sid:1;)';
    expect(await alertsPerPacket(split, rules)).toEqual(['5:1']);
  });

  it('a rule with a packet keyword never alerts on a match only the reassembled stream holds', async () => {
    const split = splitRequest(REQUEST.indexOf('index') + 2);
    const rules = [
      'alert tcp any any -> any any (content:"index.html"; sid:1;)',
      'alert tcp any any -> any any (flags:PA; content:"index.html"; sid:2;)',
      'alert tcp any any -> any any (ttl:>0; content:"index.html"; sid:3;)',
      'alert tcp any any -> any any (dsize:>0; content:"index.html"; sid:4;)',
      'alert tcp any any -> any any (flags:PA; content:"GET /in"; sid:5;)',
    ].join('\n');
    // the plain rule alerts on the stream (packet 5); the packet rules see two halves, except sid 5's match
    expect(await alertsPerPacket(split, rules)).toEqual(['4:5', '5:1']);
  });
});
