/**
 * EVE alert events and fast.log lines for one alert, field by field as Suricata writes them.
 */
import { describe, expect, it } from 'vitest';
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
