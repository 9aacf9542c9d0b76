/**
 * Rules for a run: load rule files and directories (with variables from --vars / --set, and the
 * classification.config beside them or given), compile the loadable rules into a ruleset, and
 * report what did not load or compile.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Classification } from '../rules/config.js';
import { loadClassificationFile, loadRules, type LoadResult } from '../rules/loader.js';
import { applySet, defaultVars, loadVarsFile } from '../rules/vars.js';
import { compileRuleset, type CompiledRuleset } from '../rules/compile/ruleset.js';

export interface RulesetFilesOptions {
  vars?: string;
  /** Variable assignments (NAME=VALUE or vars.address-groups.NAME=VALUE). */
  set?: readonly string[];
  classification?: string;
}

export interface LoadedRuleset {
  load: LoadResult;
  compiled: CompiledRuleset;
  classifications?: ReadonlyMap<string, Classification>;
  loadMs: number;
}

function findClassification(paths: readonly string[]): string | undefined {
  for (const p of paths) {
    try {
      const dir = statSync(p).isDirectory() ? p : dirname(p);
      const c = join(dir, 'classification.config');
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
  const clsFile = opts.classification ?? findClassification(paths);
  const cls = clsFile ? loadClassificationFile(clsFile) : undefined;
  const load = loadRules(paths, { vars, classifications: cls?.classes });
  const compiled = compileRuleset(load.rules);
  return { load, compiled, classifications: cls?.classes, loadMs: performance.now() - t0 };
}
