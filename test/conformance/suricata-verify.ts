/**
 * Running one suricata-verify test (../shared/corpus/suricata-verify/<dir>: pcap, test.rules,
 * expected.json) through netsift in-process, and scoring its alert expectations: alert counts per
 * signature_id, exact when the expectation names only the sid; with match_extra, alerts are
 * filtered on the EVE fields netsift emits, and the count is a lower bound when some field is one
 * netsift does not emit (README of the corpus).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, fromFile } from '../../src/engine.js';
import type { Alert } from '../../src/alerts/record.js';
import { loadRules } from '../../src/rules/loader.js';
import { compileRuleset } from '../../src/rules/compile/ruleset.js';
import { defaultVars } from '../../src/rules/vars.js';
import { parseSuricataOptions } from '../../src/cli/suricata-options.js';
import { eveAlertEvent } from '../../src/outputs/eve-alert.js';

export const CORPUS = new URL('../../../shared/corpus/suricata-verify/', import.meta.url).pathname;

/** The corpus's capture files (paths relative to CORPUS), one per distinct file (several tests share one). */
export const SV_CAPTURES: readonly string[] = [
  ...new Map(
    readdirSync(CORPUS)
      .flatMap((d) => {
        try {
          return readdirSync(join(CORPUS, d))
            .filter((f) => /\.(pcap|pcapng)$/.test(f))
            .map((f) => join(d, f));
        } catch {
          return [];
        }
      })
      .map((p) => [readFileSync(join(CORPUS, p)).length + ':' + p.split('/').pop(), p] as const),
  ).values(),
].sort();

export interface Expectation {
  signature_id: number | null;
  count: number;
  exact: boolean;
  match_extra?: Record<string, unknown>;
}

export interface CaseResult {
  dir: string;
  group: string;
  status: 'pass' | 'fail' | 'skip';
  reason: string;
  alerts: Record<string, number>;
}

/** EVE alert fields netsift emits (match_extra on anything else makes the count a lower bound). */
const KNOWN_FIELDS = new Set([
  'pcap_cnt',
  'src_ip',
  'dest_ip',
  'src_port',
  'dest_port',
  'proto',
  'stream',
  'alert.action',
  'alert.severity',
  'alert.gid',
  'alert.rev',
  'alert.signature',
  'alert.category',
  'app_proto',
  'direction',
  'tx_id',
  'icmp_type',
  'icmp_code',
]);
/** Objects netsift writes whole into alert events (the transaction's fields). */
const KNOWN_OBJECTS = ['http.', 'tls.', 'dns.'];

function knownField(path: string): boolean {
  return KNOWN_FIELDS.has(path) || KNOWN_OBJECTS.some((o) => path.startsWith(o));
}

/** A dotted EVE path, with array indexes as suricata-verify writes them (`dns.queries[0].rrtype`). */
function field(ev: Record<string, unknown>, path: string): unknown {
  let cur: unknown = ev;
  for (const part of path.split('.')) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    cur = (cur as Record<string, unknown> | undefined)?.[m?.[1] ?? part];
    for (const [, i] of (m?.[2] ?? '').matchAll(/\[(\d+)\]/g))
      cur = (cur as unknown[] | undefined)?.[Number(i)];
  }
  return cur;
}

export function listCases(): string[] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(CORPUS, d.name, 'expected.json')))
    .map((d) => d.name)
    .sort();
}

export async function runCase(dir: string): Promise<CaseResult> {
  const base = join(CORPUS, dir);
  const exp = JSON.parse(readFileSync(join(base, 'expected.json'), 'utf8')) as {
    alert_expectations: Expectation[];
    group: string;
    config: { args: string[] };
    source?: { pcap_path?: string };
  };
  const group = exp.group;
  const result = (status: CaseResult['status'], reason: string, alerts = {}): CaseResult => ({
    dir,
    group,
    status,
    reason,
    alerts,
  });
  if (exp.alert_expectations.length === 0) return result('skip', 'no alert expectations');
  const pcap = readdirSync(base).find((f) => /\.(pcap|pcapng|cap)$/.test(f));
  if (!pcap) return result('skip', 'no pcap in the test directory');
  const load = loadRules([join(base, 'test.rules')], { vars: defaultVars() });
  if (load.failures.length) {
    const why = [
      ...new Set(
        load.failures.map((f) =>
          f.unsupported.length ? `unsupported ${f.unsupported.join(',')}` : f.reason,
        ),
      ),
    ];
    return result('skip', `rules not loaded: ${why.join('; ')}`);
  }
  const compiled = compileRuleset(load.rules);
  if (compiled.skipped.length) {
    return result(
      'skip',
      `rules not compiled: ${[...new Set(compiled.skipped.map((s) => s.reason))].join('; ')}`,
    );
  }
  const args = exp.config.args.join(' ');
  const sets = [...args.matchAll(/--set\s+(\S+)/g)].map((m) => m[1] as string);
  const k = /-k\s+(\S+)/.exec(args)?.[1];
  const settings = parseSuricataOptions(k, sets);
  const engine = createEngine({
    workers: Number(process.env.SV_WORKERS ?? 1),
    rules: compiled,
    ordered: true,
    flowConfig: settings.flowConfig,
  });
  const alerts: Alert[] = [];
  engine.alerts$.subscribe((a) => alerts.push(a));
  try {
    await engine.run(fromFile(join(base, pcap)));
  } finally {
    await engine.close();
  }
  const events = alerts.map((a) => eveAlertEvent(a, { communityId: false }));
  const bySid: Record<string, number> = {};
  for (const a of alerts) bySid[a.rule.sid] = (bySid[a.rule.sid] ?? 0) + 1;
  const problems: string[] = [];
  for (const e of exp.alert_expectations) {
    let evs = events.filter(
      (ev) => e.signature_id === null || field(ev, 'alert.signature_id') === e.signature_id,
    );
    let lowerBound = false;
    for (const [k, v] of Object.entries(e.match_extra ?? {})) {
      if (knownField(k)) evs = evs.filter((ev) => field(ev, k) === v);
      else lowerBound = true;
    }
    const got = evs.length;
    const ok = lowerBound ? got >= e.count : got === e.count;
    if (!ok) {
      const extra = e.match_extra ? ` ${JSON.stringify(e.match_extra).slice(0, 80)}` : '';
      problems.push(
        `sid ${e.signature_id ?? 'any'}: ${got} alerts, expected ${lowerBound ? '>=' : ''}${e.count}${extra}`,
      );
    }
  }
  return problems.length ? result('fail', problems.join('; '), bySid) : result('pass', '', bySid);
}
