// Rules that mix app-layer sticky buffers with payload keywords, and `alert http|dns|tls` rules
// with payload keywords only, over hand-built traffic. Semantics as Suricata documents and
// implements them: contents before any sticky buffer (or after pkt_data) inspect the payload; a
// rule naming an app protocol matches only flows of that app_proto; a rule with both payload and
// buffer keywords matches when both hold for the same transaction direction (the payload part on
// that direction's raw bytes: src/app/raw.ts).
import { describe, expect, it } from 'vitest';
import { createEngine, fromFile } from '../../../src/engine.js';
import { pcapFile } from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';
import { alertsPerSid, tcpConversation, udpExchange } from './conversation.js';

const GET = 'GET /a/b.php?x=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: t\r\n\r\n';
const RESP = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/html\r\n\r\nhello';
const post = (body: string): string =>
  `POST /submit HTTP/1.1\r\nHost: c2.example\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

/** A DNS query (RD set) for `name` with qtype `type`, class IN. */
function dnsQuery(name: string, type: number): Uint8Array {
  const labels = name.split('.').flatMap((l) => [l.length, ...Buffer.from(l)]);
  return Uint8Array.from([0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, ...labels, 0, 0, type, 0, 1]);
}

describe('payload keywords in app-layer rules', () => {
  it('rules that need the app layer turn it on in the engine by default', async () => {
    const engine = createEngine({
      workers: 1,
      rules: { text: 'alert http any any -> any any (http.uri; content:"/a/b.php"; sid:9;)' },
    });
    let n = 0;
    engine.alerts$.subscribe(() => n++);
    try {
      await engine.run(fromFile(tempFile(pcapFile(tcpConversation([{ toServer: true, data: GET }])))));
    } finally {
      await engine.close();
    }
    expect(n).toBe(1);
  });

  it('`alert http` with payload content matches HTTP flows only', async () => {
    const rules = `
      alert http any any -> any any (msg:"http GET"; content:"GET "; sid:1;)
      alert tcp any any -> any any (msg:"tcp GET"; content:"GET "; sid:2;)
      alert http any any -> any any (msg:"response"; flow:to_client; content:"200 OK"; sid:3;)`;
    expect(
      await alertsPerSid(
        rules,
        tcpConversation([
          { toServer: true, data: GET },
          { toServer: false, data: RESP },
        ]),
      ),
    ).toEqual({
      1: 1,
      2: 1,
      3: 1,
    });
    // the same bytes in a flow that is not HTTP (no method at the start): only the tcp rule
    const notHttp = tcpConversation([{ toServer: true, data: `xyzzy ${GET}` }], 8080);
    expect(await alertsPerSid(rules, notHttp)).toEqual({ 1: 0, 2: 1, 3: 0 });
  });

  it('payload content before a sticky buffer must hold with the buffers, per direction', async () => {
    const rules = `
      alert http any any -> any any (flow:to_server; content:"|0d 0a 0d 0a|command="; fast_pattern; http.method; content:"POST"; http.request_body; content:"command="; depth:8; sid:10;)
      alert http any any -> any any (flow:to_server; content:"NOT-THERE"; http.method; content:"POST"; sid:11;)
      alert http any any -> any any (content:"Host|3a 20|c2.example"; http.uri; content:"/submit"; sid:12;)
      alert http any any -> any any (http.uri; content:"/submit"; pkt_data; content:"Content-Length|3a|"; sid:13;)
      alert http any any -> any any (http.uri; content:"/submit"; pkt_data; content:!"command="; sid:14;)`;
    // header and body in separate segments: the payload part spans the boundary
    const hdrLen = post('').length - 0;
    const conv = tcpConversation([{ toServer: true, data: post('command=ls&result=0'), cuts: [hdrLen - 2] }]);
    expect(await alertsPerSid(rules, conv)).toEqual({ 10: 1, 11: 0, 12: 1, 13: 1, 14: 0 });
    const other = tcpConversation([{ toServer: true, data: post('xcommand=ls') }]);
    expect(await alertsPerSid(rules, other)).toEqual({ 10: 0, 11: 0, 12: 1, 13: 1, 14: 0 });
  });

  it('response rules see the response start line, headers and body as payload', async () => {
    const rules = `
      alert http any any -> any any (flow:to_client; content:"text/html|0d 0a 0d 0a|hel"; http.stat_code; content:"200"; sid:20;)
      alert http any any -> any any (flow:to_client; content:"GET"; http.stat_code; content:"200"; sid:21;)`;
    const conv = tcpConversation([
      { toServer: true, data: GET },
      { toServer: false, data: RESP, cuts: [20] },
    ]);
    expect(await alertsPerSid(rules, conv)).toEqual({ 20: 1, 21: 0 });
  });

  it('DNS: payload keywords inspect the datagram; `alert dns` needs a DNS flow', async () => {
    const rules = `
      alert dns any any -> any any (content:"|00 00 01 00 01|"; dns.query; content:"evil.example"; sid:30;)
      alert dns any any -> any any (content:"|00 00 10 00 01|"; dns.query; content:"evil.example"; sid:31;)
      alert dns any any -> any any (content:"|04|evil"; sid:32;)
      alert udp any any -> any any (content:"|04|evil"; sid:33;)`;
    const dns = udpExchange([{ toServer: true, data: dnsQuery('evil.example', 1) }]);
    expect(await alertsPerSid(rules, dns)).toEqual({ 30: 1, 31: 0, 32: 1, 33: 1 });
    // the same label bytes in a datagram that is not DNS (port 9999, no DNS header sanity)
    const junk = udpExchange(
      [{ toServer: true, data: Buffer.from('\u0004evil junk that is not dns') }],
      9999,
    );
    expect(await alertsPerSid(rules, junk)).toEqual({ 30: 0, 31: 0, 32: 0, 33: 1 });
  });
});
