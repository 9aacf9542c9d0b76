/**
 * Rules for a run: load rule files and directories (with variables from --vars / --set, and the
 * classification.config beside them or given), compile the loadable rules into a ruleset, and
 * report what did not load or compile.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Classification } from '../rules/config.js';
import { loadClassificationFile, loadRules, type LoadResult } from '../rules/loader.js';
import { addressLookup, applySet, defaultVars, loadVarsFile } from '../rules/vars.js';
import { parseThresholdConfig } from '../rules/config.js';
import { applyThresholdConfig, type ThresholdApplyResult } from './threshold-config.js';
import { compileRuleset, type CompiledRuleset } from '../rules/compile/ruleset.js';

export interface RulesetFilesOptions {
  vars?: string;
  /** Variable assignments (NAME=VALUE or vars.address-groups.NAME=VALUE). */
  set?: readonly string[];
  classification?: string;
  /** threshold.config (default: the one beside the rules, if any). */
  threshold?: string;
}

export interface LoadedRuleset {
  load: LoadResult;
  compiled: CompiledRuleset;
  classifications?: ReadonlyMap<string, Classification>;
  /** threshold.config applied (file, entries applied to rules, entries ignored with why). */
  threshold?: ThresholdApplyResult & { file: string };
  loadMs: number;
}

function findBeside(paths: readonly string[], name: string): string | undefined {
  for (const p of paths) {
    try {
      const dir = statSync(p).isDirectory() ? p : dirname(p);
      const c = join(dir, name);
      if (existsSync(c)) return c;
    } catch {
      // the loader reports unreadable paths
    }
  }
  return undefined;
}

export function loadRuleset(paths: readonly string[], opts: RulesetFilesOptions = {}): LoadedRuleset {
  const t0 = performance.now();
  const vars = defaultVars();
  if (opts.vars) loadVarsFile(vars, opts.vars);
  for (const s of opts.set ?? []) applySet(vars, s);
  const clsFile = opts.classification ?? findBeside(paths, 'classification.config');
  const cls = clsFile ? loadClassificationFile(clsFile) : undefined;
  const load = loadRules(paths, { vars, classifications: cls?.classes });
  const thrFile = opts.threshold ?? findBeside(paths, 'threshold.config');
  let threshold: LoadedRuleset['threshold'];
  if (thrFile) {
    const cfg = parseThresholdConfig(readFileSync(thrFile, 'utf8'), thrFile);
    threshold = { file: thrFile, ...applyThresholdConfig(load.rules, cfg.entries, addressLookup(vars)) };
    threshold.ignored.push(...cfg.issues.map((i) => `${i.file}:${i.line}: ${i.message}`));
  }
  const compiled = compileRuleset(load.rules);
  return { load, compiled, classifications: cls?.classes, threshold, loadMs: performance.now() - t0 };
}
