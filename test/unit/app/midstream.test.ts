// stream.midstream (Suricata: with it false, a TCP flow whose first packet is not a SYN gets no
// session, hence no app layer; suricata-verify bug-5825 / bug-6109 expect no alert from a
// content-less `alert http` rule on such a flow). netsift: flowConfig.midstream 0 (--set
// stream.midstream=false) turns off app-layer parsing of mid-stream pickups only.
import { describe, expect, it } from 'vitest';
import { parseSuricataOptions } from '../../../src/cli/suricata-options.js';
import { alertsPerSid, tcpConversation } from './conversation.js';

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
    expect(await alertsPerSid(RULES, mid)).toEqual({ 1: 1, 2: 1 });
  });
  it('false: a flow seen from its SYN is parsed as before', async () => {
    const full = tcpConversation([
      { toServer: true, data: GET },
      { toServer: false, data: RESP },
    ]);
    expect(await alertsPerSid(RULES, full, { midstream: 0 })).toEqual({ 1: 1, 2: 1 });
  });
});
