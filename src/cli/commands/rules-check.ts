/**
 * `netsift rules check FILE|DIR... [--json] [--vars FILE] [--set VAR=VALUE] [--verbose]`:
 * load rule files the way the engine will and report what loads, what fails and why, and which
 * unsupported keywords and app-layer buffers are used most. A directory's classification.config is
 * used to check classtypes unless `--classification` names another file; its threshold.config (or
 * `--threshold FILE`) is checked too and its entry count reported.
 * Exit 0 when it ran (even with failed rules); 3 when no file could be read or no rule loaded.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT_BAD_INPUT, EXIT_OK } from '../../errors.js';
import { parseThresholdConfig } from '../../rules/config.js';
import { loadClassificationFile, loadRules, type LoadResult } from '../../rules/loader.js';
import type { RuleFailure } from '../../rules/parser.js';
import { unsupportedReason } from '../../rules/compile/ruleset.js';
import type { Rule } from '../../rules/types.js';
import { applySet, defaultVars, loadVarsFile } from '../../rules/vars.js';

export interface RulesCheckOptions {
  json?: boolean;
  vars?: string;
  set?: string[];
  verbose?: boolean;
  classification?: string;
  threshold?: string;
}

export interface RulesCheckReport {
  total: number;
  loaded: number;
  failed: number;
  by_reason: Record<string, number>;
  unsupported_keywords: Record<string, number>;
  /** Loaded rules with a part netsift does not do (e.g. tag's packet logging), by notice. */
  notices: Record<string, number>;
  files: number;
  load_ms: number;
  io_errors: string[];
  threshold_entries?: number;
  failures: { file: string; line: number; sid?: number; keyword?: string; reason: string; message: string }[];
}

const LIST_LIMIT = 50;

