/**
 * The address index of header-only rules (IP reputation rules keyed by a narrow IPv4 list) gives
 * exactly the alerts of the linear header-only list, on the demo capture with rules keyed on its
 * hosts (single addresses, ranges, CIDRs, wide lists, negated other side, `<>`, destination port
 * lists, lists with IPv6 addresses or only IPv6 ones, keyed by their first 64 bits) and rules wider
 * than the key span.
 */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/alerts/record.js';
import { createEngine, fromFile } from '../../../src/engine.js';
import { loadRuleText } from '../../../src/rules/loader.js';
import { compileRuleset } from '../../../src/rules/compile/ruleset.js';

const DEMO = new URL('../../../examples/demo/demo.pcap', import.meta.url).pathname;
const RULES = `
alert ip [10.162.229.159,10.35.194.11] any -> any any (msg:"src list"; sid:1;)
alert ip any any -> [155.40.103.0/24,8.8.8.8] any (msg:"dst list"; sid:2;)
alert tcp 10.146.110.0/24 any -> !10.0.0.0/8 80 (msg:"cidr, negated dst, port"; sid:3;)
alert ip 8.8.8.8 any <> any any (msg:"either way"; sid:4;)
alert udp 10.35.194.0-10.35.194.20 any -> any 53 (msg:"range"; sid:5;)
alert tcp any any -> any any (msg:"linear"; flags:S; sid:6;)
alert tcp 10.0.0.0/8 any -> any any (msg:"a wide list (2^24 addresses), keyed"; flags:S; sid:7;)
alert tcp [0.0.0.0/1] any -> any any (msg:"wider than the key span, linear"; flags:SA; sid:8;)
alert tcp !10.0.0.0/8 any -> 10.0.0.0/8 any (msg:"negated source, keyed destination"; flags:SA; sid:9;)
alert ip $HOME_NET any -> [155.40.103.0/24] any (msg:"keyed by the list, not by $HOME_NET"; sid:10;)
alert ip [155.40.0.0/16,8.0.0.0/7] any -> $HOME_NET any (msg:"a list wider than $HOME_NET"; sid:11;)
alert ip [2a07:95ac:fc82:f953:ae3a:e00:9346:c4d1,2a09:b8a4::/32] any -> [fd4e:86f7::/32] any (msg:"IPv6-only lists: never an IPv4 packet"; sid:12;)
alert ip [10.162.229.159,2a09:ec43:3668:5a39:80c1:db98:1628:8f30] any -> any any (msg:"IPv4 and IPv6 list"; sid:13;)
alert ip any any -> [fd4e:86f7:0:f1::/64,2001:db8::1] any (msg:"IPv6-only destination list"; sid:14;)
alert tcp 10.0.0.0/8 any -> any [443,8000:8080,!8001] (msg:"keyed, destination port list"; flags:S; sid:15;)
alert tcp any [443,80] <> 10.0.0.0/8 any (msg:"keyed, either way, source ports"; flags:SA; sid:16;)
alert ip any any <> [2a09:ec43:3668:5a39:80c1:db98:1628:8f30] any (msg:"IPv6, either way"; sid:17;)
alert ip [2a07:95ac:fc82:f953::1] any -> any any (msg:"a host's first 64 bits, not the host: never"; sid:18;)
`;

async function run(addressIndex: boolean): Promise<string[]> {
  const compiled = compileRuleset(loadRuleText(RULES).rules, { addressIndex });
  const engine = createEngine({ workers: 1, rules: compiled, ordered: true });
  const out: Alert[] = [];
  engine.alerts$.subscribe((a) => out.push(a));
  try {
    await engine.run(fromFile(DEMO));
  } finally {
    await engine.close();
  }
  return out.map((a) => `${a.pktNum}:${a.rule.sid}`);
}

describe('header-only address index', () => {
  it('alerts as the linear list does', async () => {
    const indexed = await run(true);
    const linear = await run(false);
    expect(indexed.length).toBeGreaterThan(10);
    for (const sid of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17])
      expect(indexed.some((k) => k.endsWith(`:${sid}`))).toBe(true);
    expect(indexed.some((k) => k.endsWith(':18'))).toBe(false);
    expect(indexed).toEqual(linear);
  });
});
