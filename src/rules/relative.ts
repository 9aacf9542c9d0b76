/**
 * Which payload keywords depend on the cursor the keyword before them leaves (Suricata's relative
 * keywords): a content with distance or within, and pcre / isdataat / byte_test / byte_jump /
 * byte_extract with `relative`. The verifier retries a content at its next occurrence only when a
 * later keyword of its buffer is relative (src/alerts/verify.ts), and the WASM verify programs
 * encode the same retry flags (src/rules/compile/program.ts): one definition for both.
 */
import type { MatchSpec } from './types.js';

export function isRelative(m: MatchSpec): boolean {
  switch (m.kind) {
    case 'content':
      return m.distance !== undefined || m.within !== undefined;
    case 'pcre':
    case 'isdataat':
    case 'byte_test':
    case 'byte_jump':
    case 'byte_extract':
      return m.relative;
    case 'asn1':
      return m.relativeOffset !== undefined;
    default:
      return false;
  }
}
