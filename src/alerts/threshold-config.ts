/**
 * threshold.config (Suricata's global thresholds and suppressions) applied to loaded rules before
 * they are compiled: `threshold` / `event_filter` entries set the rule's threshold (overriding its
 * own), `suppress` without `ip` turns its alerts off (flowbits still act), `suppress` with `track`
 * and `ip` drops only the alerts whose source (by_src), destination (by_dst) or either address
 * (by_either) is in the list. `gen_id 0, sig_id 0` means every rule; `sig_id 0`, every rule of the
 * gid. rate_filter changes actions (IPS) and is reported as ignored.
 */
import type { ThresholdConfigEntry } from '../rules/config.js';
import type { Rule, TrackBy } from '../rules/types.js';
import { parseAddress, type AddressSpec, type VarLookup } from '../rules/values/address.js';

export interface Suppression {
  readonly track: 'by_src' | 'by_dst' | 'by_either';
  readonly addr: AddressSpec;
}

/** A rule with the suppressions threshold.config gave it (plain data: cloned to workers). */
export type SuppressedRule = Rule & { suppress?: Suppression[] };

export interface ThresholdApplyResult {
  applied: number;
  ignored: string[];
}

function matches(e: ThresholdConfigEntry, r: Rule): boolean {
  if (e.gid === 0 && e.sid === 0) return true;
  if (e.sid === 0) return r.gid === e.gid;
  return r.gid === e.gid && r.sid === e.sid;
}

export function applyThresholdConfig(
  rules: readonly Rule[],
  entries: readonly ThresholdConfigEntry[],
  lookup: VarLookup,
): ThresholdApplyResult {
  const out: ThresholdApplyResult = { applied: 0, ignored: [] };
  for (const e of entries) {
    const where = `threshold.config:${e.line}`;
    if (e.kind === 'rate_filter') {
      out.ignored.push(`${where}: rate_filter changes actions (IPS); ignored`);
      continue;
    }
    let suppression: Suppression | undefined;
    if (e.kind === 'suppress' && e.ip !== undefined) {
      const track = e.track === 'by_dst' ? 'by_dst' : e.track === 'by_either' ? 'by_either' : 'by_src';
      try {
        suppression = { track, addr: parseAddress(e.ip, lookup) };
      } catch (err) {
        out.ignored.push(`${where}: bad ip "${e.ip}": ${(err as Error).message}`);
        continue;
      }
    }
    for (const r of rules) {
      if (!matches(e, r)) continue;
      out.applied++;
      if (e.kind === 'suppress') {
        if (!suppression) r.noalert = true;
        else ((r as SuppressedRule).suppress ??= []).push(suppression);
      } else if (e.type && e.count !== undefined && e.seconds !== undefined) {
        if (e.gid === 0 && e.sid === 0 && (r.threshold || r.detectionFilter)) continue; // global: rules without their own
        r.threshold = {
          type: e.type,
          track: (e.track ?? 'by_src') as TrackBy,
          count: e.count,
          seconds: e.seconds,
        };
      }
    }
  }
  return out;
}
