/** engine.reload: rules swapped between runs and during one, on every worker at the same point. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCapture } from '../../../bench/gen/generate.js';
import type { Alert } from '../../../src/alerts/record.js';
import { createEngine, fromFile } from '../../../src/engine.js';
import { ConfigError } from '../../../src/errors.js';
import { compileRuleset } from '../../../src/rules/compile/ruleset.js';
import { parseRulesText } from '../../helpers/rules.js';
import { tempFile } from '../../helpers/engine.js';

const ALL = readFileSync(new URL('../../../bench/gen/attack.rules', import.meta.url), 'utf8');
const only = (sid: number): string =>
  ALL.split('\n')
    .filter((l) => l.includes(`sid:${sid};`))
    .join('\n');

describe('engine.reload', () => {
  const { pcap, manifest } = generateCapture({ seed: 12, packets: 6000 });
  const capture = tempFile(pcap!, 'reload.pcap');
  const sids = [...new Set(manifest.attacks.map((a) => a.sid))].sort();

  it('alerts with the new rules after a reload between runs, flows and workers kept', async () => {
    const first = sids[0]!;
    const engine = createEngine({ workers: 2, rules: compileRuleset(parseRulesText(only(first))) });
    const alerts: Alert[] = [];
    engine.alerts$.subscribe((a) => alerts.push(a));
    try {
      await engine.run(fromFile(capture));
      expect(new Set(alerts.map((a) => a.rule.sid))).toEqual(new Set([first]));
      alerts.length = 0;
      await engine.reload(compileRuleset(parseRulesText(ALL)));
      await engine.run(fromFile(capture));
      expect([...new Set(alerts.map((a) => a.rule.sid))].sort()).toEqual(sids);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('switches during a run without losing a chunk, and every alert names a loaded rule', async () => {
    const engine = createEngine({
      workers: 2,
      chunkSize: 64 * 1024,
      rules: compileRuleset(parseRulesText(only(sids[0]!))),
    });
    const alerts: Alert[] = [];
    engine.alerts$.subscribe((a) => alerts.push(a));
    let reloading: Promise<void> | undefined;
    try {
      const stats = await engine.run(fromFile(capture), {
        onProgress: (p) => {
          if (!reloading && p.rawBytes > 1 << 20)
            reloading = engine.reload(compileRuleset(parseRulesText(ALL)));
        },
      });
      await reloading;
      expect(reloading).toBeDefined();
      expect(stats.packets).toBe(manifest.packets);
      for (const a of alerts) expect(sids).toContain(a.rule.sid);
      // attacks late in the capture come after the switch: found by the new rules
      const late = manifest.attacks.filter((a) => a.sid !== sids[0] && Math.min(...a.packets) > 5000);
      for (const a of late) expect(alerts.some((x) => x.rule.sid === a.sid)).toBe(true);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('refuses to reload an engine created without rules', async () => {
    const engine = createEngine({ workers: 1 });
    try {
      await expect(engine.reload(compileRuleset(parseRulesText(ALL)))).rejects.toBeInstanceOf(ConfigError);
    } finally {
      await engine.close();
    }
  });
});
