/**
 * The factory behind every numeric header keyword (dsize, ttl, tos, ...): they differ only in name,
 * bounds and docs, and all share values/range.ts, as Suricata's DetectU8/U16/U32 keywords do.
 * An app-layer one (dns.opcode) names the pseudo buffer it reads (src/app/buffers.ts
 * TRANSACTION_FIELDS), so the rule is matched per transaction of that protocol.
 */
import { defineKeyword, type Keyword, type KeywordMeta } from '../keyword.js';
import type { RangeCondition, RangeKeyword } from '../types.js';
import { parseRange } from '../values/range.js';
import { once, requireValue } from './util.js';

export function rangeKeyword(
  meta: KeywordMeta & { name: RangeKeyword },
  max: number,
  preprocess: (v: string) => string = (v) => v,
  appBuffer?: string,
): Keyword<unknown> {
  return defineKeyword({
    meta,
    parse(value): RangeCondition {
      return {
        kind: meta.name,
        range: parseRange(meta.name, preprocess(requireValue(meta.name, value)), 0, max),
      };
    },
    apply(rule, spec: RangeCondition) {
      once(rule, meta.name);
      rule.conditions.push(spec);
      if (appBuffer !== undefined && !rule.buffers.includes(appBuffer)) rule.buffers.push(appBuffer);
    },
  });
}
