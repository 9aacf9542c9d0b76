// stream.midstream (Suricata: with it false, a TCP flow whose first packet is not a SYN gets no
// session, hence no app layer; suricata-verify bug-5825 / bug-6109 expect no alert from a
// content-less `alert http` rule on such a flow). netsift: flowConfig.midstream 0 (--set
// stream.midstream=false) turns off app-layer parsing of mid-stream pickups only. The content-less
// rule is a packet rule: with the app layer on, it alerts on each to-server packet after the server
// acknowledged the request (test/unit/app/app-proto-packet-rules.test.ts): the client's ACK of the
// response, its FIN and its last ACK.
import { describe, expect, it } from 'vitest';
import { parseSuricataOptions } from '../../../src/cli/suricata-options.js';
import type { FlowConfig } from '../../../src/engine.js';
import type { FlowRecord } from '../../../src/flows/record.js';
import type { PcapRecord } from '../../helpers/capture-builder.js';
import { alertsPerSid, collect, tcpConversation } from './conversation.js';

function flowsOf(
  records: PcapRecord[],
  app: boolean,
  flowConfig?: Partial<FlowConfig>,
): Promise<FlowRecord[]> {
  return collect(records, { app, flowConfig }, (e) => e.flows$);
}

/** An SMB1 Negotiate Protocol reply in its NetBIOS session message (flags 0x98: reply). */
const SMB1_REPLY = Uint8Array.from([
  0,
  0,
  0,
  35,
  0xff,
  0x53,
  0x4d,
  0x42,
  0x72,
  0,
  0,
  0,
  0,
  0x98,
  0x01,
  0x28,
  ...new Array<number>(23).fill(0),
]);

const GET = 'GET /x HTTP/1.1\r\nHost: example.com\r\n\r\n';
const RESP = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
const RULES = `
  alert http any any -> any any (msg:"any http"; flow:to_server; sid:1;)
  alert tcp any any -> any any (msg:"payload"; content:"GET /x"; sid:2;)`;

describe('stream.midstream', () => {
  it('maps --set stream.midstream to flowConfig.midstream', () => {
    expect(parseSuricataOptions(undefined, ['stream.midstream=false']).flowConfig).toEqual({ midstream: 0 });
    expect(parseSuricataOptions(undefined, ['stream.midstream=true']).flowConfig).toEqual({ midstream: 1 });
  });
  it('false: no app layer on a flow picked up mid-stream; payload rules still match', async () => {
    const mid = tcpConversation(
      [
        { toServer: true, data: GET },
        { toServer: false, data: RESP },
      ],
      80,
      false,
    );
    expect(await alertsPerSid(RULES, mid, { midstream: 0 })).toEqual({ 1: 0, 2: 1 });
    expect(await alertsPerSid(RULES, mid)).toEqual({ 1: 3, 2: 1 });
  });
  it('false: a flow seen from its SYN is parsed as before', async () => {
    const full = tcpConversation([
      { toServer: true, data: GET },
      { toServer: false, data: RESP },
    ]);
    expect(await alertsPerSid(RULES, full, { midstream: 0 })).toEqual({ 1: 3, 2: 1 });
  });

  it("a flow picked up on a server answer (HTTP response, SMB reply) takes the answer's receiver as client", async () => {
    // Suricata reverses such a flow once protocol detection matches the other direction's patterns
    const httpFirst = tcpConversation(
      [
        { toServer: false, data: RESP },
        { toServer: true, data: GET },
      ],
      8080,
      false,
    );
    const [f] = await flowsOf(httpFirst, true);
    expect(f).toMatchObject({ srcIp: '10.0.0.1', srcPort: 40000, destIp: '10.0.0.2', destPort: 8080 });
    expect(f?.pktsToServer).toBeGreaterThan(0);
    const smbFirst = tcpConversation([{ toServer: false, data: SMB1_REPLY }], 445, false);
    expect((await flowsOf(smbFirst, true))[0]).toMatchObject({ srcIp: '10.0.0.1', destPort: 445 });
    // without the app layer, or with stream.midstream=false, the first sender stays the client
    expect((await flowsOf(httpFirst, false))[0]).toMatchObject({ srcIp: '10.0.0.2', srcPort: 8080 });
    expect((await flowsOf(httpFirst, true, { midstream: 0 }))[0]).toMatchObject({ srcIp: '10.0.0.2' });
    // a request first is the client's
    const requestFirst = tcpConversation([{ toServer: true, data: GET }], 8080, false);
    expect((await flowsOf(requestFirst, true))[0]).toMatchObject({ srcIp: '10.0.0.1', destPort: 8080 });
  });
});
