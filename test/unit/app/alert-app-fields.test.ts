// Alerts carry the app-layer transaction they belong to (src/alerts/app-join.ts), as Suricata's
// alert events carry the http / dns / tls fields of their transaction: end to end through the
// engine on hand-built HTTP, DNS and TLS traffic, and the join's rules on hand-made records.
import { describe, expect, it } from 'vitest';
import { AlertAppJoin, MAX_WAITING_PER_FLOW } from '../../../src/alerts/app-join.js';
import type { Alert } from '../../../src/alerts/record.js';
import type { AppEvent } from '../../../src/app/records.js';
import { eveAlertEvent } from '../../../src/outputs/eve-alert.js';
import { APP_PROTO_DNS, APP_PROTO_HTTP, APP_PROTO_TLS } from '../../../src/wasm/layout.js';
import type { PcapRecord } from '../../helpers/capture-builder.js';
import { collect, tcpConversation, udpExchange } from './conversation.js';

async function alertEvents(rules: string, records: PcapRecord[]): Promise<Record<string, unknown>[]> {
  const alerts = await collect(records, { rules: { text: rules } }, (e) => e.alerts$);
  return alerts.map((a) => eveAlertEvent(a, { communityId: false }));
}

const req = (path: string): string =>
  `GET ${path} HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: probe/1\r\n\r\n`;
const RESP = 'HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nno\n';

describe('alert events with the fields of their transaction', () => {
  it('HTTP: each alert carries its own transaction (two requests on one connection)', async () => {
    const evs = await alertEvents(
      'alert http any any -> any any (msg:"admin"; http.uri; content:"/admin"; sid:1;)\n' +
        'alert http any any -> any any (msg:"not found"; flow:to_client; http.stat_code; content:"404"; sid:2;)',
      tcpConversation([
        { toServer: true, data: req('/index.html') },
        { toServer: false, data: RESP },
        { toServer: true, data: req('/admin/login') },
        { toServer: false, data: RESP },
      ]),
    );
    const bySid = (sid: number): Record<string, unknown>[] =>
      evs.filter((e) => (e.alert as { signature_id: number }).signature_id === sid);
    expect(bySid(1)).toHaveLength(1);
    expect(bySid(1)[0]).toMatchObject({
      app_proto: 'http',
      tx_id: 1,
      direction: 'to_server',
      http: { hostname: 'shop.example', url: '/admin/login', http_user_agent: 'probe/1', http_method: 'GET' },
    });
    expect(
      bySid(2).map((e) => [e.tx_id, (e.http as { url: string }).url, (e.http as { status: number }).status]),
    ).toEqual([
      [0, '/index.html', 404],
      [1, '/admin/login', 404],
    ]);
  });

  it('DNS: the message of the alert packet (query and response)', async () => {
    const labels = [3, ...Buffer.from('www'), 7, ...Buffer.from('example'), 3, ...Buffer.from('com'), 0];
    const query = Uint8Array.from([0xab, 0xcd, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, ...labels, 0, 1, 0, 1]);
    const answer = Uint8Array.from([
      0xab,
      0xcd,
      0x81,
      0x80,
      0,
      1,
      0,
      1,
      0,
      0,
      0,
      0,
      ...labels,
      0,
      1,
      0,
      1,
      0xc0,
      12,
      0,
      1,
      0,
      1,
      0,
      0,
      0,
      60,
      0,
      4,
      192,
      0,
      2,
      7,
    ]);
    const evs = await alertEvents(
      'alert dns any any -> any any (msg:"q"; dns.query; content:"example"; sid:1;)\n' +
        'alert dns any any -> any any (msg:"a"; flow:to_client; content:"|c0 00 02 07|"; sid:2;)',
      udpExchange([
        { toServer: true, data: query },
        { toServer: false, data: answer },
      ]),
    );
    expect(evs).toHaveLength(2);
    expect(evs[0]).toMatchObject({
      app_proto: 'dns',
      direction: 'to_server',
      dns: { type: 'request', queries: [{ rrname: 'www.example.com', rrtype: 'A' }] },
    });
    expect(evs[1]).toMatchObject({
      app_proto: 'dns',
      direction: 'to_client',
      dns: { type: 'response', answers: [{ rrname: 'www.example.com', rrtype: 'A', rdata: '192.0.2.7' }] },
    });
  });

  it('a flow of no app protocol: no app fields, no app_proto but "failed"', async () => {
    const evs = await alertEvents(
      'alert tcp any any -> any any (msg:"x"; content:"xyzzy"; sid:1;)\n' +
        'alert tcp any any -> any any (msg:"y"; flow:to_client; content:"ok"; sid:2;)',
      tcpConversation(
        [
          { toServer: true, data: 'xyzzy plugh\r\n' },
          { toServer: false, data: 'ok\r\n' },
        ],
        4444,
      ),
    );
    expect(evs).toHaveLength(2);
    for (const e of evs) {
      expect(e).not.toHaveProperty('http');
      expect(e).not.toHaveProperty('tx_id');
    }
    // as Suricata's EveAddAppProto: nothing while detection is undecided, then "failed"
    for (const e of evs) expect([undefined, 'failed']).toContain(e.app_proto);
  });
});

