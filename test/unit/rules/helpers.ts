/** Test helpers: parse one rule with default variables and return the rule or its failure. */
import { createParseContext, parseRule, type RuleFailure } from '../../../src/rules/parser.js';
import type { Rule } from '../../../src/rules/types.js';
import { addressLookup, defaultVars, portLookup } from '../../../src/rules/vars.js';

export function ctx() {
  const v = defaultVars();
  return createParseContext(addressLookup(v), portLookup(v));
}

export function parse(text: string): { rule?: Rule; failure?: RuleFailure } {
  const out = parseRule(text, { file: 'test.rules', line: 1 }, ctx());
  return out.ok ? { rule: out.rule } : { failure: out.failure };
}

/** Parse options inside a plain tcp rule; throws with the issues when it does not load. */
export function opts(options: string, header = 'alert tcp any any -> any any'): Rule {
  const r = parse(`${header} (${options} sid:1;)`);
  if (!r.rule) throw new Error(r.failure?.issues.map((i) => i.message).join('; '));
  return r.rule;
}

/** The first issue's message of a rule that must fail. */
export function fails(options: string, header = 'alert tcp any any -> any any'): RuleFailure {
  const r = parse(`${header} (${options} sid:1;)`);
  if (!r.failure) throw new Error(`expected a failure for: ${options}`);
  return r.failure;
}

/** The first issue's message of a rule that must fail (what the keyword tests compare). */
export function reason(options: string, header?: string): string {
  return fails(options, header).issues[0]?.message ?? '';
}
