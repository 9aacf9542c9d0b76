/**
 * Destination-port groups change what the matcher scans, never what alerts: a generated capture
 * with rules on many destination ports (frequent short contents, `->`, `<>`, lists, ranges,
 * negations) gives the same alerts with the groups as with one group per protocol.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCapture } from '../../../bench/gen/generate.js';
import { compileRuleset, type CompiledRuleset } from '../../../src/rules/compile/ruleset.js';
import { loadRuleText } from '../../../src/rules/loader.js';
import { alertsOf } from '../../helpers/alerts.js';

const CONTENTS = ['GET', 'HTTP', 'Host', '|00 01|', '|00 00|', 'e', 'com', '|16 03|', 'a', '.'];
const PORTS = ['80', '443', '53', '445', '1024:', '!80', 'any', '[80,443]', '[53,5353]', '0:1023'];

function rulesText(): string {
  const lines: string[] = [];
  let sid = 1;
  for (const proto of ['tcp', 'udp']) {
    for (const port of PORTS) {
      CONTENTS.forEach((c, i) => {
        const dir = i % 5 === 0 ? '<>' : '->';
        lines.push(`alert ${proto} any any ${dir} any ${port} (content:"${c}"; sid:${sid++};)`);
        // a content-less rule per port too: the header-only lists are grouped as well
        if (i === 0) lines.push(`alert ${proto} any any ${dir} any ${port} (dsize:>0; sid:${sid++};)`);
      });
    }
  }
  return lines.join('\n');
}

async function alerts(path: string, rs: CompiledRuleset): Promise<string[]> {
  return (await alertsOf(path, rs)).map((a) => `${a.rule.sid}@${a.pktNum}/${a.stream}`).sort();
}

describe('destination-port groups', () => {
  it('give the same alerts as one group per protocol', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsift-portgroups-'));
    const path = join(dir, 'gen.pcap');
    writeFileSync(path, (generateCapture({ seed: 11, packets: 3000 }) as { pcap: Uint8Array }).pcap);
    const rules = loadRuleText(rulesText()).rules;
    const grouped = compileRuleset(rules, { portGroups: 8 });
    const flat = compileRuleset(rules, { portGroups: 0 });
    expect(grouped.stats.groups.filter((g) => g.name.includes('dport')).length).toBeGreaterThanOrEqual(4);
    expect(flat.stats.groups.some((g) => g.name.includes('dport'))).toBe(false);
    const want = await alerts(path, flat);
    expect(want.length).toBeGreaterThan(1000);
    expect(await alerts(path, grouped)).toEqual(want);
  });
});