function countSorted(items: Iterable<string>): Record<string, number> {
  const m = new Map<string, number>();
  for (const k of items) m.set(k, (m.get(k) ?? 0) + 1);
  return Object.fromEntries([...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

function failureLine(f: RuleFailure): RulesCheckReport['failures'][number] {
  const i = f.issues[0];
  const keyword = i?.keyword;
  let message = i?.message ?? f.reason;
  if (keyword !== undefined && message.startsWith(`${keyword}: `))
    message = message.slice(keyword.length + 2);
  return { file: f.file, line: f.line, sid: f.sid, keyword, reason: f.reason, message };
}

export function buildReport(r: LoadResult, verbose: boolean): RulesCheckReport {
  const failures = verbose ? r.failures : r.failures.slice(0, LIST_LIMIT);
  return {
    total: r.total,
    loaded: r.rules.length,
    failed: r.failures.length,
    by_reason: countSorted(r.failures.map((f) => f.reason)),
    unsupported_keywords: countSorted(r.failures.flatMap((f) => f.unsupported)),
    notices: countSorted(r.rules.flatMap((x) => x.notices ?? [])),
    files: r.files.length,
    load_ms: Math.round(r.elapsedMs),
    io_errors: r.ioErrors.map((i) => `${i.file}: ${i.message}`),
    failures: failures.map(failureLine),
  };
}

export function formatReport(rep: RulesCheckReport): string {
  const pct = (n: number): string => (rep.total ? ((100 * n) / rep.total).toFixed(1) : '0.0');
  const out: string[] = [];
  for (const e of rep.io_errors) out.push(`error: ${e}`);
  out.push(
    `${rep.total} rules in ${rep.files} files: ${rep.loaded} loaded (${pct(rep.loaded)}%), ` +
      `${rep.failed} failed, in ${(rep.load_ms / 1000).toFixed(2)} s`,
  );
  if (rep.failed) {
    out.push('', 'failed by reason:');
    for (const [k, v] of Object.entries(rep.by_reason)) out.push(`${String(v).padStart(8)}  ${k}`);
  }
  const notices = Object.entries(rep.notices);
  if (notices.length) {
    out.push('', 'loaded, with a part not done (rules):');
    for (const [k, v] of notices) out.push(`${String(v).padStart(8)}  ${k}`);
  }
  const kws = Object.entries(rep.unsupported_keywords);
  if (kws.length) {
    out.push('', 'unsupported keywords and buffers (rules using them):');
    for (const [k, v] of kws) out.push(`${String(v).padStart(8)}  ${k}`);
  }
  if (rep.failures.length) {
    out.push('', 'failed rules:');
    for (const f of rep.failures) {
      out.push(`${f.file}:${f.line}: sid ${f.sid ?? '?'}: ${f.keyword ?? 'rule'}: ${f.message}`);
    }
    if (rep.failed > rep.failures.length) {
      out.push(`... and ${rep.failed - rep.failures.length} more (--verbose lists all)`);
    }
  }
  return out.join('\n') + '\n';
}

/**
 * Rules that parse but that the compiler would skip (compile/ruleset.ts unsupportedReason, e.g. an
 * app-layer rule with stream_size) count as failed too, reason `not compiled: ...`, so that
 * `loaded` is what the engine will run.
 */
function withCompileChecks(r: LoadResult): LoadResult {
  const rules: Rule[] = [];
  const failures: RuleFailure[] = [...r.failures];
  for (const rule of r.rules) {
    const why = unsupportedReason(rule);
    if (why === undefined) {
      rules.push(rule);
      continue;
    }
    const reason = `not compiled: ${why}`;
    failures.push({
      file: rule.file,
      line: rule.line,
      sid: rule.sid,
      gid: rule.gid,
      issues: [{ code: 'ERR_RULE_UNSUPPORTED', message: reason, file: rule.file, line: rule.line, col: 1 }],
      reason,
      unsupported: [],
    });
  }
  return { ...r, rules, failures };
}

/** `name` inside the first directory argument that has it. */
function findBeside(paths: string[], name: string): string | undefined {
  for (const p of paths) {
    const candidate = join(p, name);
    if (existsSync(p) && statSync(p).isDirectory() && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Run the check; returns the exit code (exported for tests). */
export function runRulesCheck(paths: string[], opts: RulesCheckOptions, write: (s: string) => void): number {
  const vars = defaultVars();
  if (opts.vars) loadVarsFile(vars, opts.vars);
  for (const s of opts.set ?? []) applySet(vars, s);
  const clsFile = opts.classification ?? findBeside(paths, 'classification.config');
  const thrFile = opts.threshold ?? findBeside(paths, 'threshold.config');
  const cls = clsFile !== undefined ? loadClassificationFile(clsFile) : undefined;
  const loaded = loadRules(paths, { vars, classifications: cls?.classes });
  const result = withCompileChecks(loaded);
  const rep = buildReport(result, opts.verbose ?? false);
  if (cls?.issues.length) rep.io_errors.push(...cls.issues.map((i) => `${i.file}:${i.line}: ${i.message}`));
  if (thrFile !== undefined) {
    try {
      const thr = parseThresholdConfig(readFileSync(thrFile, 'utf8'), thrFile);
      rep.threshold_entries = thr.entries.length;
      rep.io_errors.push(...thr.issues.map((i) => `${i.file}:${i.line}: ${i.message}`));
    } catch (e) {
      rep.io_errors.push(`${thrFile}: cannot read: ${(e as Error).message}`);
    }
  }
  write(opts.json ? JSON.stringify(rep) + '\n' : formatReport(rep));
  return result.files.length === 0 || result.rules.length === 0 ? EXIT_BAD_INPUT : EXIT_OK;
}

export function registerRulesCheck(program: Command): void {
  const rules =
    program.commands.find((c) => c.name() === 'rules') ??
    program.command('rules').description('work with rule files');
  rules
    .command('check')
    .description('load Suricata/Snort rule files and report what loads, what fails and why')
    .argument('<paths...>', 'rule files or directories of *.rules')
    .option('--json', 'print one JSON document')
    .option('--vars <file>', 'address/port variables from a JSON or YAML (suricata.yaml-shaped) file')
    .option('--set <VAR=VALUE>', 'set a variable (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--classification <file>', 'classification.config to check classtypes against')
    .option('--threshold <file>', 'threshold.config to check')
    .option('--verbose', 'list every failed rule')
    .action((paths: string[], opts: RulesCheckOptions) => {
      process.exitCode = runRulesCheck(paths, opts, (s) => process.stdout.write(s));
    });
}
