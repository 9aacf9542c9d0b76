/**
 * stream_size (Suricata detect-stream_size.c): parsing (side, operator, number), its program
 * form, and the engine on a hand-built conversation where each stream's size (Suricata's
 * next_seq - isn: one for the SYN plus the bytes seen in order) is known at every packet:
 *   0 SYN c→s · 1 SYN/ACK s→c · 2 ACK c→s · 3 GET (38 bytes) c→s · 4 ACK s→c ·
 *   5 response (40 bytes) s→c · 6 ACK c→s · 7 FIN c→s · 8 FIN s→c · 9 ACK c→s
 * client size: 1 from frame 0, 39 from frame 3; server size: 0 before frame 1, 1 from frame 1,
 * 41 from frame 5.
 */
import { describe, expect, it } from 'vitest';
import { compileRuleset } from '../../../../src/rules/compile/ruleset.js';
import { encodeProgram } from '../../../../src/rules/compile/program.js';
import { alertsPerSid, tcpConversation, udpExchange } from '../../app/conversation.js';
import { opts, parse, reason } from '../helpers.js';

const GET = 'GET /x HTTP/1.1\r\nHost: example.com\r\n\r\n';
const RESP = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

describe('stream_size parsing', () => {
  it('side, Suricata operator and number', () => {
    expect(opts('stream_size:server,<,5;').conditions).toEqual([
      { kind: 'stream_size', side: 'server', range: { op: 'lt', value: 5, max: 5 } },
    ]);
    expect(opts('stream_size: client , != , 10 ;').conditions).toEqual([
      { kind: 'stream_size', side: 'client', range: { op: 'ne', value: 10, max: 10 } },
    ]);
    expect(opts('stream_size:both,>=,1800;').conditions[0]).toMatchObject({
      side: 'both',
      range: { op: 'ge' },
    });
    expect(opts('stream_size:either,=,1;').conditions[0]).toMatchObject({
      side: 'either',
      range: { op: 'eq' },
    });
    // several, all of which must hold (ET: `stream_size:client,=,1; stream_size:server,=,10;`)
    expect(opts('stream_size:client,=,1; stream_size:server,=,10;').conditions).toHaveLength(2);
  });
  it('bad values name what is wrong', () => {
    expect(reason('stream_size:server,<;')).toMatch(/expected <side>,<operator>,<number>/);
    expect(reason('stream_size:up,<,5;')).toMatch(/side "up": expected server, client, both or either/);
    expect(reason('stream_size:server,=>,5;')).toMatch(/operator "=>": expected <, >, =, !=, <= or >=/);
    expect(reason('stream_size:server,<,-5;')).toMatch(/size "-5": expected a decimal number/);
  });
  it('is a verify-program condition: both is two of them, either one', () => {
    const words = (o: string): number => encodeProgram(opts(o), false)?.words.length ?? 0;
    expect(words('stream_size:both,<,5;')).toBe(2 * words('stream_size:server,<,5;') - 1);
    expect(words('stream_size:either,<,5;')).toBe(words('stream_size:server,<,5;'));
  });
  it('an app-layer rule (no verify program) is not compiled', () => {
    const r = parse(
      'alert http any any -> any any (flow:to_server; stream_size:client,>,1; http.uri; content:"/x"; sid:1;)',
    ).rule;
    expect(r).toBeDefined();
    const c = compileRuleset(r ? [r] : []);
    expect(c.skipped.map((s) => s.reason)).toEqual([
      'stream_size in a rule without a WASM verify program (app-layer rules have none)',
    ]);
  });
});

describe('stream_size in the engine', () => {
  const conv = tcpConversation([
    { toServer: true, data: GET },
    { toServer: false, data: RESP },
  ]);
  it('compares the sizes after the packet being matched', async () => {
    expect(GET.length).toBe(38);
    expect(RESP.length).toBe(40);
    const rules = `
      alert tcp any any -> any any (msg:"GET counted"; flow:to_server; content:"GET"; stream_size:client,=,39; sid:1;)
      alert tcp any any -> any any (msg:"GET not yet"; flow:to_server; content:"GET"; stream_size:client,<,39; sid:2;)
      alert tcp any any -> any any (msg:"server silent"; flow:to_server; content:"GET"; stream_size:server,<,5; sid:3;)
      alert tcp any any -> any any (msg:"response"; content:"200 OK"; stream_size:server,=,41; sid:4;)
      alert tcp any any -> any any (msg:"both"; content:"200 OK"; stream_size:both,>,38; sid:5;)
      alert tcp any any -> any any (msg:"either"; content:"200 OK"; stream_size:either,=,39; sid:6;)
      alert tcp any any -> any any (msg:"neither"; content:"200 OK"; stream_size:either,=,40; sid:7;)
      alert tcp any any -> any any (msg:"SYN counts one"; flow:to_server; stream_size:client,=,1; sid:8;)
      alert tcp any any -> any any (msg:"no server yet"; stream_size:server,=,0; sid:9;)
      alert tcp any any -> any any (msg:"not equal"; flow:to_client; stream_size:server,!=,41; sid:10;)
      alert tcp any any -> any any (msg:"two"; content:"200 OK"; stream_size:client,=,39; stream_size:server,=,41; sid:11;)
      alert tcp any any -> any any (msg:"two, one off"; content:"200 OK"; stream_size:client,=,39; stream_size:server,=,40; sid:12;)`;
    expect(await alertsPerSid(rules, conv)).toEqual({
      1: 1,
      2: 0,
      3: 1,
      4: 1,
      5: 1,
      6: 1,
      7: 0,
      // frames 0 and 2 (the GET makes it 39)
      8: 2,
      // frame 0 only: the SYN/ACK starts the server's stream
      9: 1,
      // frames 1 and 4 (size 1); from frame 5 on it is 41
      10: 2,
      11: 1,
      12: 0,
    });
  });
  it('never matches outside TCP', async () => {
    const rules = `alert udp any any -> any any (stream_size:client,>=,0; sid:1;)`;
    expect(await alertsPerSid(rules, udpExchange([{ toServer: true, data: 'x' }]))).toEqual({ 1: 0 });
  });
});
