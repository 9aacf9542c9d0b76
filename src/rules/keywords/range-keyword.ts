/**
 * The factory behind every numeric header keyword (dsize, ttl, tos, ...): they differ only in name,
 * bounds and docs, and all share values/range.ts, as Suricata's DetectU8/U16/U32 keywords do.
 * An app-layer one (dns.opcode) names the pseudo buffer it reads (src/app/buffers.ts
 * TRANSACTION_FIELDS), so the rule is matched per transaction of that protocol.
 */
import { defineKeyword, type Keyword, type KeywordMeta } from '../keyword.js';
import type { RangeCondition, RangeKeyword } from '../types.js';
import { parseRange } from '../values/range.js';
import { noValue, once, requireValue } from './util.js';
import { RANGE_KEYWORD_OPS, type ProgramWriter } from '../compile/opcodes.js';

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

/**
 * A keyword without a value that holds when an app-layer transaction field is 1
 * (tls_cert_expired, tls_cert_valid): a RangeCondition `= 1` on the field, so the verifier reads
 * it like the numeric ones (src/app/fields.ts).
 */
export function fieldFlagKeyword(meta: KeywordMeta & { name: RangeKeyword }): Keyword<unknown> {
  return defineKeyword({
    meta,
    parse(value): RangeCondition {
      noValue(meta.name, value);
      return { kind: meta.name, range: { op: 'eq', value: 1, max: 1 } };
    },
    apply(rule, spec: RangeCondition) {
      once(rule, meta.name);
      rule.conditions.push(spec);
      if (!rule.buffers.includes(meta.name)) rule.buffers.push(meta.name);
    },
  });
}

/**
 * Program form of every numeric packet-header keyword (assembly/verify/<kw>.ts): its opcode, the
 * range. Transaction fields (dns.opcode, tls_cert_*) have none: program.ts leaves them to verify.ts.
 */
export function encode(s: RangeCondition & { kind: keyof typeof RANGE_KEYWORD_OPS }, w: ProgramWriter): void {
  w.op(RANGE_KEYWORD_OPS[s.kind]);
  w.range(s.range);
}
