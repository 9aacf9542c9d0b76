/**
 * EVE alert events and fast.log lines for one alert, field by field as Suricata writes them.
 */
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../src/app/records.js';
import { APP_PROTO_HTTP } from '../../../src/wasm/layout.js';
import type { Alert } from '../../../src/alerts/record.js';
import { eveAlertEvent } from '../../../src/outputs/eve-alert.js';
import { fastLine } from '../../../src/outputs/fast.js';
import { loadRuleText } from '../../../src/rules/loader.js';

const rule = loadRuleText(
  'alert tcp any any -> any any (msg:"GPL ATTACK_RESPONSE id check returned root"; content:"uid=0|28|root|29|"; ' +
    'classtype:bad-unknown; metadata:created_at 2010_09_23, tag x; sid:2100498; rev:7;)',
).rules[0]!;

function v4(a: string): Uint8Array {
  const b = new Uint8Array(16);
  b[10] = 0xff;
  b[11] = 0xff;
  a.split('.').forEach((x, i) => (b[12 + i] = Number(x)));
  return b;
}

const alert: Alert = {
  pktNum: 4n,
  tsNs: 1_264_000_000_123_456_000n,
  flowId: 1234567n,
  ruleIndex: 0,
  rule,
  stream: false,
  toServer: false,
  hasFlow: true,
  ipVersion: 4,
  proto: 6,
  srcAddr: v4('192.0.2.1'),
  dstAddr: v4('10.0.0.5'),
  srcIp: '192.0.2.1',
  destIp: '10.0.0.5',
  srcPort: 80,
  destPort: 41000,
  appProto: 0,
};

const httpTx: AppEvent = {
  kind: 'http',
  toServer: false,
  flowId: 1234567n,
  tsNs: 1_264_000_000_200_000_000n,
  packet: 6n,
  ipVersion: 4,
  srcIp: '10.0.0.5',
  destIp: '192.0.2.1',
  srcPort: 41000,
  destPort: 80,
  proto: 6,
  vlan: 0,
  txId: 2,
  http: {
    hasRequest: true,
    hasResponse: true,
    method: 'GET',
    url: '/id',
    hostname: 'victim.example',
    hostPort: 0,
    protocol: 'HTTP/1.1',
    status: 200,
    length: 33,
    requestBodyLength: 0,
    gzip: false,
  },
};

const CLS = new Map([
  ['bad-unknown', { name: 'bad-unknown', description: 'Potentially Bad Traffic', priority: 2 }],
]);

describe('alert outputs', () => {
  it('EVE alert event', () => {
    const ev = eveAlertEvent(alert, { classifications: CLS });
    expect(ev).toMatchObject({
      timestamp: '2010-01-20T15:06:40.123456+0000',
      flow_id: 1234567,
      pcap_cnt: 4,
      event_type: 'alert',
      src_ip: '192.0.2.1',
      src_port: 80,
      dest_ip: '10.0.0.5',
      dest_port: 41000,
      proto: 'TCP',
      direction: 'to_client',
      alert: {
        action: 'allowed',
        gid: 1,
        signature_id: 2100498,
        rev: 7,
        signature: 'GPL ATTACK_RESPONSE id check returned root',
        category: 'Potentially Bad Traffic',
        severity: 2,
        metadata: { created_at: ['2010_09_23'], tag: ['x'] },
      },
    });
    expect(String(ev.community_id)).toMatch(/^1:/);
    expect(Object.keys(ev).slice(0, 4)).toEqual(['timestamp', 'flow_id', 'pcap_cnt', 'event_type']);
  });

  it('no app_proto before the flow has one; ICMP type and code instead of ports', () => {
    expect(eveAlertEvent(alert)).not.toHaveProperty('app_proto');
    const icmp = eveAlertEvent({ ...alert, proto: 1, srcPort: 8, destPort: 0, hasFlow: false });
    expect(icmp).toMatchObject({ proto: 'ICMP', icmp_type: 8, icmp_code: 0 });
    expect(icmp).not.toHaveProperty('src_port');
    expect(icmp).not.toHaveProperty('direction');
  });

  it("an alert on an HTTP flow carries its transaction's fields, tx_id and app_proto", () => {
    const ev = eveAlertEvent({ ...alert, appProto: APP_PROTO_HTTP, app: httpTx });
    expect(ev).toMatchObject({
      tx_id: 2,
      app_proto: 'http',
      http: { hostname: 'victim.example', url: '/id', http_method: 'GET', status: 200, length: 33 },
    });
    // Suricata's order: tx_id before alert, then the app object, app_proto, direction
    const keys = Object.keys(ev);
    expect(keys.indexOf('tx_id')).toBeLessThan(keys.indexOf('alert'));
    expect(keys.slice(keys.indexOf('alert'))).toEqual(['alert', 'http', 'app_proto', 'direction', 'stream']);
  });

  it('without classification.config: the classtype as category, priority 3', () => {
    const ev = eveAlertEvent(alert);
    expect(ev.alert).toMatchObject({ category: 'bad-unknown', severity: 3 });
  });

  it('fast.log line', () => {
    expect(fastLine(alert, { classifications: CLS })).toBe(
      '01/20/2010-15:06:40.123456  [**] [1:2100498:7] GPL ATTACK_RESPONSE id check returned root [**] ' +
        '[Classification: Potentially Bad Traffic] [Priority: 2] {TCP} 192.0.2.1:80 -> 10.0.0.5:41000',
    );
  });
});
