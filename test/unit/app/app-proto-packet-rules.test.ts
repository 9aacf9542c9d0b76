// Rules that name an app protocol and inspect no app-layer buffer (`alert http any any -> any any
// (flow:to_server; ...)`) are packet rules with an app_proto check, as Suricata types them
// (detect-engine-build.c SignatureSetType: no app inspection engine → packet signature) and runs
// them (detect.c: the signature's alproto must equal the flow's). In IDS mode Suricata's TCP app
// layer sees a direction's bytes when the other side acknowledges them, so a packet rule sees the
// flow's app_proto from the peer's ACK of the bytes that revealed it (suricata-verify
// detect-engine-proto: 3 alerts on 7 to-server packets). Hand-built conversation, frame by frame:
//   0 SYN c→s · 1 SYN/ACK s→c · 2 ACK c→s · 3 GET c→s · 4 ACK s→c (acknowledges the GET: http
//   from here) · 5 response s→c · 6 ACK c→s · 7 FIN c→s · 8 FIN s→c · 9 ACK c→s
import { describe, expect, it } from 'vitest';
import { alertsPerSid, tcpConversation, udpExchange } from './conversation.js';

const GET = 'GET /x HTTP/1.1\r\nHost: example.com\r\n\r\n';
const RESP = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
const HTTP = tcpConversation([
  { toServer: true, data: GET },
  { toServer: false, data: RESP },
]);

describe('app-protocol rules without app-layer buffers', () => {
  it('match per packet once the peer acknowledged the bytes that revealed the protocol', async () => {
    const rules = `
      alert http any any -> any any (msg:"to server"; flow:to_server; sid:1;)
      alert http any any -> any any (msg:"to client"; flow:to_client; sid:2;)
      alert http any any -> any any (msg:"empty to server"; flow:to_server; dsize:0; sid:3;)
      alert tcp any any -> any any (msg:"tcp to server"; flow:to_server; sid:4;)
      alert tls any any -> any any (msg:"other protocol"; sid:5;)`;
    // 1: frames 6, 7, 9 (not 3: the GET itself is not acknowledged yet) · 2: frames 4, 5, 8 ·
    // 3: the same as 1 (all empty) · 4: every to-server frame (0, 2, 3, 6, 7, 9)
    expect(await alertsPerSid(rules, HTTP)).toEqual({ 1: 3, 2: 3, 3: 3, 4: 6, 5: 0 });
  });

  it('a payload rule still matches the packet that revealed the protocol (stream inspection)', async () => {
    const rules = `alert http any any -> any any (msg:"GET"; flow:to_server; content:"GET /x"; sid:1;)`;
    expect(await alertsPerSid(rules, HTTP)).toEqual({ 1: 1 });
  });

  it('UDP: the app_proto is known on the datagram that revealed it', async () => {
    // a DNS query for example.com A and its (empty) response
    const q = Uint8Array.from([
      0x12,
      0x34,
      1,
      0,
      0,
      1,
      0,
      0,
      0,
      0,
      0,
      0,
      7,
      ...Buffer.from('example'),
      3,
      ...Buffer.from('com'),
      0,
      0,
      1,
      0,
      1,
    ]);
    const r = Uint8Array.from(q);
    r[2] = 0x81;
    r[3] = 0x80;
    const rules = `
      alert dns any any -> any any (msg:"dns to server"; flow:to_server; sid:1;)
      alert dns any any -> any any (msg:"dns any"; sid:2;)`;
    expect(
      await alertsPerSid(
        rules,
        udpExchange([
          { toServer: true, data: q },
          { toServer: false, data: r },
        ]),
      ),
    ).toEqual({ 1: 1, 2: 2 });
  });
});
