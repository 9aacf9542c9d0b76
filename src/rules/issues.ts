/**
 * How a rule problem travels inside the parser: keyword parsers and value grammars throw a
 * `RuleProblem` (code + message + optional column/keyword), and the parser turns it into a
 * `RuleIssue` (src/errors.ts) carrying file:line:col and sid. Throwing keeps every keyword parser
 * a plain function from text to spec; loading is not on the hot path.
 *
 * Every problem also carries a `reason`: a short, value-free category ("unsupported keyword: urilen",
 * "bad value: pcre", "app-layer buffer not supported yet: http.uri") that `rules check` counts by.
 */
import type { RuleIssue } from '../errors.js';

export type RuleCode = RuleIssue['code'];

export class RuleProblem {
  /**
   * Deliberately not an `Error`: a load of ET Open creates ~20,000 of these (most rules are
   * reported, not loaded), and capturing a stack trace for each doubled the load time. They are
   * expected outcomes, not bugs; anything else thrown while parsing is a real error.
   */
  constructor(
    readonly code: RuleCode,
    readonly message: string,
    readonly reason: string,
    readonly keyword?: string,
    readonly col?: number,
  ) {}
}

/** A keyword value outside its grammar: `bad value for depth: "abc" (expected ...)`. */
export function badValue(keyword: string, message: string): never {
  throw new RuleProblem('ERR_RULE_BAD_VALUE', `${keyword}: ${message}`, `bad value: ${keyword}`, keyword);
}

/** Something netsift knows but does not implement (yet). */
export function unsupported(keyword: string, message: string, reason?: string): never {
  throw new RuleProblem(
    'ERR_RULE_UNSUPPORTED',
    `${keyword}: ${message}`,
    reason ?? `unsupported: ${keyword}`,
    keyword,
  );
}

export function syntaxError(message: string, reason = 'syntax error', col?: number): never {
  throw new RuleProblem('ERR_RULE_SYNTAX', message, reason, undefined, col);
}
