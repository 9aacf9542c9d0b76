/**
 * Suricata's app-layer.protocols.tls.encryption-handling: by default ("track-only") the payload
 * of a TLS flow is not inspected once application data flows (Suricata's
 * APP_LAYER_PARSER_NO_INSPECTION_PAYLOAD, set on the first application-data record); with
 * "full" it is. The handshake before it is inspected either way. A conversation built here:
 * ClientHello, ServerHello, both ChangeCipherSpec + Finished, then application data both ways.
 */
import { describe, expect, it } from 'vitest';
import { parseSuricataOptions } from '../../../src/cli/suricata-options.js';
import { alertsPerSid, tcpConversation } from './conversation.js';

const rec = (type: number, body: Buffer): Buffer =>
  Buffer.concat([Buffer.from([type, 3, type === 22 ? 1 : 3, body.length >> 8, body.length & 0xff]), body]);
const hs = (type: number, body: Buffer): Buffer =>
  Buffer.concat([Buffer.from([type, 0, body.length >> 8, body.length & 0xff]), body]);

const random = Buffer.alloc(32, 0x5a);
const clientHello = rec(
  22,
  hs(1, Buffer.concat([Buffer.from([3, 3]), random, Buffer.from([0, 0, 2, 0xc0, 0x2f, 1, 0, 0, 0])])),
);
const serverHello = rec(
  22,
  hs(2, Buffer.concat([Buffer.from([3, 3]), random, Buffer.from([0, 0xc0, 0x2f, 0])])),
);
const ccsFinished = Buffer.concat([rec(20, Buffer.from([1])), rec(22, Buffer.alloc(40, 0x33))]);
const appData = (marker: string): Buffer => rec(23, Buffer.from(`${marker}-ciphertext-bytes`));

const records = tcpConversation(
  [
    { toServer: true, data: clientHello },
    { toServer: false, data: serverHello },
    { toServer: true, data: ccsFinished },
    { toServer: false, data: ccsFinished },
    { toServer: true, data: appData('CLIENTMARK') },
    { toServer: false, data: appData('SERVERMARK') },
    { toServer: true, data: appData('CLIENTMARK') },
  ],
  443,
);

const RULES = `
alert tcp any any -> any any (msg:"handshake bytes"; content:"|c0 2f 01 00|"; sid:1;)
alert tcp any any -> any any (msg:"client application data"; content:"CLIENTMARK"; sid:2;)
alert tcp any any -> any any (msg:"server application data"; content:"SERVERMARK"; sid:3;)
alert tls any any -> any any (msg:"tls flow, no payload keyword"; flow:to_server; sid:4;)
`;

describe('TLS encryption handling', () => {
  it('default: no payload inspection once application data flows; the handshake still is', async () => {
    const got = await alertsPerSid(RULES, records);
    expect(got[1]).toBe(1);
    expect(got[2]).toBe(0);
    expect(got[3]).toBe(0);
    expect(got[4]).toBeGreaterThan(0);
  });

  it('full (--set app-layer.protocols.tls.encryption-handling=full): application data is inspected', async () => {
    const { flowConfig } = parseSuricataOptions(undefined, [
      'app-layer.protocols.tls.encryption-handling=full',
    ]);
    const got = await alertsPerSid(RULES, records, flowConfig);
    expect(got[1]).toBe(1);
    expect(got[2]).toBeGreaterThan(0);
    expect(got[3]).toBe(1);
  });

  it('bypass acts as track-only (with a warning); an unknown mode is an error', () => {
    const s = parseSuricataOptions(undefined, ['app-layer.protocols.tls.encryption-handling=bypass']);
    expect(s.flowConfig.tlsEncryption).toBe(1);
    expect(s.warnings.join()).toMatch(/never bypasses/);
    expect(() =>
      parseSuricataOptions(undefined, ['app-layer.protocols.tls.encryption-handling=maybe']),
    ).toThrow(/expected default, track-only, bypass or full/);
  });
});
