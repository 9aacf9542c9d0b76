/**
 * One case table for the candidate verifier (src/alerts/verify.ts): a rule option list, a payload,
 * and whether the rule matches, covering content with offset/depth/distance/within/nocase,
 * startswith/endswith, negation, occurrence retries (a relative content that needs a later
 * occurrence of the previous one), isdataat, pcre (relative), byte_test/byte_jump/byte_extract,
 * bsize, dsize, flags, ttl, itype, flow.
 */
import { describe, expect, it } from 'vitest';
import { RuleVerifier } from '../../../src/alerts/verify.js';
import { loadRuleText } from '../../../src/rules/loader.js';
import { CASES, cand } from './cases.js';

function rule(options: string, header = 'alert tcp any any -> any any'): RuleVerifier {
  const r = loadRuleText(`${header} (${options} sid:1;)`);
  if (r.failures.length) throw new Error(JSON.stringify(r.failures[0]?.issues));
  return new RuleVerifier(r.rules[0]!);
}

describe('RuleVerifier case table', () => {
  it.each(CASES)('%s', (_name, opts, payload, want, over) => {
    expect(rule(opts).verify(cand(payload, over))).toBe(want);
  });

  it('header: addresses, ports and <>', () => {
    expect(rule('', 'alert tcp 10.0.0.0/8 any -> any 80').verify(cand(''))).toBe(true);
    expect(rule('', 'alert tcp !10.0.0.0/8 any -> any 80').verify(cand(''))).toBe(false);
    expect(rule('', 'alert tcp any any -> any 443').verify(cand(''))).toBe(false);
    expect(rule('', 'alert tcp 192.0.2.7 80 <> any any').verify(cand(''))).toBe(true);
    expect(rule('', 'alert tcp 192.0.2.7 80 -> any any').verify(cand(''))).toBe(false);
  });

  it('bounds retries on hostile payloads', () => {
    const v = rule('content:"a"; content:"a"; distance:0; content:"b"; distance:0; within:1;');
    const t0 = performance.now();
    expect(v.verify(cand('a'.repeat(20000)))).toBe(false);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
