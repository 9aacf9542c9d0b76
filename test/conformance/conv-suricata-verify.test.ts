/**
 * Flow events against suricata-verify (../shared/corpus/suricata-verify, DEV set): every
 * test.yaml check that counts `event_type: flow` events is run against netsift's EVE flow events
 * for that test's pcap (`netsift flows --json`). A check passes when the number of events whose
 * fields equal every `match` field (dotted paths, `[i]` for array items) equals its `count`.
 *
 * Checks on fields netsift does not produce yet are listed in NOT_APPLICABLE with the reason (the
 * test fails when such a field starts to be produced, so the list cannot rot). netsift always
 * picks up TCP sessions mid-stream (Suricata's `stream.midstream: true`, which most of these tests
 * set); checks written for `midstream: false` are listed too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { eveFlowEvent } from '../../src/outputs/eve-flow.js';
import { flowsWithLongTimeouts } from '../unit/flow/run.js';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const SV = resolve(REPO_ROOT, '../shared/corpus/suricata-verify');

interface Check {
  test: string;
  index: number;
  count: number;
  match: Record<string, unknown>;
}

function flowChecks(): Check[] {
  const out: Check[] = [];
  for (const test of readdirSync(SV).sort()) {
    let yaml: { checks?: { filter?: { count?: number; match?: Record<string, unknown> } }[] };
    try {
      yaml = parse(readFileSync(join(SV, test, 'test.yaml'), 'utf8')) as typeof yaml;
    } catch {
      continue;
    }
    (yaml.checks ?? []).forEach((c, index) => {
      const f = c.filter;
      if (!f || f.match?.event_type !== 'flow' || f.count === undefined) return;
      const { event_type: _ignored, ...match } = f.match;
      out.push({ test, index, count: f.count, match });
    });
  }
  return out;
}

/** Value at a dotted path with `[i]` array steps ("flow.exception_policy[0].target"). */
function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(part);
    if (!m || cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[m[1]!];
    if (m[2] !== undefined) cur = Array.isArray(cur) ? cur[Number(m[2])] : undefined;
  }
  return cur;
}

/** Checks that need what netsift does not produce (yet), by test and check index. */
export const NOT_APPLICABLE: Readonly<Record<string, string>> = {
  'eve-ip-version-4#2': 'the `ip_v` field (eve.ip-version option) is not emitted',
  'exception-policy-default-04#5': 'flow.exception_policy (Suricata exception policies) is not emitted',
  'smb1-03-midstream#3':
    'app_proto "smb": these flows are made without the app layer (with it, `netsift read` writes smb: detected, not parsed)',
  'stream-async__http__stream-async-6063-srv-03#3':
    'app_proto "http", flow.alerted and tcp.ts_max_regions/tc_max_regions are not emitted',
};

const pcapOf = (test: string): string => {
  const f = readdirSync(join(SV, test)).find((x) => x.endsWith('.pcap'));
  if (!f) throw new Error(`${test}: no pcap`);
  return join(SV, test, f);
};

describe('EVE flow events vs suricata-verify flow checks', () => {
  const checks = flowChecks();
  it('finds the flow checks', () => {
    expect(checks.length).toBeGreaterThan(10);
  });
  it.each(checks.map((c) => [`${c.test}#${c.index}`, c] as const))('%s', async (id, c) => {
    const events = (await flowsWithLongTimeouts([pcapOf(c.test)])).map((f) => eveFlowEvent(f));
    const matching = events.filter((e) => Object.entries(c.match).every(([k, v]) => at(e, k) === v)).length;
    if (NOT_APPLICABLE[id]) {
      expect(matching, `${id} now passes: remove it from NOT_APPLICABLE`).not.toBe(c.count);
      return;
    }
    expect(matching, JSON.stringify(c.match)).toBe(c.count);
  });
});
