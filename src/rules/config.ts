/**
 * classification.config and threshold.config (Suricata "Rule Management": classification.config,
 * threshold.config). Both are line-oriented; `#` comments and blank lines are skipped; each bad
 * line is an issue with file:line, and the good lines load.
 *
 *   config classification: <shortname>,<description>,<priority>
 *   threshold gen_id <g>, sig_id <s>, type <threshold|limit|both>, track <by_src|...>,
 *             count <n>, seconds <t>
 *   event_filter ... (same keys as threshold)
 *   suppress gen_id <g>, sig_id <s>[, track <by_src|by_dst|by_either>, ip <address list>]
 *   rate_filter gen_id <g>, sig_id <s>, track <...>, count <n>, seconds <t>, new_action <action>, timeout <t>
 */
import type { RuleIssue } from '../errors.js';

export interface Classification {
  readonly name: string;
  readonly description: string;
  readonly priority: number;
}

export interface ClassificationConfig {
  readonly classes: Map<string, Classification>;
  readonly issues: RuleIssue[];
}

function issue(file: string, line: number, message: string): RuleIssue {
  return { code: 'ERR_RULE_SYNTAX', file, line, message };
}

export function parseClassificationConfig(text: string, file: string): ClassificationConfig {
  const classes = new Map<string, Classification>();
  const issues: RuleIssue[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const l = raw.trim();
    if (l === '' || l.startsWith('#')) return;
    const m = /^config\s+classification\s*:\s*([^,]+),([^,]*),\s*(\d+)\s*$/.exec(l);
    if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) {
      issues.push(
        issue(file, i + 1, `expected "config classification: <name>,<description>,<priority>", got "${l}"`),
      );
      return;
    }
    const name = m[1].trim();
    classes.set(name, { name, description: m[2].trim(), priority: Number(m[3]) });
  });
  return { classes, issues };
}

export type ThresholdConfigKind = 'threshold' | 'event_filter' | 'suppress' | 'rate_filter';

export interface ThresholdConfigEntry {
  readonly kind: ThresholdConfigKind;
  readonly line: number;
  readonly gid: number;
  /** 0 with gid 0 means "every rule" (Suricata). */
  readonly sid: number;
  readonly type?: 'threshold' | 'limit' | 'both';
  readonly track?: string;
  readonly count?: number;
  readonly seconds?: number;
  readonly ip?: string;
  readonly newAction?: string;
  readonly timeout?: number;
}

export interface ThresholdConfig {
  readonly entries: ThresholdConfigEntry[];
  readonly issues: RuleIssue[];
}

const KINDS: readonly ThresholdConfigKind[] = ['threshold', 'event_filter', 'suppress', 'rate_filter'];
const REQUIRED: Record<ThresholdConfigKind, readonly string[]> = {
  threshold: ['gen_id', 'sig_id', 'type', 'track', 'count', 'seconds'],
  event_filter: ['gen_id', 'sig_id', 'type', 'track', 'count', 'seconds'],
  suppress: ['gen_id', 'sig_id'],
  rate_filter: ['gen_id', 'sig_id', 'track', 'count', 'seconds', 'new_action', 'timeout'],
};
const NUMERIC = new Set(['gen_id', 'sig_id', 'count', 'seconds', 'timeout']);
const ALLOWED = new Set([
  'gen_id',
  'sig_id',
  'type',
  'track',
  'count',
  'seconds',
  'ip',
  'new_action',
  'timeout',
]);

export function parseThresholdConfig(text: string, file: string): ThresholdConfig {
  const entries: ThresholdConfigEntry[] = [];
  const issues: RuleIssue[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const l = raw.trim();
    const line = i + 1;
    if (l === '' || l.startsWith('#')) return;
    const sp = l.search(/\s/);
    const kind = KINDS.find((k) => k === (sp < 0 ? l : l.slice(0, sp)));
    if (!kind) {
      issues.push(issue(file, line, `unknown entry "${l.split(/\s/)[0]}" (expected ${KINDS.join(', ')})`));
      return;
    }
    const kv = new Map<string, string>();
    for (const part of l.slice(sp).split(',')) {
      const m = /^\s*(\S+)\s+(.+?)\s*$/.exec(part);
      if (!m || m[1] === undefined || m[2] === undefined) {
        issues.push(issue(file, line, `"${part.trim()}" is not "<key> <value>"`));
        return;
      }
      if (!ALLOWED.has(m[1])) {
        issues.push(issue(file, line, `unknown key "${m[1]}" in ${kind}`));
        return;
      }
      if (NUMERIC.has(m[1]) && !/^\d+$/.test(m[2])) {
        issues.push(issue(file, line, `${m[1]} "${m[2]}" is not a number`));
        return;
      }
      kv.set(m[1], m[2]);
    }
    const missing = REQUIRED[kind].filter((k) => !kv.has(k));
    if (missing.length) {
      issues.push(issue(file, line, `${kind} is missing ${missing.join(', ')}`));
      return;
    }
    const type = kv.get('type');
    if (type !== undefined && type !== 'threshold' && type !== 'limit' && type !== 'both') {
      issues.push(issue(file, line, `unknown type "${type}"`));
      return;
    }
    const num = (k: string): number | undefined => (kv.has(k) ? Number(kv.get(k)) : undefined);
    entries.push({
      kind,
      line,
      gid: num('gen_id') ?? 1,
      sid: num('sig_id') ?? 0,
      type,
      track: kv.get('track'),
      count: num('count'),
      seconds: num('seconds'),
      ip: kv.get('ip'),
      newAction: kv.get('new_action'),
      timeout: num('timeout'),
    });
  });
  return { entries, issues };
}
