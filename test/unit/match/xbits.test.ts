// xbits through the engine: a bit one flow sets is seen by another flow of the same host (ip_src /
// ip_dst) or host pair (ip_pair, either order) until it expires; a rule checking it matches only then.
import { describe, expect, it } from 'vitest';
import { ethernet, ipv4Udp, type PcapRecord } from '../../helpers/capture-builder.js';
import { alertsAt } from '../../helpers/engine.js';

/** UDP datagrams [src, dst, payload, second], each its own flow (source port = index). */
function capture(packets: readonly [string, string, string, number][]): PcapRecord[] {
  return packets.map(([src, dst, payload, sec], i) => ({
    tsNs: BigInt(1_700_000_000 + sec) * 1_000_000_000n,
    data: ethernet(ipv4Udp(src, dst, 20000 + i, 9999, Buffer.from(payload))),
  }));
}

const H = '10.0.0.1';
const OTHER = '10.0.0.7';
const S = '192.0.2.9';

describe('xbits', () => {
  it('track ip_src: set by one flow of a host, seen by its next flows until it expires', async () => {
    const rules =
      'alert udp any any -> any any (content:"login"; xbits:set,seen,track ip_src,expire 10; xbits:noalert; sid:1;)\n' +
      'alert udp any any -> any any (content:"exfil"; xbits:isset,seen,track ip_src; sid:2;)\n' +
      'alert udp any any -> any any (content:"exfil"; xbits:isnotset,seen,track ip_src; sid:3;)';
    const file = capture([
      [H, S, 'exfil', 0], // 1: before the bit: isnotset
      [H, S, 'login', 1], // 2: sets (no alert)
      [H, S, 'exfil', 5], // 3: isset
      [OTHER, S, 'exfil', 6], // 4: another host: isnotset
      [H, S, 'exfil', 12], // 5: expired (set at 1 + 10 s)
    ]);
    expect(await alertsAt(rules, file)).toEqual(['2@3', '3@1', '3@4', '3@5']);
  });

  it('track ip_dst and ip_pair (either direction)', async () => {
    const rules =
      'alert udp any any -> any any (content:"mark"; xbits:set,pair,track ip_pair; xbits:set,dst,track ip_dst; sid:1;)\n' +
      'alert udp any any -> any any (content:"check"; xbits:isset,pair,track ip_pair; sid:2;)\n' +
      'alert udp any any -> any any (content:"check"; xbits:isset,dst,track ip_src; sid:3;)';
    const file = capture([
      [H, S, 'mark', 0], // 1: pair {H,S}; host S
      [S, H, 'check', 1], // 2: pair {S,H} = {H,S}: sid 2; source S has the dst bit: sid 3
      [OTHER, S, 'check', 2], // 3: pair {OTHER,S}: no; source OTHER: no
    ]);
    expect(await alertsAt(rules, file)).toEqual(['1@1', '2@2', '3@2']);
  });
});
