/**
 * threshold.config beside the rules (src/alerts/threshold-config.ts): suppress (all, and by
 * address) and a threshold overriding the rule's, on the demo capture and rules.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleset } from '../../../src/alerts/load.js';
import type { Alert } from '../../../src/alerts/record.js';
import { createEngine, fromFile } from '../../../src/engine.js';

const DEMO = new URL('../../../examples/demo/', import.meta.url).pathname;

describe('threshold.config', () => {
  it('suppresses and thresholds alerts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsift-thr-'));
    copyFileSync(join(DEMO, 'demo.rules'), join(dir, 'demo.rules'));
    writeFileSync(
      join(dir, 'threshold.config'),
      [
        'suppress gen_id 1, sig_id 9000002',
        'suppress gen_id 1, sig_id 9000003, track by_src, ip 10.162.229.159',
        'threshold gen_id 1, sig_id 9000001, type limit, track by_rule, count 1, seconds 3600',
        'rate_filter gen_id 1, sig_id 9000004, track by_src, count 1, seconds 60, new_action drop, timeout 10',
      ].join('\n') + '\n',
    );
    const rs = loadRuleset([dir]);
    expect(rs.threshold?.applied).toBe(3);
    expect(rs.threshold?.ignored.length).toBe(1);
    const engine = createEngine({ workers: 1, rules: rs.compiled, ordered: true });
    const alerts: Alert[] = [];
    engine.alerts$.subscribe((a) => alerts.push(a));
    try {
      await engine.run(fromFile(join(DEMO, 'demo.pcap')));
    } finally {
      await engine.close();
    }
    const count = (sid: number): number => alerts.filter((a) => a.rule.sid === sid).length;
    expect(count(9000001)).toBe(1);
    expect(count(9000002)).toBe(0);
    expect(count(9000003)).toBe(1);
    expect(alerts.find((a) => a.rule.sid === 9000003)?.srcIp).not.toBe('10.162.229.159');
    expect(count(9000004)).toBe(1);
    expect(count(9000005)).toBe(1);
  });
});
