/**
 * createEngine({ rules, vars }): rules given as files or text are loaded with the caller's
 * variables; a rule that does not load is reported (file, line, reason) and the others run.
 * The oracle is the generator's manifest of planted attacks and the rule text written here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCapture, type Manifest } from '../../../bench/gen/generate.js';
import { createEngine, fromFile } from '../../../src/engine.js';
import type { Alert } from '../../../src/alerts/record.js';
import { tempFile } from '../../helpers/engine.js';

const RULES = new URL('../../../bench/gen/attack.rules', import.meta.url).pathname;

async function alertsOf(path: string, opts: Parameters<typeof createEngine>[0]) {
  const engine = createEngine({ workers: 2, ordered: true, ...opts });
  const alerts: Alert[] = [];
  engine.alerts$.subscribe((a) => alerts.push(a));
  try {
    await engine.run(fromFile(path));
    return { alerts, report: engine.rulesReport };
  } finally {
    await engine.close();
  }
}

describe('createEngine rules and vars', () => {
  const { pcap, manifest } = generateCapture({ seed: 11, packets: 4000 }) as {
    pcap: Uint8Array;
    manifest: Manifest;
  };
  const path = tempFile(pcap, 'rules-option.pcap');
  const planted = manifest.attacks.map((a) => a.sid).sort((a, b) => a - b);

  it('loads rule files, and rule text with a bad line reported by line', async () => {
    const fromFiles = await alertsOf(path, { rules: { files: [RULES] } });
    expect(fromFiles.alerts.map((a) => a.rule.sid).sort((a, b) => a - b)).toEqual(planted);
    const text =
      readFileSync(RULES, 'utf8') +
      'alert tcp any any -> any any (msg:"broken"; content:"x"; nosuchkeyword; sid:1;)\n';
    const fromText = await alertsOf(path, { rules: { text, name: 'mine.rules' } });
    expect(fromText.alerts.map((a) => a.rule.sid).sort((a, b) => a - b)).toEqual(planted);
    const bad = fromText.report!.failures;
    expect(bad).toHaveLength(1);
    expect(bad[0]!.file).toBe('mine.rules');
    expect(bad[0]!.line).toBe(text.trimEnd().split('\n').length);
  }, 60_000);

  it('vars narrow $HOME_NET: the same rules written against it stop matching outside it', async () => {
    const rules = readFileSync(RULES, 'utf8').replace(
      /alert (\w+) any any -> any/g,
      'alert $1 any any -> $HOME_NET',
    );
    const all = await alertsOf(path, { rules: { text: rules }, vars: { HOME_NET: 'any' } });
    expect(all.alerts.length).toBe(planted.length);
    const none = await alertsOf(path, { rules: { text: rules }, vars: { HOME_NET: '[203.0.113.0/24]' } });
    expect(none.alerts).toEqual([]);
  }, 60_000);
});
