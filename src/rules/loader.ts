/**
 * Loading rule files and directories (`*.rules`, sorted by name, recursively) into rules and
 * failures. Every logical rule is either loaded or reported (file:line, sid, keyword, reason);
 * a duplicate gid:sid keeps the first rule and reports the later one. Loading never throws for
 * bad rule text: anything the parser raises that is not a rule problem would be a netsift bug,
 * and is reported as such for that rule (`internal error`) so one rule cannot stop a load.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleIssue } from '../errors.js';
import { type Classification, parseClassificationConfig } from './config.js';
import { splitLogicalLines } from './lexer.js';
import { createParseContext, type ParseContext, parseRule, type RuleFailure } from './parser.js';
import type { Rule } from './types.js';
import { addressLookup, defaultVars, portLookup, type RuleVars } from './vars.js';

export interface LoadOptions {
  readonly vars?: RuleVars;
  /** classification.config text already parsed; classtypes are checked against it. */
  readonly classifications?: ReadonlyMap<string, Classification>;
}

export interface LoadResult {
  readonly rules: Rule[];
  readonly failures: RuleFailure[];
  /** Logical rules seen (loaded + failed). */
  readonly total: number;
  /** Files read, in order. */
  readonly files: string[];
  /** Files or directories that could not be read. */
  readonly ioErrors: RuleIssue[];
  /** Issues of classification.config or other side files. */
  readonly configIssues: RuleIssue[];
  readonly elapsedMs: number;
}

export class RuleSetBuilder {
  readonly rules: Rule[] = [];
  readonly failures: RuleFailure[] = [];
  readonly files: string[] = [];
  readonly ioErrors: RuleIssue[] = [];
  readonly configIssues: RuleIssue[] = [];
  total = 0;
  private readonly ctx: ParseContext;
  private readonly sids = new Map<string, Rule>();
  private readonly started = performance.now();

  constructor(opts: LoadOptions = {}) {
    const vars = opts.vars ?? defaultVars();
    this.ctx = createParseContext(addressLookup(vars), portLookup(vars), opts.classifications);
  }

  addText(text: string, file: string): void {
    for (const l of splitLogicalLines(text)) {
      this.total++;
      let out: ReturnType<typeof parseRule>;
      try {
        out = parseRule(l.text, { file, line: l.line }, this.ctx);
      } catch (e) {
        out = {
          ok: false,
          failure: {
            file,
            line: l.line,
            issues: [
              { code: 'ERR_RULE_SYNTAX', file, line: l.line, message: `internal error: ${String(e)}` },
            ],
            reason: 'internal error',
            unsupported: [],
          },
        };
      }
      if (!out.ok) {
        this.failures.push(out.failure);
        continue;
      }
      const r = out.rule;
      const key = `${r.gid}:${r.sid}`;
      const first = this.sids.get(key);
      if (first) {
        this.failures.push({
          file,
          line: l.line,
          sid: r.sid,
          gid: r.gid,
          issues: [
            {
              code: 'ERR_RULE_DUPLICATE_SID',
              file,
              line: l.line,
              sid: r.sid,
              keyword: 'sid',
              message: `duplicate sid ${r.sid} (gid ${r.gid}): first defined at ${first.file}:${first.line}`,
            },
          ],
          reason: 'duplicate sid',
          unsupported: [],
        });
        continue;
      }
      this.sids.set(key, r);
      this.rules.push(r);
    }
  }

  addFile(path: string): void {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      this.ioErrors.push({
        code: 'ERR_RULE_IO',
        file: path,
        line: 0,
        message: `cannot read: ${(e as Error).message}`,
      });
      return;
    }
    this.files.push(path);
    this.addText(text, path);
  }

  /** A file, or a directory whose `*.rules` files (recursively, sorted) are read. */
  addPath(path: string): void {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (e) {
      this.ioErrors.push({
        code: 'ERR_RULE_IO',
        file: path,
        line: 0,
        message: `cannot read: ${(e as Error).message}`,
      });
      return;
    }
    if (!isDir) return this.addFile(path);
    for (const f of listRuleFiles(path)) this.addFile(f);
  }

  result(): LoadResult {
    return {
      rules: this.rules,
      failures: this.failures,
      total: this.total,
      files: this.files,
      ioErrors: this.ioErrors,
      configIssues: this.configIssues,
      elapsedMs: performance.now() - this.started,
    };
  }
}

export function listRuleFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.rules')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Read a classification.config; a missing or unreadable file is an I/O issue. */
export function loadClassificationFile(path: string): {
  classes?: Map<string, Classification>;
  issues: RuleIssue[];
} {
  try {
    const cfg = parseClassificationConfig(readFileSync(path, 'utf8'), path);
    return { classes: cfg.classes, issues: cfg.issues };
  } catch (e) {
    return {
      issues: [{ code: 'ERR_RULE_IO', file: path, line: 0, message: `cannot read: ${(e as Error).message}` }],
    };
  }
}

/** Load files and directories of rules. */
export function loadRules(paths: readonly string[], opts: LoadOptions = {}): LoadResult {
  const b = new RuleSetBuilder(opts);
  for (const p of paths) b.addPath(p);
  return b.result();
}

/** Load rules from text (tests, `-e` style use). */
export function loadRuleText(text: string, file = '<text>', opts: LoadOptions = {}): LoadResult {
  const b = new RuleSetBuilder(opts);
  b.addText(text, file);
  return b.result();
}
