/**
 * Labelled attack scenarios mixed into benign generated traffic (`npm run gen -- --scenarios
 * all --labels labels.csv`), explicit registry. Each scenario returns timed packets and one
 * label row per attack flow; generate.ts merges the packets into the benign stream by time.
 */
import type { GenContext } from '../context.js';
import { beacon } from './beacon.js';
import { bruteforce } from './bruteforce.js';
import type { ScenarioFn, ScenarioOutput } from './common.js';
import { dnstunnel } from './dnstunnel.js';
import { portscan } from './portscan.js';
import { slowhttp } from './slowhttp.js';
import { synflood } from './synflood.js';

export type { ScenarioOutput, TimedSpec } from './common.js';

export const SCENARIOS: Readonly<Record<string, ScenarioFn>> = {
  portscan,
  synflood,
  bruteforce,
  slowhttp,
  beacon,
  dnstunnel,
};

export const SCENARIO_NAMES = Object.keys(SCENARIOS);

/** "all" or a comma list → names (unknown names throw). */
export function parseScenarioList(text: string): string[] {
  if (text === 'all') return SCENARIO_NAMES;
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) {
    if (!SCENARIOS[n]) throw new Error(`unknown scenario "${n}" (all, ${SCENARIO_NAMES.join(', ')})`);
  }
  return names;
}

/**
 * Plan the scenarios over [startUs, startUs + spanUs]: each gets a scale drawn from the seed
 * (0.6-1.4 × `scale`), so seeds differ in their attack mix. Packets come back sorted by time.
 */
export function planScenarios(
  ctx: GenContext,
  names: readonly string[],
  startUs: number,
  spanUs: number,
  scale = 1,
): ScenarioOutput {
  const out: ScenarioOutput = { packets: [], labels: [] };
  for (const n of names) {
    const s = SCENARIOS[n]!(ctx, startUs, spanUs, scale * (0.6 + 0.8 * ctx.rng.float()));
    out.packets.push(...s.packets);
    out.labels.push(...s.labels);
  }
  out.packets.sort((a, b) => a.tsUs - b.tsUs);
  return out;
}