// ---- the join on hand-made records ----

let nextPkt = 0;
function mkAlert(flowId: bigint, pktNum: bigint, appProto: number): Alert {
  nextPkt++;
  return { flowId, pktNum, appProto, hasFlow: true, ruleIndex: nextPkt } as unknown as Alert;
}
function mkEvent(kind: AppEvent['kind'], flowId: bigint, packet: bigint, txId = 0): AppEvent {
  return { kind, flowId, packet, txId } as unknown as AppEvent;
}

describe('AlertAppJoin', () => {
  it('an alert waits for the first event of its flow at or after its packet', () => {
    const j = new AlertAppJoin();
    const a = mkAlert(7n, 10n, APP_PROTO_HTTP);
    expect(j.batch([a], [mkEvent('http', 7n, 5n, 0)], [])).toEqual([]);
    const tx1 = mkEvent('http', 7n, 14n, 1);
    expect(j.batch([], [mkEvent('http', 8n, 12n), tx1, mkEvent('http', 7n, 20n, 2)], [])).toEqual([a]);
    expect(a.app).toBe(tx1);
  });

  it('TLS alerts after the handshake event take it at once; waiting alerts leave at flow end', () => {
    const j = new AlertAppJoin();
    const hs = mkEvent('tls', 3n, 6n);
    expect(j.batch([], [hs], [])).toEqual([]);
    const late = mkAlert(3n, 40n, APP_PROTO_TLS);
    expect(j.batch([late], [], [])).toEqual([late]);
    expect(late.app).toBe(hs);
    const http = mkAlert(4n, 9n, APP_PROTO_HTTP);
    expect(j.batch([http], [], [])).toEqual([]);
    expect(j.batch([], [], [4n])).toEqual([http]);
    expect(http.app).toBeUndefined();
  });

  it('a DNS alert takes only the message of its own packet; others pass straight through', () => {
    const j = new AlertAppJoin();
    const dns = mkAlert(5n, 2n, APP_PROTO_DNS);
    const plain = mkAlert(6n, 3n, 0);
    expect(j.batch([dns, plain], [mkEvent('dns', 5n, 4n)], [])).toEqual([plain, dns]);
    expect(dns.app).toBeUndefined();
  });

  it('memory is bounded: a flow keeps at most MAX_WAITING_PER_FLOW alerts; flush empties it', () => {
    const j = new AlertAppJoin();
    const many = Array.from({ length: MAX_WAITING_PER_FLOW + 5 }, (_, i) =>
      mkAlert(9n, BigInt(i + 1), APP_PROTO_HTTP),
    );
    expect(j.batch(many, [], [])).toHaveLength(5);
    expect(j.flush()).toHaveLength(MAX_WAITING_PER_FLOW);
    expect(j.flush()).toEqual([]);
  });
});
