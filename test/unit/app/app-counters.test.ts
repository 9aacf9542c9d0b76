// Suricata's app_layer.flow.* / app_layer.tx.* counters (assembly/app/counters.ts) in the engine's
// stats and the EVE stats event: one count per flow when its protocol is decided, one per logged
// HTTP transaction or DNS message, DNS split by transport.
import { describe, expect, it } from 'vitest';
import { createEngine, fromFile } from '../../../src/engine.js';
import { eveStatsEvent } from '../../../src/outputs/eve-stats.js';
import { pcapFile, type PcapRecord } from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';
import { tcpConversation, udpExchange } from './conversation.js';

const GET = (p: string): string => `GET ${p} HTTP/1.1\r\nHost: a.example\r\n\r\n`;
const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
const QUERY = Uint8Array.from([0, 7, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0x61, 0, 0, 1, 0, 1]);
const ANSWER = Uint8Array.from([0, 7, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0x61, 0, 0, 1, 0, 1]);

/** Shift a capture's timestamps and ports so several can share one file as separate flows. */
function later(records: PcapRecord[], seconds: number): PcapRecord[] {
  return records.map((r) => ({ ...r, tsNs: r.tsNs + BigInt(seconds) * 1_000_000_000n }));
}

describe('app_layer counters', () => {
  it('flows by protocol, failed TCP, HTTP transactions and DNS messages', async () => {
    const records = [
      ...tcpConversation([
        { toServer: true, data: GET('/1') },
        { toServer: false, data: OK },
        { toServer: true, data: GET('/2') },
        { toServer: false, data: OK },
      ]),
      ...later(
        tcpConversation(
          [
            { toServer: true, data: 'hello\r\n' },
            { toServer: false, data: 'bye\r\n' },
          ],
          7000,
        ),
        100,
      ),
      ...later(
        udpExchange([
          { toServer: true, data: QUERY },
          { toServer: false, data: ANSWER },
        ]),
        200,
      ),
    ];
    const engine = createEngine({ workers: 1, app: true });
    let stats;
    try {
      stats = await engine.run(fromFile(tempFile(pcapFile(records))));
    } finally {
      await engine.close();
    }
    expect(stats.appLayer).toEqual({
      flow: { http: 1, failed_tcp: 1, dns_udp: 1 },
      tx: { http: 2, dns_udp: 2 },
    });
    expect((eveStatsEvent(stats).stats as Record<string, unknown>).app_layer).toEqual(stats.appLayer);
  });
});
