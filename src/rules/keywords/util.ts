/**
 * Small helpers shared by keyword parsers: value presence, singletons, comma-separated arguments,
 * and the "modifier needs a preceding content" rule (Suricata: "no preceding content").
 */
import { badValue } from '../issues.js';
import { PAYLOAD_BUFFER, type ContentSpec, type RuleDraft, type TransformName } from '../types.js';

export function requireValue(keyword: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') badValue(keyword, 'needs a value');
  return value.trim();
}

export function noValue(keyword: string, value: string | undefined): void {
  if (value !== undefined && value.trim() !== '') badValue(keyword, `takes no value, got "${value}"`);
}

/** A keyword that may appear once per rule. */
export function once(rule: RuleDraft, keyword: string): void {
  if (rule.seen.has(keyword)) badValue(keyword, 'appears more than once in the rule');
  rule.seen.add(keyword);
}

/** Comma-separated arguments, trimmed (empty ones kept so callers can reject them). */
export function splitArgs(value: string): string[] {
  return value.split(',').map((a) => a.trim());
}

export function needContent(rule: RuleDraft, keyword: string): ContentSpec {
  const c = rule.lastContent;
  if (!c) badValue(keyword, 'needs a preceding content');
  return c;
}

/** Record a transform on the sticky buffer in force (Suricata: transforms follow a sticky buffer). */
export function addTransform(rule: RuleDraft, name: TransformName): void {
  const b = rule.currentBuffer;
  if (b === PAYLOAD_BUFFER) badValue(name, 'needs a sticky buffer before it');
  const t = (rule.transforms ??= {});
  (t[b] ??= []).push(name);
}
