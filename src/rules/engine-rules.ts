/**
 * Rules as createEngine takes them: already compiled, or rule files / rule text loaded here with
 * the caller's variables ($HOME_NET, $HTTP_PORTS, ... over Suricata's defaults). Rules that fail
 * to load or to compile do not stop the engine: they are listed in the report, with file, line
 * and reason, as `netsift rules check` lists them.
 */
import { loadRules, loadRuleText } from './loader.js';
import type { RuleFailure } from './parser.js';
import { compileRuleset, type CompiledRuleset, type SkippedRule } from './compile/ruleset.js';
import { applySet, defaultVars, type RuleVars } from './vars.js';

export type EngineRules = CompiledRuleset | { files: readonly string[] } | { text: string; name?: string };

/** Variables: `{ HOME_NET: '[10.0.0.0/8]', HTTP_PORTS: '80' }` (set over the defaults) or full RuleVars. */
export type EngineVars = Readonly<Record<string, string>> | RuleVars;

export interface RulesReport {
  readonly loaded: number;
  /** Rules that did not parse (file, line, sid, reason). */
  readonly failures: readonly RuleFailure[];
  /** Rules that parsed but use something the engine cannot match yet (with the reason). */
  readonly skipped: readonly SkippedRule[];
}

function isCompiled(r: EngineRules): r is CompiledRuleset {
  return 'blob' in r;
}

function isRuleVars(v: EngineVars): v is RuleVars {
  return typeof (v as RuleVars).address === 'object' && typeof (v as RuleVars).port === 'object';
}

export function ruleVarsOf(vars: EngineVars | undefined): RuleVars {
  if (vars && isRuleVars(vars)) return vars;
  const out = defaultVars();
  for (const [k, v] of Object.entries(vars ?? {})) applySet(out, `${k}=${v}`);
  return out;
}

export function resolveEngineRules(
  rules: EngineRules,
  vars?: EngineVars,
): { compiled: CompiledRuleset; report: RulesReport } {
  if (isCompiled(rules)) {
    return { compiled: rules, report: { loaded: rules.rules.length, failures: [], skipped: rules.skipped } };
  }
  const opts = { vars: ruleVarsOf(vars) };
  const loaded = 'files' in rules ? loadRules(rules.files, opts) : loadRuleText(rules.text, rules.name, opts);
  const compiled = compileRuleset(loaded.rules);
  return {
    compiled,
    report: { loaded: compiled.rules.length, failures: loaded.failures, skipped: compiled.skipped },
  };
}
