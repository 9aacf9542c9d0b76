/**
 * fast_pattern: use the preceding content (or a slice of it) as the rule's prefilter pattern
 * instead of the longest one (Suricata "Prefiltering keywords" § fast_pattern). Forms:
 * `fast_pattern;`, `fast_pattern:only;` (Suricata 7 ignores `only`; kept for Snort rules),
 * `fast_pattern:<offset>,<length>;` (the slice must lie inside the content).
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { parseInteger } from '../values/number.js';
import { needContent, splitArgs } from './util.js';

export const meta: KeywordMeta = {
  name: 'fast_pattern',
  summary: 'make the preceding content the prefilter pattern (optionally a slice of it)',
  syntax: 'fast_pattern[:only|:<offset>,<length>];',
  example: 'content:"User-Agent: evil"; fast_pattern:12,4;',
};

export interface FastPatternValue {
  readonly only: boolean;
  readonly offset?: number;
  readonly length?: number;
}

export function parse(value: string | undefined): FastPatternValue {
  if (value === undefined || value.trim() === '') return { only: false };
  const v = value.trim();
  if (v === 'only') return { only: true };
  const args = splitArgs(v);
  if (args.length !== 2) badValue('fast_pattern', `"${v}" is not "only" or <offset>,<length>`);
  const offset = parseInteger('fast_pattern', args[0] as string, 0, 65535);
  const length = parseInteger('fast_pattern', args[1] as string, 1, 65535);
  return { only: false, offset, length };
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: FastPatternValue) {
    const c = needContent(rule, 'fast_pattern');
    if (rule.matches.some((m) => m.kind === 'content' && m.fastPattern && m !== c)) {
      badValue('fast_pattern', 'can be set on one content only');
    }
    if (c.fastPattern) badValue('fast_pattern', 'given twice for one content');
    if (
      spec.offset !== undefined &&
      spec.length !== undefined &&
      spec.offset + spec.length > c.bytes.length
    ) {
      badValue(
        'fast_pattern',
        `slice ${spec.offset},${spec.length} lies outside the ${c.bytes.length}-byte content`,
      );
    }
    c.fastPattern = spec;
  },
});
