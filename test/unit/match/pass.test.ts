/**
 * `pass` rules, with Suricata's documented semantics (no suricata-verify test in the corpus uses
 * pass, so the cases are hand-made):
 *   - "pass - stop further inspection of the packet" (Suricata 7 user guide, Rules Format § Action);
 *     suricata.yaml `action-order` defaults to pass, drop, reject, alert: a matching pass rule is
 *     considered first, whatever the file order, and the packet raises no alert (the cases of
 *     UtilActionTest10/12 in Suricata's util-action.c);
 *   - detect-engine-alert.c (7.x) FlowApplySignatureActions / RuleActionToFlow: a pass whose rule
 *     is IP-only or whose match is a stream or app-layer match applies to the flow, and no later
 *     packet of the flow is inspected; a packet match of a content rule passes only its packet.
 */
import { describe, expect, it } from 'vitest';
import { compileRuleset } from '../../../src/rules/compile/ruleset.js';
import { loadRuleText } from '../../../src/rules/loader.js';
import { alertsOf } from '../../helpers/alerts.js';
import { pcapFile } from '../../helpers/capture-builder.js';
import { tempFile } from '../../helpers/engine.js';
import { tcpSession, timed, udpFrame } from '../flow/gen.js';

const A = { ip: '10.0.0.1', port: 40000 };
const B = { ip: '10.0.0.2', port: 5000 };

async function sidsPerPacket(frames: Uint8Array[], rules: string): Promise<string[]> {
  const compiled = compileRuleset(loadRuleText(rules).rules);
  expect(compiled.skipped).toEqual([]);
  const path = tempFile(pcapFile(timed(frames)), 'pass.pcap');
  const alerts = await alertsOf(path, compiled);
  return alerts.map((a) => `${a.pktNum}:${a.rule.sid}`).sort();
}

describe('pass rules', () => {
  it('a matching pass rule suppresses the packet’s alerts, before rules listed ahead of it', async () => {
    // util-action.c UtilActionTest10: alert "Hi all" (1), pass "wo" (2), drop "Hi all" (3)
    const rules = [
      'alert udp any any -> any any (msg:"sig 1"; content:"Hi all"; sid:1;)',
      'pass udp any any -> any any (msg:"sig 2"; content:"wo"; sid:2;)',
      'drop udp any any -> any any (msg:"sig 3"; content:"Hi all"; sid:3;)',
    ].join('\n');
    const frames = [udpFrame(A, B, 'Hi all!'), udpFrame(B, A, 'Hi all wo!'), udpFrame(A, B, 'Hi all!')];
    // the pass matched a packet, not the flow: the third packet alerts again
    expect(await sidsPerPacket(frames, rules)).toEqual(['1:1', '1:3', '3:1', '3:3']);
  });

  it('an IP-only pass rule passes its packet and the rest of the flow, both directions', async () => {
    const rules = [
      'alert udp any any -> any any (content:"x"; sid:1;)',
      'pass udp 10.0.0.1 any -> any any (sid:2;)',
    ].join('\n');
    const frames = [udpFrame(B, A, 'x'), udpFrame(A, B, 'x'), udpFrame(B, A, 'x')];
    expect(await sidsPerPacket(frames, rules)).toEqual(['1:1']);
    // without the pass rule every packet alerts
    expect(await sidsPerPacket(frames, rules.split('\n')[0] as string)).toEqual(['1:1', '2:1', '3:1']);
  });

  it('a stream match of a pass rule passes the flow; a packet match of the same rule does not', async () => {
    const rules = [
      'alert tcp any any -> any any (content:"evil"; sid:1;)',
      'pass tcp any any -> any any (content:"trusted"; sid:2;)',
    ].join('\n');
    const session = (first: string[]): Uint8Array[] => {
      let off = 0;
      const toServer = [...first, 'evil', 'evil'].map((data) => {
        const seg = { off, data: Buffer.from(data) };
        off += data.length;
        return seg;
      });
      return tcpSession({ client: A, server: { ip: B.ip, port: 80 }, toServer });
    };
    // "trusted" split over two segments: found in the stream only, so the flow is passed
    expect(await sidsPerPacket(session(['tru', 'sted']), rules)).toEqual([]);
    // "trusted" inside one segment: a packet match, so only that packet is passed
    const alone = await sidsPerPacket(session(['trusted']), rules);
    expect(alone.map((x) => x.split(':')[1])).toEqual(['1', '1']);
  });
});
