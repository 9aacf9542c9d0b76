/**
 * The shape of a rule keyword (one file per keyword under keywords/, registered in
 * keywords/index.ts). `parse` turns the option's text into a typed spec (throwing a RuleProblem
 * for a value outside the grammar); `apply` attaches the spec to the rule being built, where
 * checks that need context live (a content modifier needs a preceding content; byte_extract
 * variables must be defined before use).
 */
import type { OptionLoc, RuleDraft } from './types.js';

export interface KeywordMeta {
  /** The keyword exactly as written in rules. */
  readonly name: string;
  readonly summary: string;
  readonly syntax: string;
  readonly example: string;
}

export interface Keyword<S = unknown> {
  readonly meta: KeywordMeta;
  /** `value` is undefined for a keyword written without `:` (e.g. `nocase;`). */
  parse(value: string | undefined, rule: RuleDraft, loc: OptionLoc): S;
  apply(rule: RuleDraft, spec: S, loc: OptionLoc): void;
}

/** Erase a keyword's spec type for the registry (parse and apply always travel together). */
export function defineKeyword<S>(k: Keyword<S>): Keyword<unknown> {
  return k as Keyword<unknown>;
}
